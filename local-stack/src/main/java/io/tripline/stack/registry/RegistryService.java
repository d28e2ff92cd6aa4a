package io.tripline.stack.registry;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry's operations with Confluent's semantics: reads come from the {@link SchemaStore},
 * writes go through the {@link RegistryLog} and are read back before answering.
 *
 * <p><b>Ids across processes.</b> Without Confluent's leader election, each process picks
 * {@code max id seen + 1} (or the id the same schema already has) and the next free version. Two
 * processes can pick the same id or the same subject version at once; the store keeps whichever
 * record is earlier in the log, so every process agrees. The loser sees, after reading its own
 * record back, that it did not stick and retries with fresh numbers. If it lost a subject version,
 * it first re-writes the winner's record under that key: compaction keeps the latest record per
 * key, which would otherwise be the loser's.
 *
 * <p>Writes within one process are serialised by a lock, so only separate processes can race.
 */
public final class RegistryService {

    private static final Logger LOG = LoggerFactory.getLogger(RegistryService.class);
    private static final int MAX_ATTEMPTS = 10;

    private final SchemaStore store;
    private final RegistryLog log;
    private final ReentrantLock writeLock = new ReentrantLock();

    public RegistryService(SchemaStore store, RegistryLog log) {
        this.store = store;
        this.log = log;
    }

