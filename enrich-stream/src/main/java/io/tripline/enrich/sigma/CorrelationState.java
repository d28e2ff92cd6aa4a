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

    private List<Entry> entries = new ArrayList<>();
    private Long newestEventTimeMillis;
    private Entry consumedThrough;

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
