package io.tripline.stack.registry;

/**
 * A decoded record of the schemas topic. The variants mirror the key types Confluent's registry
 * writes, so both registries can share one {@code _schemas} topic.
 */
public sealed interface RegistryRecord {

    /** {@code SCHEMA} key with a value: a subject version was registered or (soft) deleted. */
    record SchemaRecord(StoredSchema schema) implements RegistryRecord {}

    /** {@code SCHEMA} key with a null value: a version was permanently deleted. */
    record SchemaTombstone(String subject, int version) implements RegistryRecord {}

    /**
     * {@code CONFIG} key: the compatibility level of a subject, or the global one when
     * {@code subject} is null; a null {@code level} (tombstone) removes a subject's own level.
     */
    record ConfigRecord(String subject, CompatibilityLevel level) implements RegistryRecord {}

    /** {@code DELETE_SUBJECT} key: every version up to {@code version} is soft-deleted. */
    record DeleteSubjectRecord(String subject, int version) implements RegistryRecord {}

    /** {@code CLEAR_SUBJECT} key: soft-deleted versions of the subject are gone for good. */
    record ClearSubjectRecord(String subject) implements RegistryRecord {}

    /** Key types we read past (NOOP, MODE, CONTEXT, ...): they carry nothing this registry uses. */
    record Ignored(String keyType) implements RegistryRecord {}
}
