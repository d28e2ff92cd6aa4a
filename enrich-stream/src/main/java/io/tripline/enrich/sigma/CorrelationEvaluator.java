package io.tripline.enrich.sigma;

import com.fasterxml.jackson.databind.JsonNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Evaluates Sigma correlation rules in event time. Pure and deterministic: no clock, no randomness;
 * all state lives in the {@link CorrelationState} the caller passes (and stores).
 *
 * <h2>Semantics</h2>
 * <ul>
 *   <li><b>Window.</b> The state keeps the matched events of one group whose event time lies within
 *   {@code timespan} of the newest event time seen for the group ({@code newest - timespan <= t}).
 *   The retained events therefore always fit in one timespan, and the condition is evaluated on
 *   all of them, sorted by (event time, eventID).</li>
 *   <li><b>Late events.</b> An event older than {@code newest - timespan} on arrival is dropped.
 *   Any event arriving at most one timespan behind the newest one is placed at its event-time
 *   position, so arrival order within the timespan does not change whether a window fires:
 *   the count (distinct values, set of rules, ordered subsequence) of a sorted window is
 *   independent of insertion order.</li>
 *   <li><b>Firing once per crossing.</b> A hit fires when the condition first holds. Its evidence
 *   is every retained event (event-time order); those events are then consumed: the state forgets
 *   them and absorbs any later-arriving event at or before the last evidence event. A further hit
 *   needs the condition to hold again on events after the previous hit, so a sustained burst of 50
 *   failures with {@code gte: 5} yields 10 hits of 5 events, not 46.</li>
 *   <li><b>Duplicates.</b> The same (eventID, rule) delivered twice counts once (at-least-once
 *   delivery and replays).</li>
 *   <li><b>Bounded state.</b> value_count keeps only the newest entry per distinct value and
 *   temporal only the newest per referenced rule; event_count never holds more than the threshold.
 *   temporal_ordered keeps every entry (capped at {@value #MAX_ENTRIES}, oldest dropped).</li>
 * </ul>
 * Only {@code gt}, {@code gte} and {@code eq} conditions are supported; "fewer than" conditions
 * need window-close evaluation and are skipped at load time.
 */
public final class CorrelationEvaluator {

    static final int MAX_ENTRIES = 1000;
    private static final Logger LOG = LoggerFactory.getLogger(CorrelationEvaluator.class);

    /**
     * Feeds one base-rule match into a correlation rule's state and returns the hits it causes
     * (empty or one). Mutates {@code state}; the caller persists it afterwards.
     *
     * @param groupKey from {@link CorrelationRule#groupKey(SigmaRule, JsonNode)} for this event
     * @param event    the CloudTrail record (for the value_count field)
     */
    public List<CorrelationHit> onMatch(CorrelationRule rule, String groupKey, SigmaMatch match, JsonNode event,
                                        Instant eventTime, String eventId, CorrelationState state) {
        java.util.Objects.requireNonNull(eventId, "eventId (CloudTrail eventID) is required for evidence");
        java.util.Objects.requireNonNull(eventTime, "eventTime is required: correlation runs in event time");
        String ref = reference(rule, match.rule());
        if (ref == null) {
            return List.of();
        }
        long t = eventTime.toEpochMilli();
        long newest = state.getNewestEventTimeMillis() == null ? t : Math.max(state.getNewestEventTimeMillis(), t);
        state.setNewestEventTimeMillis(newest);
        long span = rule.timespan().toMillis();
        CorrelationState.Entry entry = new CorrelationState.Entry(t, eventId, ref, rule.countedValue(match.rule(), event));
        prune(state, newest - span);
        if (t < newest - span) {
            LOG.debug("Correlation {} group {}: event {} is older than the timespan, dropped", rule.id(), groupKey, eventId);
            return List.of();
        }
        if (state.getConsumedThrough() != null && CorrelationState.ORDER.compare(entry, state.getConsumedThrough()) <= 0) {
            return List.of();
        }
        List<CorrelationState.Entry> entries = state.getEntries();
        for (CorrelationState.Entry e : entries) {
            if (e.eventId().equals(eventId) && e.rule().equals(ref)) {
                return List.of();
            }
        }
        insert(rule.type(), entries, entry);
        Long count = satisfied(rule, entries);
        if (count == null) {
            return List.of();
        }
        List<CorrelationState.Entry> evidence = new ArrayList<>(entries);
        CorrelationState.Entry last = evidence.get(evidence.size() - 1);
        state.setConsumedThrough(last);
        entries.clear();
        CorrelationHit hit = new CorrelationHit(rule, groupKey,
                evidence.stream().map(CorrelationState.Entry::eventId).toList(),
                Instant.ofEpochMilli(evidence.get(0).eventTimeMillis()), Instant.ofEpochMilli(last.eventTimeMillis()),
                count);
        LOG.debug("Correlation {} fired for group {} with {} events", rule.id(), groupKey, evidence.size());
        return List.of(hit);
    }

    /**
     * Drops entries older than {@code watermark - timespan}. Call it from a punctuator with the
     * stream's event-time watermark to bound stores. Returns true when the state holds nothing that
     * can still contribute to a hit, so the caller may delete it.
     */
    public boolean prune(CorrelationRule rule, CorrelationState state, Instant watermark) {
        long cutoff = watermark.toEpochMilli() - rule.timespan().toMillis();
        prune(state, cutoff);
        Long newest = state.getNewestEventTimeMillis();
        return state.getEntries().isEmpty() && (newest == null || newest < cutoff);
    }

    private static void prune(CorrelationState state, long cutoff) {
        state.getEntries().removeIf(e -> e.eventTimeMillis() < cutoff);
    }

    private static void insert(CorrelationType type, List<CorrelationState.Entry> entries, CorrelationState.Entry entry) {
        if (type == CorrelationType.VALUE_COUNT || type == CorrelationType.TEMPORAL) {
            // keep the newest entry per distinct value / rule: enough to decide the condition
            for (int i = 0; i < entries.size(); i++) {
                CorrelationState.Entry e = entries.get(i);
                boolean same = type == CorrelationType.TEMPORAL ? e.rule().equals(entry.rule())
                        : java.util.Objects.equals(e.value(), entry.value());
                if (same) {
                    if (CorrelationState.ORDER.compare(e, entry) >= 0) {
                        return;
                    }
                    entries.remove(i);
                    break;
                }
            }
        }
        int pos = Collections.binarySearch(entries, entry, CorrelationState.ORDER);
        entries.add(pos < 0 ? -pos - 1 : pos, entry);
        if (entries.size() > MAX_ENTRIES) {
            entries.remove(0);
        }
    }

    /** The count that satisfies the rule's condition, or {@code null} if it does not hold yet. */
    private static Long satisfied(CorrelationRule rule, List<CorrelationState.Entry> entries) {
        return switch (rule.type()) {
            case EVENT_COUNT -> rule.conditionHolds(entries.size()) ? (long) entries.size() : null;
            case VALUE_COUNT -> {
                Set<String> values = new HashSet<>();
                entries.stream().filter(e -> e.value() != null).forEach(e -> values.add(e.value()));
                yield rule.conditionHolds(values.size()) ? (long) values.size() : null;
            }
            case TEMPORAL -> {
                Set<String> seen = new HashSet<>();
                entries.forEach(e -> seen.add(e.rule()));
                yield seen.containsAll(new HashSet<>(rule.rules())) && rule.conditionHolds(seen.size())
                        ? (long) seen.size() : null;
            }
            case TEMPORAL_ORDERED -> {
                int next = 0;
                for (CorrelationState.Entry e : entries) {
                    if (next < rule.rules().size() && e.rule().equals(rule.rules().get(next))) {
                        next++;
                    }
                }
                yield next == rule.rules().size() ? (long) next : null;
            }
        };
    }

    private static String reference(CorrelationRule rule, SigmaRule base) {
        for (String ref : rule.rules()) {
            if (ref.equals(base.id()) || ref.equals(base.name())) {
                return ref;
            }
        }
        return null;
    }
}
