package io.tripline.enrich.sigma;

/** The Sigma correlation types this engine evaluates (specification v2). */
public enum CorrelationType {
    /** At least/at most N matching events per group within the timespan. */
    EVENT_COUNT,
    /** N distinct values of a field per group within the timespan. */
    VALUE_COUNT,
    /** Every referenced rule matched per group within the timespan, in any order. */
    TEMPORAL,
    /** Every referenced rule matched per group within the timespan, in the listed order (by event time). */
    TEMPORAL_ORDERED;

    static CorrelationType parse(String text) {
        return switch (text == null ? "" : text.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "event_count" -> EVENT_COUNT;
            case "value_count" -> VALUE_COUNT;
            case "temporal" -> TEMPORAL;
            case "temporal_ordered" -> TEMPORAL_ORDERED;
            default -> throw new SigmaRuleException("unknown correlation type '" + text + "'");
        };
    }
}
