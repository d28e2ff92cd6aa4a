package io.tripline.ingest.source;

import java.time.Clock;
import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;

import io.tripline.core.dlq.DeadLetters;
import io.tripline.core.normalize.Json;
import io.tripline.core.normalize.Normalizers;
import io.tripline.core.normalize.SourceItem;
import io.tripline.core.topic.Topics;
import io.tripline.ingest.kafka.OutRecord;
import io.tripline.schema.v1.DeadLetter;
import io.tripline.schema.v1.SecurityFinding;
import io.tripline.schema.v1.TrailEvent;

/**
 * Turns one unwrapped source item into the record for its raw topic through pipeline-core's
 * normalizers (the one door per shape), together with its version id for dedupe; and turns what did
 * not normalize into a dead letter with the raw JSON and the reason.
 */
public final class RecordMapper {

    /** The DLQ stage of records that failed here. */
    public static final String STAGE = "ingest.normalize";

    private final Normalizers normalizers = new Normalizers();
    private final DeadLetters deadLetters;

    public RecordMapper(Clock clock) {
        this.deadLetters = new DeadLetters(clock);
    }

    /**
     * A normalized record.
     *
     * @param record  what to publish
     * @param version the id that is published once: finding id with its updatedAt, or the eventID
     * @param time    the event time the version belongs to (updatedAt, eventTime)
     */
    public record Mapped(OutRecord<?, ?> record, String version, Instant time) {
    }

    /** Normalizes {@code item}; throws {@link io.tripline.core.normalize.NormalizationException} for bad input. */
    public Mapped map(SourceItem item) {
        return switch (item.kind()) {
            case GUARDDUTY -> finding(normalizers.guardDuty().normalize(item.json()), true);
            case SECURITYHUB -> finding(normalizers.asff().normalize(item.json()), false);
            case CLOUDTRAIL -> trail(normalizers.cloudTrail().normalize(item.json()));
        };
    }

    private static Mapped finding(SecurityFinding finding, boolean guardDuty) {
        String id = finding.getSourceId();
        Instant updated = finding.getUpdatedAt();
        OutRecord<String, SecurityFinding> record = guardDuty
                ? new OutRecord<>(Topics.RAW_GUARDDUTY, id, finding, id)
                : new OutRecord<>(Topics.RAW_SECURITYHUB, id, finding, id);
        return new Mapped(record, id + "|" + updated.toEpochMilli(), updated);
    }

    private static Mapped trail(TrailEvent event) {
        String id = event.getEventId();
        return new Mapped(new OutRecord<>(Topics.RAW_CLOUDTRAIL, id, event, id), id, event.getEventTime());
    }

    /** A dead letter for raw source JSON that failed with {@code error}. */
    public DeadLetter deadLetter(String source, JsonNode raw, Exception error) {
        return deadLetters.fromSource(source, STAGE, raw == null ? null : Json.write(raw), error);
    }

    /** A dead letter for source text that is not even JSON. */
    public DeadLetter deadLetter(String source, String rawText, Exception error) {
        return deadLetters.fromSource(source, STAGE, rawText, error);
    }
}
