/**
 * Tripline's Sigma detection engine for CloudTrail records: pure Java, no Kafka, no clock, no
 * randomness, so replays produce identical output.
 *
 * <p>How the topology uses it:
 * <pre>{@code
 * RuleSet rules = new RuleLoader(placeholders).addClasspathPack().addDirectory(extraDir).build();
 * rules.report().problems();                       // log / expose what did not load and why
 *
 * for (SigmaMatch m : rules.match(cloudTrailRecord)) {          // sorted by rule id
 *     if (m.emitDetection()) { ... publish a Detection for m.rule() ... }
 *     for (CorrelationRule c : m.correlations()) {
 *         String key = c.groupKey(m.rule(), cloudTrailRecord);
 *         CorrelationState state = store.get(c.id() + key);        // or new CorrelationState()
 *         List<CorrelationHit> hits = evaluator.onMatch(c, key, m, cloudTrailRecord, eventTime, eventId, state);
 *         store.put(c.id() + key, state);
 *     }
 * }
 * }</pre>
 * {@link io.tripline.enrich.sigma.CorrelationEvaluator} documents the window semantics;
 * {@code docs/rules.md} lists the rule pack.
 */
package io.tripline.enrich.sigma;
