package io.tripline.core.registry;

import org.apache.avro.Schema;

/**
 * What the Avro serde needs from a schema registry: an id for a schema under a subject, and the schema
 * behind an id. {@link SchemaRegistryClient} talks to a Confluent-compatible registry over HTTP;
 * {@link InMemorySchemaRegistry} serves offline replays, where no broker or registry runs.
 */
public interface SchemaRegistry {

    /** Registers {@code schema} under {@code subject} if needed and returns its global id. */
    int register(String subject, Schema schema);

    /** The id of {@code schema} under {@code subject} without registering it. */
    int idOf(String subject, Schema schema);

    /** The schema with global id {@code id}. */
    Schema schemaById(int id);
}