    /**
     * Registers a schema under a subject and returns its global id; an identical live schema keeps
     * its id and gets no new version.
     *
     * @throws RegistryException 42201 invalid schema, 409 incompatible
     */
    public int register(String subject, String schemaText) {
        Schema parsed = AvroSchemas.parse(schemaText);
        String canonical = AvroSchemas.canonical(parsed);
        writeLock.lock();
        try {
            for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
                Optional<StoredSchema> existing = findLive(subject, canonical);
                if (existing.isPresent()) {
                    return existing.get().id();
                }
                List<String> problems = CompatibilityChecker.check(
                        parsed, previous(store.versions(subject, false)), store.effectiveLevel(subject));
                if (!problems.isEmpty()) {
                    throw RegistryException.incompatible(subject, problems);
                }
                int id = store.idOf(canonical).orElse(store.maxId() + 1);
                int version = store.maxVersion(subject) + 1;
                StoredSchema candidate = new StoredSchema(subject, version, id, canonical, false);
                log.write(RegistryRecordCodec.schemaKey(subject, version),
                        RegistryRecordCodec.schemaValue(candidate));
                if (stuck(candidate)) {
                    LOG.info("Registered {} version {} with id {}", subject, version, id);
                    return id;
                }
                LOG.info("Lost a race for {} version {} / id {} to another registry (attempt {}), retrying",
                        subject, version, id, attempt);
                restoreWinner(candidate);
            }
            throw RegistryException.storeError("Could not register a schema under " + subject + " after "
                    + MAX_ATTEMPTS + " attempts: other registries keep taking the same ids");
        } finally {
            writeLock.unlock();
        }
    }

    private boolean stuck(StoredSchema candidate) {
        return store.version(candidate.subject(), candidate.version())
                        .filter(s -> s.id() == candidate.id() && !s.deleted()).isPresent()
                && store.schemaById(candidate.id()).filter(candidate.schema()::equals).isPresent();
    }

    private void restoreWinner(StoredSchema ours) {
        store.version(ours.subject(), ours.version())
                .filter(winner -> !winner.equals(ours))
                .ifPresent(winner -> log.write(RegistryRecordCodec.schemaKey(winner.subject(), winner.version()),
                        RegistryRecordCodec.schemaValue(winner)));
    }

    private Optional<StoredSchema> findLive(String subject, String canonical) {
        return store.versions(subject, false).stream()
                .filter(s -> s.schema().equals(canonical))
                .reduce((first, second) -> second);
    }

    private static List<CompatibilityChecker.Previous> previous(List<StoredSchema> versions) {
        return versions.stream()
                .map(s -> new CompatibilityChecker.Previous(s.version(), AvroSchemas.parse(s.schema())))
                .toList();
    }

    /**
     * The version of a subject holding this schema.
     *
     * @throws RegistryException 40401 unknown subject, 40403 schema not under it
     */
    public StoredSchema lookup(String subject, String schemaText, boolean includeDeleted) {
        List<StoredSchema> versions = store.versions(subject, includeDeleted);
        if (versions.isEmpty()) {
            throw RegistryException.subjectNotFound(subject);
        }
        String canonical = AvroSchemas.canonical(AvroSchemas.parse(schemaText));
        return versions.stream()
                .filter(s -> s.schema().equals(canonical))
                .reduce((first, second) -> second)
                .orElseThrow(RegistryException::schemaNotFound);
    }

    /** @throws RegistryException 40403 unknown id */
    public String schemaById(int id) {
        return store.schemaById(id).orElseThrow(() -> RegistryException.schemaNotFound(id));
    }

    /** Subject versions using an id. @throws RegistryException 40403 unknown id */
    public List<StoredSchema> usagesOf(int id, boolean includeDeleted) {
        schemaById(id);
        return store.usagesOf(id, includeDeleted);
    }

    public List<String> subjects(boolean includeDeleted) {
        return store.subjects(includeDeleted);
    }

    /** @throws RegistryException 40401 unknown subject */
    public List<StoredSchema> versions(String subject, boolean includeDeleted) {
        List<StoredSchema> versions = store.versions(subject, includeDeleted);
        if (versions.isEmpty()) {
            throw RegistryException.subjectNotFound(subject);
        }
        return versions;
    }

    /**
     * A version by number, or {@code latest} / {@code -1}.
     *
     * @throws RegistryException 40401 unknown subject, 40402 unknown version, 42202 invalid version
     */
    public StoredSchema version(String subject, String versionSpec, boolean includeDeleted) {
        int requested = parseVersion(versionSpec);
        List<StoredSchema> versions = versions(subject, includeDeleted);
        if (requested == -1) {
            return versions.get(versions.size() - 1);
        }
        return versions.stream().filter(s -> s.version() == requested).findFirst()
                .orElseThrow(() -> RegistryException.versionNotFound(requested));
    }

    /** {@code latest} and -1 mean the latest version (-1 is returned for both). */
    static int parseVersion(String versionSpec) {
        if ("latest".equalsIgnoreCase(versionSpec)) {
            return -1;
        }
        try {
            int version = Integer.parseInt(versionSpec);
            if (version == -1 || version >= 1) {
                return version;
            }
        } catch (NumberFormatException e) {
            // fall through to Confluent's 42202
        }
        throw RegistryException.invalidVersion(versionSpec);
    }

    /**
     * Tests a schema against a subject's versions under the subject's level: all versions when
     * {@code versionSpec} is null or latest (the level decides how many count), else that one only.
     *
     * @return incompatibilities; empty when compatible
     */
    public List<String> testCompatibility(String subject, String versionSpec, String schemaText) {
        Schema parsed = AvroSchemas.parse(schemaText);
        List<StoredSchema> against;
        if (versionSpec == null || parseVersion(versionSpec) == -1) {
            against = versions(subject, false);
        } else {
            against = List.of(version(subject, versionSpec, false));
        }
        return CompatibilityChecker.check(parsed, previous(against), store.effectiveLevel(subject));
    }

    public CompatibilityLevel globalLevel() {
        return store.globalLevel();
    }

    public Optional<CompatibilityLevel> subjectLevel(String subject) {
        return store.subjectLevel(subject);
    }

    /** Sets the global level ({@code subject == null}) or a subject's own level. */
    public void setLevel(String subject, CompatibilityLevel level) {
        writeLock.lock();
        try {
            log.write(RegistryRecordCodec.configKey(subject), RegistryRecordCodec.configValue(level));
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Removes a subject's own level so it follows the global one again.
     *
     * @return the level it had
     * @throws RegistryException 40401 unknown subject, 40408 no subject-level config
     */
    public CompatibilityLevel deleteSubjectLevel(String subject) {
        writeLock.lock();
        try {
            CompatibilityLevel previous = store.subjectLevel(subject).orElseThrow(() ->
                    store.versions(subject, true).isEmpty()
                            ? RegistryException.subjectNotFound(subject)
                            : RegistryException.subjectLevelConfigNotFound(subject));
            log.write(RegistryRecordCodec.configKey(subject), null);
            return previous;
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Soft-deletes a subject (Confluent's DELETE_SUBJECT record, plus dropping its own level), or
     * with {@code permanent} removes its soft-deleted versions with tombstones.
     *
     * @return the versions deleted
     */
    public List<Integer> deleteSubject(String subject, boolean permanent) {
        writeLock.lock();
        try {
            List<StoredSchema> all = store.versions(subject, true);
            if (all.isEmpty()) {
                throw RegistryException.subjectNotFound(subject);
            }
            List<StoredSchema> live = store.versions(subject, false);
            if (permanent) {
                if (!live.isEmpty()) {
                    throw RegistryException.subjectNotSoftDeleted(subject);
                }
                for (StoredSchema s : all) {
                    log.write(RegistryRecordCodec.schemaKey(subject, s.version()), null);
                }
                return all.stream().map(StoredSchema::version).toList();
            }
            if (live.isEmpty()) {
                throw RegistryException.subjectSoftDeleted(subject);
            }
            int watermark = live.get(live.size() - 1).version();
            log.write(RegistryRecordCodec.deleteSubjectKey(subject),
                    RegistryRecordCodec.deleteSubjectValue(subject, watermark));
            if (store.subjectLevel(subject).isPresent()) {
                log.write(RegistryRecordCodec.configKey(subject), null);
            }
            return live.stream().map(StoredSchema::version).toList();
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Soft-deletes one version, or with {@code permanent} removes an already soft-deleted one.
     *
     * @return the version deleted
     */
    public int deleteVersion(String subject, String versionSpec, boolean permanent) {
        writeLock.lock();
        try {
            int requested = parseVersion(versionSpec);
            if (store.versions(subject, true).isEmpty()) {
                throw RegistryException.subjectNotFound(subject);
            }
            StoredSchema target = requested == -1
                    ? version(subject, versionSpec, false)
                    : store.version(subject, requested)
                            .orElseThrow(() -> RegistryException.versionNotFound(requested));
            if (permanent) {
                if (!target.deleted()) {
                    throw RegistryException.versionNotSoftDeleted(subject, target.version());
                }
                log.write(RegistryRecordCodec.schemaKey(subject, target.version()), null);
            } else {
                if (target.deleted()) {
                    throw RegistryException.versionSoftDeleted(subject, target.version());
                }
                log.write(RegistryRecordCodec.schemaKey(subject, target.version()),
                        RegistryRecordCodec.schemaValue(target.asDeleted()));
            }
            return target.version();
        } finally {
            writeLock.unlock();
        }
    }
}
