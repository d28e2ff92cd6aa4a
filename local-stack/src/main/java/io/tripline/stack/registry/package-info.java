/**
 * Tripline's Confluent-compatible schema registry, for tests and the local run (production runs
 * {@code confluentinc/cp-schema-registry}).
 *
 * <p>Layers, one job each: {@link io.tripline.stack.registry.SchemaRegistryServer} (lifecycle),
 * {@code RegistryHttpHandler} and {@code RegistryRoutes} (Confluent's REST shapes),
 * {@link io.tripline.stack.registry.RegistryService} (semantics and the write lock),
 * {@link io.tripline.stack.registry.CompatibilityChecker} (Avro reader/writer rules per level),
 * {@link io.tripline.stack.registry.SchemaStore} (state materialised from the log) and
 * {@link io.tripline.stack.registry.KafkaRegistryLog} (the compacted {@code _schemas} topic, in
 * Confluent's record format).
 *
 * <p><b>Ids across registry processes.</b> Every process tails the same topic. A writer picks
 * {@code max id seen + 1} and the subject's next version, produces, and waits until its own reader
 * has applied that offset. If another process wrote the same id (with another schema) or the same
 * subject version first, the record earlier in the log wins everywhere; the loser notices, re-writes
 * the winner's record when it lost a subject version (so compaction, which keeps the latest record
 * per key, keeps the winner), and retries with fresh numbers. Confluent instead elects a leader
 * that alone allocates ids; both give each schema exactly one id per topic.
 */
package io.tripline.stack.registry;
