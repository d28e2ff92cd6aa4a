package io.tripline.enrich.detect;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import io.tripline.core.normalize.Json;
import io.tripline.enrich.sigma.CorrelationEvaluator;
import io.tripline.enrich.sigma.CorrelationHit;
import io.tripline.enrich.sigma.CorrelationRule;
import io.tripline.enrich.sigma.CorrelationState;
import io.tripline.enrich.sigma.RuleSet;
import io.tripline.enrich.sigma.SigmaMatch;
import io.tripline.schema.v1.Detection;
import io.tripline.schema.v1.TrailEvent;

/**
 * Evaluates Sigma correlation rules in event time: one state per {@code correlationId|groupKey} in a
 * store (JSON with a fixed property order, so state bytes do not depend on arrival order), hits become
 * detections keyed by entity, and a stream-time punctuator prunes groups nothing can fire on any more.
 */
final class SigmaCorrelationProcessor implements Processor<String, TrailEvent, String, Detection> {

    // Pruning scans the whole store: every 5 minutes of stream time bounds it without dominating the work.
    private static final Duration PRUNE_EVERY = Duration.ofMinutes(5);

    private final RuleSet rules;
    private final String storeName;
    private final CorrelationEvaluator evaluator = new CorrelationEvaluator();
    private ProcessorContext<String, Detection> context;
    private KeyValueStore<String, String> store;

    SigmaCorrelationProcessor(RuleSet rules, String storeName) {
        this.rules = rules;
        this.storeName = storeName;
    }

    @Override
    public void init(ProcessorContext<String, Detection> context) {
        this.context = context;
        this.store = context.getStateStore(storeName);
        context.schedule(PRUNE_EVERY, PunctuationType.STREAM_TIME, this::prune);
    }

    @Override
    public void process(Record<String, TrailEvent> record) {
        String key = record.key();
        int bar = key.indexOf('|');
        CorrelationRule correlation = rules.correlation(key.substring(0, bar)).orElse(null);
        if (correlation == null) {
            return;
        }
        String groupKey = key.substring(bar + 1);
        TrailEvent event = record.value();
        JsonNode json = rules.parse(event.getRaw());
        CorrelationState state = read(store.get(key));
        List<CorrelationHit> hits = new ArrayList<>();
        // Matching again here (rather than carrying the rule id in a header) keeps the repartition topic plain;
        // only the rules this correlation references are evaluated.
        for (SigmaMatch match : rules.matchFor(correlation, json)) {
            hits.addAll(evaluator.onMatch(correlation, groupKey, match, json, event.getEventTime(), event.getEventId(), state));
        }
        store.put(key, write(state));
        for (CorrelationHit hit : hits) {
            Detection detection = Detections.correlation(hit, event);
            context.forward(new Record<>(detection.getEntity().getId(), detection, hit.lastEventTime().toEpochMilli()));
        }
    }

    private void prune(long streamTime) {
        Instant watermark = Instant.ofEpochMilli(streamTime);
        List<String> deletable = new ArrayList<>();
        List<KeyValue<String, String>> updated = new ArrayList<>();
        try (KeyValueIterator<String, String> all = store.all()) {
            while (all.hasNext()) {
                KeyValue<String, String> entry = all.next();
                CorrelationRule rule = rules.correlation(entry.key.substring(0, entry.key.indexOf('|'))).orElse(null);
                long from = CorrelationState.pruneFrom(entry.value);
                if (rule != null && from != CorrelationState.UNKNOWN
                        && from >= watermark.toEpochMilli() - rule.timespan().toMillis()) {
                    continue; // nothing in it is old enough to prune: not parsed (most groups, most of the time)
                }
                CorrelationState state = read(entry.value);
                if (rule == null || evaluator.prune(rule, state, watermark)) {
                    deletable.add(entry.key);
                } else {
                    String pruned = write(state);
                    if (!pruned.equals(entry.value)) {
                        // An unchanged group is not written again: every write is also a changelog record.
                        updated.add(KeyValue.pair(entry.key, pruned));
                    }
                }
            }
        }
        deletable.forEach(store::delete);
        updated.forEach(kv -> store.put(kv.key, kv.value));
    }

    private static CorrelationState read(String json) {
        if (json == null) {
            return new CorrelationState();
        }
        try {
            return Json.MAPPER.readValue(json, CorrelationState.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable correlation state: " + e.getOriginalMessage(), e);
        }
    }

    private static String write(CorrelationState state) {
        try {
            return Json.MAPPER.writeValueAsString(state);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write correlation state", e);
        }
    }
}
