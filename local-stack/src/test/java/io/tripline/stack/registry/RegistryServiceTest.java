package io.tripline.stack.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Registration semantics and race handling, on an in-memory log. */
class RegistryServiceTest {

    private static final String V1 = "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"string\"}]}";
    private static final String V2 = "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"string\"},"
            + "{\"name\":\"b\",\"type\":\"int\",\"default\":0}]}";
    private static final String V2_REQUIRED = "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"string\"},"
            + "{\"name\":\"b\",\"type\":\"int\"}]}";
    private static final String V3 = "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"string\"},"
            + "{\"name\":\"c\",\"type\":\"string\",\"default\":\"x\"}]}";
    private static final String OTHER = "{\"type\":\"record\",\"name\":\"O\",\"fields\":[{\"name\":\"o\",\"type\":\"long\"}]}";

    private final SchemaStore store = new SchemaStore();
    private final InMemoryRegistryLog log = new InMemoryRegistryLog(store);
    private final RegistryService service = new RegistryService(store, log);

    @Test
    void shouldReturnTheSameIdWithoutANewVersionWhenTheSameSchemaIsRegisteredAgain() {
        int id = service.register("s", V1);
        String reformatted = V1.replace(",", " ,\n  ").replace(":", " : ");

        assertThat(service.register("s", reformatted)).isEqualTo(id);
        assertThat(service.versions("s", false)).hasSize(1);
    }

    @Test
    void shouldReuseTheGlobalIdWhenAnotherSubjectRegistersTheSameSchema() {
        int id = service.register("a", V1);

        assertThat(service.register("b", V1)).isEqualTo(id);
        assertThat(service.usagesOf(id, false)).extracting(StoredSchema::subject).containsExactly("a", "b");
    }

    @Test
    void shouldRefuseAnIncompatibleSchemaWith409() {
        service.register("s", V1);

        assertThatThrownBy(() -> service.register("s", V2_REQUIRED))
                .isInstanceOfSatisfying(RegistryException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(409);
                    assertThat(e.errorCode()).isEqualTo(409);
                    assertThat(e.getMessage()).startsWith(
                            "Schema being registered is incompatible with an earlier schema for subject \"s\", details: [");
                });
    }

    @Test
    void shouldFollowTheSubjectLevelOverTheGlobalOne() {
        service.register("s", V1);
        service.setLevel("s", CompatibilityLevel.NONE);

        assertThat(service.register("s", V2_REQUIRED)).isEqualTo(2);
    }

    @Test
    void shouldRefuseInvalidAvroWith42201() {
        assertThatThrownBy(() -> service.register("s", "{\"type\":\"record\",\"name\":\"R\"}"))
                .isInstanceOfSatisfying(RegistryException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(42201));
    }

    @Test
    void shouldRetryWithANewIdWhenAnotherRegistryTookTheIdFirst() {
        RacingLog racing = new RacingLog(log,
                RegistryRecordCodec.schemaKey("elsewhere", 1),
                RegistryRecordCodec.schemaValue(new StoredSchema("elsewhere", 1, 1, OTHER, false)));
        RegistryService contender = new RegistryService(store, racing);

        int id = contender.register("s", V1);

        assertThat(id).isEqualTo(2);
        assertThat(service.schemaById(1)).contains("\"O\"");
        assertThat(service.version("s", "latest", false).id()).isEqualTo(2);
    }

    @Test
    void shouldTakeTheNextVersionAndRestoreTheWinnerWhenAnotherRegistryTookTheVersionFirst() {
        service.register("s", V1);
        String winner = RegistryRecordCodec.schemaValue(
                new StoredSchema("s", 2, 2, AvroSchemas.canonicalOrRaw(V2), false));
        RegistryService contender = new RegistryService(store,
                new RacingLog(log, RegistryRecordCodec.schemaKey("s", 2), winner));

        int id = contender.register("s", V3);

        assertThat(id).isEqualTo(3);
        assertThat(service.versions("s", false)).extracting(StoredSchema::id).containsExactly(1, 2, 3);
        assertThat(service.version("s", "2", false).schema()).isEqualTo(AvroSchemas.canonicalOrRaw(V2));
        // The winner's record was written again after ours, so compaction keeps it rather than the loser's.
        assertThat(log.entries()).extracting(InMemoryRegistryLog.Entry::value).filteredOn(winner::equals).hasSize(2);
    }

    @Test
    void shouldSoftDeleteThenPermanentlyDeleteASubject() {
        service.register("s", V1);
        service.register("s", V2);

        assertThat(service.deleteSubject("s", false)).containsExactly(1, 2);
        assertThat(service.subjects(false)).isEmpty();
        assertThatThrownBy(() -> service.deleteSubject("s", false))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(40404));
        assertThat(service.deleteSubject("s", true)).containsExactly(1, 2);
        assertThat(service.subjects(true)).isEmpty();
    }

    /** A log on which another registry's record lands just before our first write. */
    private static final class RacingLog implements RegistryLog {
        private final RegistryLog delegate;
        private final List<String[]> pending = new ArrayList<>();

        RacingLog(RegistryLog delegate, String key, String value) {
            this.delegate = delegate;
            pending.add(new String[] {key, value});
        }

        @Override
        public void write(String key, String value) {
            pending.forEach(r -> delegate.write(r[0], r[1]));
            pending.clear();
            delegate.write(key, value);
        }

        @Override
        public void close() {}
    }
}
