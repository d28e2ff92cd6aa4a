package io.tripline.enrich.replay;

import java.time.Instant;
import java.util.Comparator;

import org.apache.avro.specific.SpecificRecord;

import io.tripline.core.normalize.SourceKind;
import io.tripline.schema.v1.SecurityFinding;
import io.tripline.schema.v1.TrailEvent;

/**
 * One normalized input of a replay, with the event time it is replayed at and a tie-break key
 * (source id) so that records with the same event time always go in the same order.
 */
public record ReplayRecord(SourceKind kind, Instant eventTime, String key, SpecificRecord value) {

    /**
     * Replay order, whatever the input: event time, then kind, then key. Sorting is stable, so records
     * equal on all three (versions of one finding with the same updatedAt) keep their read order, which
     * for a topic is the partition's offset order.
     */
    public static final Comparator<ReplayRecord> ORDER = Comparator.comparing(ReplayRecord::eventTime)
            .thenComparing(ReplayRecord::kind)
            .thenComparing(ReplayRecord::key);

    /**
     * The replay record of a canonical record: a CloudTrail event at its eventTime keyed by eventID, a
     * finding at its updatedAt keyed by its source id (the raw topics' keys).
     */
    public static ReplayRecord of(SourceKind kind, SpecificRecord record) {
        if (record instanceof TrailEvent event) {
            return new ReplayRecord(kind, event.getEventTime(), event.getEventId(), event);
        }
        SecurityFinding finding = (SecurityFinding) record;
        return new ReplayRecord(kind, finding.getUpdatedAt(), finding.getSourceId(), finding);
    }
}
