package io.tripline.enrich.detect;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

import com.fasterxml.jackson.databind.JsonNode;

import io.tripline.enrich.sigma.CorrelationRule;
import io.tripline.enrich.sigma.RuleSet;
import io.tripline.enrich.sigma.SigmaMatch;
import io.tripline.schema.v1.Detection;
import io.tripline.schema.v1.Entity;
import io.tripline.schema.v1.TrailEvent;

/**
 * Evaluates the Sigma rules on each CloudTrail record: on its raw JSON, the shape the rules are written
 * for, parsed into only the fields the rules read ({@link RuleSet#parse}), or, when the candidate rules read
 * only fields the typed record carries, on those without parsing ({@link KnownFields}). Single-event hits
 * become detections keyed by entity, unless {@link RepeatedHits} suppresses them as repeats; events that feed a
 * correlation rule are forwarded keyed {@code correlationId|groupKey}.
 */
final class SigmaMatchProcessor implements Processor<String, TrailEvent, String, SigmaOutput> {

    private final RuleSet rules;
    private final RuleSet.KnownFields known;
    /** Matches worked out ahead by a replay, or null (live). */
    private final MatchesAhead ahead;
    /** Null when every hit is published. */
    private final RepeatedHits repeats;
    private ProcessorContext<String, SigmaOutput> context;

    SigmaMatchProcessor(RuleSet rules, MatchesAhead ahead, Suppression suppression) {
        this.rules = rules;
        this.known = rules.knownFields(KnownFields.NAMES);
        this.ahead = ahead;
        this.repeats = suppression.active() ? new RepeatedHits(rules, suppression) : null;
    }

    @Override
    public void init(ProcessorContext<String, SigmaOutput> context) {
        this.context = context;
        if (repeats != null) {
            repeats.init(context);
        }
    }

    @Override
    public void process(Record<String, TrailEvent> record) {
        TrailEvent event = record.value();
        String[] values = KnownFields.of(event);
        RuleSet.Matches hits = ahead == null ? null : ahead.take(event);
        if (hits == null) {
            hits = rules.match(known, values, () -> rules.parse(event.getRaw()));
        }
        JsonNode json = hits.record();
        long time = event.getEventTime().toEpochMilli();
        Entity entity = null; // what the event's detections are about, worked out at its first one
        for (SigmaMatch match : hits.matches()) {
            if (match.emitDetection()) {
                entity = entity == null ? Detections.entityOf(event) : entity;
                if (repeats == null || repeats.publish(match.rule(), entity.getId(), time)) {
                    Detection detection = Detections.single(match.rule(), event, entity);
                    context.forward(new Record<>(entity.getId(), SigmaOutput.detection(detection), time));
                }
            }
            for (CorrelationRule correlation : match.correlations()) {
                String key = correlation.id() + "|" + correlation.groupKey(match.rule(), json);
                context.forward(new Record<>(key, SigmaOutput.candidate(event), time));
            }
        }
    }
}
