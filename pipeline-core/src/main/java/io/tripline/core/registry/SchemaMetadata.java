package io.tripline.core.registry;

/** A registered schema version: subject, version, global id and the schema text. */
public record SchemaMetadata(String subject, int version, int id, String schema) {
}
