package io.tripline.stack.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry's state, materialised by applying the schemas topic in offset order. It knows
 * nothing about Kafka or HTTP, so the same records always give the same state, in every process.
 *
 * <p>Conflicts between registry processes are settled here, deterministically: the record earlier
 * in the log wins. A schema record is refused when its subject version is already taken by another
 * id, or when its id already names a different schema. The writer that lost notices after reading
 * its own record back and retries (see {@link RegistryService}).
 *
 * <p>Thread-safe: one reader thread applies, HTTP threads query.
 */
public final class SchemaStore {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaStore.class);

    /** What {@link #apply} did with a record. */
    public enum Outcome { APPLIED, CONFLICT, IGNORED }

    private final Map<String, TreeMap<Integer, StoredSchema>> subjects = new TreeMap<>();
    private final Map<Integer, String> schemaById = new HashMap<>();
    private final Map<Integer, Set<String>> refsById = new HashMap<>();
    private final Map<String, Integer> idBySchema = new HashMap<>();
    private final Map<String, CompatibilityLevel> subjectLevels = new HashMap<>();
    private CompatibilityLevel globalLevel;
    private int maxId;

    /** Applies one record; {@code offset} is only used in log lines. */
    public synchronized Outcome apply(RegistryRecord record, long offset) {
        if (record instanceof RegistryRecord.SchemaRecord r) {
            return applySchema(r.schema(), offset);
        } else if (record instanceof RegistryRecord.SchemaTombstone t) {
            removeVersion(t.subject(), t.version());
            return Outcome.APPLIED;
        } else if (record instanceof RegistryRecord.ConfigRecord c) {
            if (c.subject() == null) {
                globalLevel = c.level();
            } else if (c.level() == null) {
                subjectLevels.remove(c.subject());
            } else {
                subjectLevels.put(c.subject(), c.level());
            }
            return Outcome.APPLIED;
        } else if (record instanceof RegistryRecord.DeleteSubjectRecord d) {
            TreeMap<Integer, StoredSchema> versions = subjects.get(d.subject());
            if (versions != null) {
                versions.headMap(d.version(), true).replaceAll((v, s) -> s.asDeleted());
            }
            return Outcome.APPLIED;
        } else if (record instanceof RegistryRecord.ClearSubjectRecord c) {
            TreeMap<Integer, StoredSchema> versions = subjects.get(c.subject());
            if (versions != null) {
                new ArrayList<>(versions.values()).stream()
                        .filter(StoredSchema::deleted)
                        .forEach(s -> removeVersion(s.subject(), s.version()));
            }
            return Outcome.APPLIED;
        }
        return Outcome.IGNORED;
    }

    private Outcome applySchema(StoredSchema schema, long offset) {
        String canonical = AvroSchemas.canonicalOrRaw(schema.schema());
        StoredSchema existing = version(schema.subject(), schema.version()).orElse(null);
        if (existing != null && existing.id() != schema.id()) {
            LOG.warn("Schemas topic offset {}: {} version {} already has id {}, ignoring the later id {}",
                    offset, schema.subject(), schema.version(), existing.id(), schema.id());
            return Outcome.CONFLICT;
        }
        String known = schemaById.get(schema.id());
        if (known != null && !known.equals(canonical)) {
            LOG.warn("Schemas topic offset {}: id {} already names another schema, ignoring {} version {}",
                    offset, schema.id(), schema.subject(), schema.version());
            return Outcome.CONFLICT;
        }
        StoredSchema stored = new StoredSchema(
                schema.subject(), schema.version(), schema.id(), canonical, schema.deleted());
        subjects.computeIfAbsent(schema.subject(), s -> new TreeMap<>()).put(schema.version(), stored);
        schemaById.put(schema.id(), canonical);
        refsById.computeIfAbsent(schema.id(), i -> new LinkedHashSet<>())
                .add(ref(schema.subject(), schema.version()));
        idBySchema.putIfAbsent(canonical, schema.id());
        maxId = Math.max(maxId, schema.id());
        return Outcome.APPLIED;
    }

    private void removeVersion(String subject, int version) {
        TreeMap<Integer, StoredSchema> versions = subjects.get(subject);
        if (versions == null) {
            return;
        }
        StoredSchema removed = versions.remove(version);
        if (versions.isEmpty()) {
            subjects.remove(subject);
        }
        if (removed == null) {
            return;
        }
        Set<String> refs = refsById.get(removed.id());
        if (refs != null) {
            refs.remove(ref(subject, version));
            if (refs.isEmpty()) {
                // Nothing points at the id any more: it 404s like in Confluent, but maxId keeps it unused.
                refsById.remove(removed.id());
                String schema = schemaById.remove(removed.id());
                idBySchema.remove(schema, removed.id());
            }
        }
    }

    private static String ref(String subject, int version) {
        return version + "\u0000" + subject;
    }

    /** Subjects with at least one live version (or any version when {@code includeDeleted}). */
    public synchronized List<String> subjects(boolean includeDeleted) {
        List<String> names = new ArrayList<>();
        subjects.forEach((name, versions) -> {
            if (includeDeleted || versions.values().stream().anyMatch(s -> !s.deleted())) {
                names.add(name);
            }
        });
        return names;
    }

    /** Versions of a subject in ascending order; empty when the subject has none. */
    public synchronized List<StoredSchema> versions(String subject, boolean includeDeleted) {
        TreeMap<Integer, StoredSchema> versions = subjects.get(subject);
        if (versions == null) {
            return List.of();
        }
        return versions.values().stream().filter(s -> includeDeleted || !s.deleted()).toList();
    }

    /** A version regardless of its deleted flag. */
    public synchronized Optional<StoredSchema> version(String subject, int version) {
        TreeMap<Integer, StoredSchema> versions = subjects.get(subject);
        return versions == null ? Optional.empty() : Optional.ofNullable(versions.get(version));
    }

    /** Highest version number ever used by the subject (deleted ones included), 0 if none. */
    public synchronized int maxVersion(String subject) {
        TreeMap<Integer, StoredSchema> versions = subjects.get(subject);
        return versions == null || versions.isEmpty() ? 0 : versions.lastKey();
    }

    /** Schema text of an id; soft-deleted versions still resolve, as consumers need old ids. */
    public synchronized Optional<String> schemaById(int id) {
        return Optional.ofNullable(schemaById.get(id));
    }

    /** The id first given to this canonical schema, under any subject. */
    public synchronized Optional<Integer> idOf(String canonicalSchema) {
        return Optional.ofNullable(idBySchema.get(canonicalSchema));
    }

    /** Subject versions that use an id, in registration order. */
    public synchronized List<StoredSchema> usagesOf(int id, boolean includeDeleted) {
        List<StoredSchema> usages = new ArrayList<>();
        for (String ref : refsById.getOrDefault(id, Set.of())) {
            int sep = ref.indexOf('\u0000');
            version(ref.substring(sep + 1), Integer.parseInt(ref.substring(0, sep)))
                    .filter(s -> includeDeleted || !s.deleted())
                    .ifPresent(usages::add);
        }
        return usages;
    }

    /** Highest id ever seen; ids are never reused, even after a permanent delete. */
    public synchronized int maxId() {
        return maxId;
    }

    /** The global level, BACKWARD unless configured. */
    public synchronized CompatibilityLevel globalLevel() {
        return globalLevel == null ? CompatibilityLevel.DEFAULT : globalLevel;
    }

    /** The subject's own level, if it has one. */
    public synchronized Optional<CompatibilityLevel> subjectLevel(String subject) {
        return Optional.ofNullable(subjectLevels.get(subject));
    }

    /** The level that governs registrations to a subject. */
    public synchronized CompatibilityLevel effectiveLevel(String subject) {
        return subjectLevel(subject).orElseGet(this::globalLevel);
    }
}
