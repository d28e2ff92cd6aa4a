package io.tripline.enrich.sigma;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The evaluation state of one correlation rule for one group key: the matched events still inside
 * the timespan (sorted by event time, then event id) and the point up to which events were already
 * used as evidence of a hit. A plain mutable bean that Jackson serialises as-is, so the topology can
 * keep it in a key-value store keyed by (correlation rule id, group key); only
 * {@link CorrelationEvaluator} should change it. Properties are serialised in a fixed order so the
 * stored bytes are identical across runs and replays.
 */
@JsonPropertyOrder({"entries", "newestEventTimeMillis", "consumedThrough"})
public final class CorrelationState {

    /** Orders entries by event time, then event id, then rule: the canonical evaluation order. */
    static final Comparator<Entry> ORDER = Comparator.comparingLong(Entry::eventTimeMillis)
            .thenComparing(Entry::eventId).thenComparing(Entry::rule);

    /**
     * One matched event.
     *
     * @param eventTimeMillis event time (epoch millis)
     * @param eventId         CloudTrail eventID
     * @param rule            the reference (name or id, as in {@code correlation.rules}) it satisfied
     * @param value           the {@code value_count} field's value, or {@code null}
     */
    @JsonPropertyOrder({"t", "id", "rule", "value"})
    public record Entry(@JsonProperty("t") long eventTimeMillis, @JsonProperty("id") String eventId,
                        @JsonProperty("rule") String rule, @JsonProperty("value") String value) {
        @JsonCreator
        public Entry {
        }
    }

    /** What {@link #pruneFrom(String)} answers when the text does not start as this class writes it. */
    public static final long UNKNOWN = Long.MIN_VALUE;

    private static final String FIRST_ENTRY = "{\"entries\":[{\"t\":";
    private static final String NO_ENTRIES = "{\"entries\":[],\"newestEventTimeMillis\":";

    private List<Entry> entries = new ArrayList<>();
    private Long newestEventTimeMillis;
    private Entry consumedThrough;

    /**
     * Read from the start of a state's JSON, as Jackson writes this class (entries first, oldest first): the
     * oldest entry's event time, or with no entries the newest event time seen. Pruning at a cutoff at or before
     * it changes nothing ({@link CorrelationEvaluator#prune}), so a punctuator need not parse the state.
     * {@link #UNKNOWN} when the text starts otherwise (or the newest time is null).
     */
    public static long pruneFrom(String json) {
        int at = json.startsWith(FIRST_ENTRY) ? FIRST_ENTRY.length() : json.startsWith(NO_ENTRIES) ? NO_ENTRIES.length() : -1;
        if (at < 0) {
            return UNKNOWN;
        }
        int end = at < json.length() && json.charAt(at) == '-' ? at + 1 : at;
        while (end < json.length() && Character.isDigit(json.charAt(end))) {
            end++;
        }
        if (end == at || end - at > 19 || end >= json.length() || (json.charAt(end) != ',' && json.charAt(end) != '}')) {
            return UNKNOWN;
        }
        try {
            return Long.parseLong(json, at, end, 10);
        } catch (NumberFormatException e) {
            return UNKNOWN;
        }
    }

    /** Retained entries in {@link #ORDER}. */
    public List<Entry> getEntries() {
        return entries;
    }

    public void setEntries(List<Entry> entries) {
        this.entries = new ArrayList<>(entries);
        this.entries.sort(ORDER);
    }

    /** Newest event time seen for this group (epoch millis), {@code null} before the first event. */
    public Long getNewestEventTimeMillis() {
        return newestEventTimeMillis;
    }

    public void setNewestEventTimeMillis(Long newestEventTimeMillis) {
        this.newestEventTimeMillis = newestEventTimeMillis;
    }

    /** Last evidence entry of the latest hit; events at or before it are absorbed by that hit. */
    public Entry getConsumedThrough() {
        return consumedThrough;
    }

    public void setConsumedThrough(Entry consumedThrough) {
        this.consumedThrough = consumedThrough;
    }
}
