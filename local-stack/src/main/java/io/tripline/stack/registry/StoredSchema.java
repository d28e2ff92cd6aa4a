package io.tripline.stack.registry;

/**
 * One version of a subject as materialised from the schemas topic.
 *
 * @param subject the subject, e.g. {@code tripline.findings-value}
 * @param version 1-based version within the subject
 * @param id global schema id (the 4 bytes after the magic byte on the wire)
 * @param schema the schema text in Avro's parsed form, which is also what Confluent stores
 * @param deleted soft-deleted: still resolvable by id, hidden from subject listings
 */
public record StoredSchema(String subject, int version, int id, String schema, boolean deleted) {

    StoredSchema asDeleted() {
        return new StoredSchema(subject, version, id, schema, true);
    }
}
