package io.tripline.enrich.detect;

import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import io.tripline.enrich.sigma.RuleSet;
import io.tripline.enrich.sigma.SigmaRule;

/**
 * The {@link Suppression} of one task: per rule and entity, the event time of the newest hit published, in a
 * changelogged store (so a restarted or moved task suppresses as the old one would have, and what it published
 * and what it remembers commit together). A hit within its rule's window of that time, before or after it, is
 * suppressed. Entries are purged once stream time is two of the longest windows past them (a stream-time
 * punctuation, so a replay purges at the same points). The store is per task: with the raw topic keyed by
 * event id, a rule and entity may publish once per window in each partition.
 *
 * <p>Counts suppressed hits as the Kafka Streams metric {@code suppressed-detections-total} (group
 * {@code stream-sigma-metrics}, tag {@code sigma-id} = task id).
 */
final class RepeatedHits {

    static final String STORE = "sigma-suppression";

    private final Map<SigmaRule, Long> windows = new IdentityHashMap<>();
    private final long purgeAfter;
    private KeyValueStore<String, Long> published;
    private Sensor suppressed;

    RepeatedHits(RuleSet rules, Suppression suppression) {
        for (SigmaRule rule : rules.rules()) {
            long window = suppression.window(rule).toMillis();
            if (window > 0) {
                windows.put(rule, window);
            }
        }
        this.purgeAfter = 2 * suppression.longest().toMillis();
    }

    void init(ProcessorContext<?, ?> context) {
        this.published = context.getStateStore(STORE);
        this.suppressed = context.metrics().addRateTotalSensor("sigma", context.taskId().toString(),
                "suppressed-detections", Sensor.RecordingLevel.INFO);
        context.schedule(Duration.ofMillis(Math.max(60_000, purgeAfter / 2)), PunctuationType.STREAM_TIME, this::purge);
    }

    /** Whether the hit of {@code rule} on {@code entity} at {@code time} is published; remembers it if so. */
    boolean publish(SigmaRule rule, String entity, long time) {
        Long window = windows.get(rule);
        if (window == null) {
            return true;
        }
        String key = rule.id() + "|" + entity;
        Long last = published.get(key);
        if (last != null && Math.abs(time - last) < window) {
            suppressed.record();
            return false;
        }
        published.put(key, last == null ? time : Math.max(last, time));
        return true;
    }

    private void purge(long streamTime) {
        List<String> expired = new ArrayList<>();
        try (KeyValueIterator<String, Long> all = published.all()) {
            while (all.hasNext()) {
                KeyValue<String, Long> entry = all.next();
                if (entry.value < streamTime - purgeAfter) {
                    expired.add(entry.key);
                }
            }
        }
        expired.forEach(published::delete);
    }
}
