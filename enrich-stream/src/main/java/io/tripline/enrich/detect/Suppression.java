package io.tripline.enrich.detect;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import io.tripline.enrich.Durations;
import io.tripline.enrich.sigma.SigmaRule;

/**
 * Which repeated single-event rule hits become detections. A hit of a rule on an entity (the detection's
 * entity: the calling principal, session, key or IP) within {@code window} of event time of one already
 * published for the same rule and entity is counted but not published, as alert deduplication does in other
 * tools (Panther's dedup period, StreamAlert's merge window, Elastic's alert suppression). The window comes
 * from the rule's id when configured, else from its level; zero publishes every hit. Correlation rules are
 * never suppressed: their hits are already aggregates.
 *
 * <p>Configured as {@code tripline.enrich.suppress.<level>=<duration>} (levels informational, low, medium,
 * high, critical) and {@code tripline.enrich.suppress.rule.<rule id>=<duration>}; the defaults suppress
 * {@code informational} and {@code low} for {@code 1h} and publish every hit of the other levels. Low rules
 * such as SigmaHQ's "AWS STS AssumeRole Misuse" match most calls an assumed role makes; published per call
 * they would outnumber everything else on {@code tripline.detections} and {@code tripline.ocsf}.
 *
 * @param byLevel window per Sigma level (lower case); a level not listed publishes every hit
 * @param byRule  window per rule id, taking precedence over the level's
 */
public record Suppression(Map<String, Duration> byLevel, Map<String, Duration> byRule) {

    public static final List<String> LEVELS = List.of("informational", "low", "medium", "high", "critical");
    private static final Duration DEFAULT_WINDOW = Duration.ofHours(1);
    private static final String KEY = "tripline.enrich.suppress.";

    public Suppression {
        byLevel = Map.copyOf(byLevel);
        byRule = Map.copyOf(byRule);
        byLevel.forEach((level, window) -> check(level, window));
        byRule.forEach((rule, window) -> check("rule." + rule, window));
        for (String level : byLevel.keySet()) {
            if (!LEVELS.contains(level)) {
                throw new IllegalArgumentException(KEY + level + ": unknown level (known: " + LEVELS + ")");
            }
        }
    }

    /** Informational and low hits: one per rule and entity per hour; every hit of the other levels. */
    public static Suppression defaults() {
        return new Suppression(Map.of("informational", DEFAULT_WINDOW, "low", DEFAULT_WINDOW), Map.of());
    }

    /** Every hit published. */
    public static Suppression none() {
        return new Suppression(Map.of(), Map.of());
    }

    /**
     * The defaults overridden by {@code settings}, keyed as after {@code tripline.enrich.suppress.}: {@code low},
     * {@code rule.<id>}. An unknown level or a value that is not a duration fails naming the key.
     */
    public static Suppression from(Map<String, String> settings) {
        Map<String, Duration> byLevel = new TreeMap<>(defaults().byLevel());
        Map<String, Duration> byRule = new TreeMap<>();
        settings.forEach((name, value) -> {
            Duration window = Durations.parse(KEY + name, value);
            if (name.startsWith("rule.")) {
                byRule.put(name.substring("rule.".length()), window);
            } else {
                byLevel.put(name.toLowerCase(Locale.ROOT), window);
            }
        });
        return new Suppression(byLevel, byRule);
    }

    /** The window of {@code rule}'s hits; zero: every hit is published. */
    public Duration window(SigmaRule rule) {
        Duration window = byRule.get(rule.id());
        if (window != null) {
            return window;
        }
        String level = rule.level() == null ? "" : rule.level().trim().toLowerCase(Locale.ROOT);
        return byLevel.getOrDefault(level, Duration.ZERO);
    }

    /** Whether any rule may be suppressed. */
    public boolean active() {
        return byLevel.values().stream().anyMatch(w -> !w.isZero()) || byRule.values().stream().anyMatch(w -> !w.isZero());
    }

    /** The longest window configured. */
    Duration longest() {
        Duration longest = Duration.ZERO;
        for (Duration window : byLevel.values()) {
            longest = window.compareTo(longest) > 0 ? window : longest;
        }
        for (Duration window : byRule.values()) {
            longest = window.compareTo(longest) > 0 ? window : longest;
        }
        return longest;
    }

    private static void check(String name, Duration window) {
        if (window.isNegative()) {
            throw new IllegalArgumentException(KEY + name + " must not be negative, got " + window);
        }
    }
}
