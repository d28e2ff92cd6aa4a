package io.tripline.enrich.replay;

import java.time.Instant;

import org.apache.avro.specific.SpecificRecord;

import io.tripline.core.normalize.SourceKind;

/**
 * One normalized input of a replay, with the event time it is replayed at and a tie-break key
 * (source id) so that records with the same event time always go in the same order.
 */
public record ReplayRecord(SourceKind kind, Instant eventTime, String key, SpecificRecord value) {
}
