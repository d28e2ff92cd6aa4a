package io.tripline.stack.registry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How the store materialises schemas-topic records, including races between registries. */
class RegistrySchemaStoreTest {

    private static final String S1 = "{\"type\":\"record\",\"name\":\"A\",\"fields\":[{\"name\":\"a\",\"type\":\"string\"}]}";
    private static final String S2 = "{\"type\":\"record\",\"name\":\"B\",\"fields\":[{\"name\":\"b\",\"type\":\"int\"}]}";

    private final SchemaStore store = new SchemaStore();
    private long offset;

    @Test
    void shouldApplySchemaRecordsInOrder() {
        apply(RegistryRecordCodec.schemaKey("s", 1), value("s", 1, 1, S1, false));
        apply(RegistryRecordCodec.schemaKey("s", 2), value("s", 2, 2, S2, false));

        assertThat(store.subjects(false)).containsExactly("s");
        assertThat(store.versions("s", false)).extracting(StoredSchema::id).containsExactly(1, 2);
        assertThat(store.schemaById(2)).contains(AvroSchemas.canonicalOrRaw(S2));
        assertThat(store.maxId()).isEqualTo(2);
        assertThat(store.maxVersion("s")).isEqualTo(2);
    }

    @Test
    void shouldKeepTheEarlierSchemaWhenTwoRegistriesWroteTheSameId() {
        assertThat(apply(RegistryRecordCodec.schemaKey("a", 1), value("a", 1, 7, S1, false)))
                .isEqualTo(SchemaStore.Outcome.APPLIED);
        assertThat(apply(RegistryRecordCodec.schemaKey("b", 1), value("b", 1, 7, S2, false)))
                .isEqualTo(SchemaStore.Outcome.CONFLICT);

        assertThat(store.schemaById(7)).contains(AvroSchemas.canonicalOrRaw(S1));
        assertThat(store.subjects(true)).containsExactly("a");
    }

    @Test
    void shouldKeepTheEarlierIdWhenTwoRegistriesWroteTheSameSubjectVersion() {
        apply(RegistryRecordCodec.schemaKey("s", 1), value("s", 1, 1, S1, false));
        assertThat(apply(RegistryRecordCodec.schemaKey("s", 1), value("s", 1, 2, S2, false)))
                .isEqualTo(SchemaStore.Outcome.CONFLICT);

        assertThat(store.version("s", 1)).get().extracting(StoredSchema::id).isEqualTo(1);
        assertThat(store.schemaById(2)).isEmpty();
    }

    @Test
    void shouldLetTheSameSchemaShareAnIdAcrossSubjects() {
        apply(RegistryRecordCodec.schemaKey("a", 1), value("a", 1, 1, S1, false));
        apply(RegistryRecordCodec.schemaKey("b", 1), value("b", 1, 1, S1, false));

        assertThat(store.usagesOf(1, false)).extracting(StoredSchema::subject).containsExactly("a", "b");
        assertThat(store.idOf(AvroSchemas.canonicalOrRaw(S1))).contains(1);
    }

    @Test
    void shouldHideSoftDeletedVersionsButStillResolveTheirIds() {
        apply(RegistryRecordCodec.schemaKey("s", 1), value("s", 1, 1, S1, false));
        apply(RegistryRecordCodec.schemaKey("s", 1), value("s", 1, 1, S1, true));

        assertThat(store.subjects(false)).isEmpty();
        assertThat(store.subjects(true)).containsExactly("s");
        assertThat(store.schemaById(1)).isPresent();
    }

    @Test
    void shouldSoftDeleteEveryVersionUpToTheWatermarkOfADeleteSubjectRecord() {
        apply(RegistryRecordCodec.schemaKey("s", 1), value("s", 1, 1, S1, false));
        apply(RegistryRecordCodec.schemaKey("s", 2), value("s", 2, 2, S2, false));
        apply(RegistryRecordCodec.deleteSubjectKey("s"), RegistryRecordCodec.deleteSubjectValue("s", 2));

        assertThat(store.versions("s", false)).isEmpty();
        assertThat(store.versions("s", true)).allMatch(StoredSchema::deleted);
    }

    @Test
    void shouldForgetAnIdAfterATombstoneButNeverReuseIt() {
        apply(RegistryRecordCodec.schemaKey("s", 1), value("s", 1, 5, S1, true));
        apply(RegistryRecordCodec.schemaKey("s", 1), null);

        assertThat(store.schemaById(5)).isEmpty();
        assertThat(store.subjects(true)).isEmpty();
        assertThat(store.maxId()).isEqualTo(5);
    }

    @Test
    void shouldTrackGlobalAndSubjectCompatibilityLevels() {
        assertThat(store.globalLevel()).isEqualTo(CompatibilityLevel.BACKWARD);
        apply(RegistryRecordCodec.configKey(null), RegistryRecordCodec.configValue(CompatibilityLevel.FULL));
        apply(RegistryRecordCodec.configKey("s"), RegistryRecordCodec.configValue(CompatibilityLevel.NONE));

        assertThat(store.effectiveLevel("s")).isEqualTo(CompatibilityLevel.NONE);
        assertThat(store.effectiveLevel("t")).isEqualTo(CompatibilityLevel.FULL);

        apply(RegistryRecordCodec.configKey("s"), null);
        assertThat(store.subjectLevel("s")).isEmpty();
        assertThat(store.effectiveLevel("s")).isEqualTo(CompatibilityLevel.FULL);
    }

    @Test
    void shouldReadRecordsAsConfluentsRegistryWritesThem() {
        // Verbatim shapes from a cp-schema-registry _schemas topic, including fields we do not use.
        apply("{\"keytype\":\"NOOP\",\"magic\":0}", null);
        apply("{\"keytype\":\"SCHEMA\",\"subject\":\"orders-value\",\"version\":1,\"magic\":1}",
                "{\"subject\":\"orders-value\",\"version\":1,\"id\":1,\"schema\":\"\\\"string\\\"\","
                        + "\"references\":[],\"deleted\":false}");
        apply("{\"keytype\":\"CONFIG\",\"subject\":null,\"magic\":0}", "{\"compatibilityLevel\":\"FORWARD\"}");

        assertThat(store.version("orders-value", 1)).get().extracting(StoredSchema::schema).isEqualTo("\"string\"");
        assertThat(store.globalLevel()).isEqualTo(CompatibilityLevel.FORWARD);
    }

    @Test
    void shouldWriteKeysAndValuesInConfluentsFieldOrder() {
        assertThat(RegistryRecordCodec.schemaKey("s", 3))
                .isEqualTo("{\"keytype\":\"SCHEMA\",\"subject\":\"s\",\"version\":3,\"magic\":1}");
        assertThat(RegistryRecordCodec.schemaValue(new StoredSchema("s", 3, 9, "\"int\"", false)))
                .isEqualTo("{\"subject\":\"s\",\"version\":3,\"id\":9,\"schema\":\"\\\"int\\\"\",\"deleted\":false}");
        assertThat(RegistryRecordCodec.configKey(null))
                .isEqualTo("{\"keytype\":\"CONFIG\",\"subject\":null,\"magic\":0}");
        assertThat(RegistryRecordCodec.configValue(CompatibilityLevel.FULL))
                .isEqualTo("{\"compatibilityLevel\":\"FULL\"}");
    }

    private SchemaStore.Outcome apply(String key, String value) {
        return store.apply(RegistryRecordCodec.decode(key, value), offset++);
    }

    private static String value(String subject, int version, int id, String schema, boolean deleted) {
        return RegistryRecordCodec.schemaValue(new StoredSchema(subject, version, id, schema, deleted));
    }
}
