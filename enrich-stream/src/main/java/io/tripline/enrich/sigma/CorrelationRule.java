package io.tripline.enrich.sigma;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A Sigma correlation rule (specification v2): which base rules it aggregates, how events are
 * grouped, the event-time timespan and the threshold. Evaluation lives in
 * {@link CorrelationEvaluator}; this type only describes the rule and derives group keys.
 */
public final class CorrelationRule {

    private final RuleMetadata meta;
    private final CorrelationType type;
    private final List<String> rules;
    private final List<String> groupBy;
    private final Duration timespan;
    private final String op;
    private final long threshold;
    private final String valueField;
    private final boolean generate;
    private final Map<String, Map<String, String>> aliases;

    CorrelationRule(RuleMetadata meta, CorrelationType type, List<String> rules, List<String> groupBy,
                    Duration timespan, String op, long threshold, String valueField, boolean generate,
                    Map<String, Map<String, String>> aliases) {
        this.meta = meta;
        this.type = type;
        this.rules = List.copyOf(rules);
        this.groupBy = List.copyOf(groupBy);
        this.timespan = timespan;
        this.op = op;
        this.threshold = threshold;
        this.valueField = valueField;
        this.generate = generate;
        this.aliases = aliases;
    }

    public String id() {
        return meta.id();
    }

    public String name() {
        return meta.name();
    }

    public String title() {
        return meta.title();
    }

    public String level() {
        return meta.level();
    }

    public String status() {
        return meta.status();
    }

    public String description() {
        return meta.description();
    }

    public List<String> tags() {
        return meta.tags();
    }

    public List<String> falsePositives() {
        return meta.falsePositives();
    }

    public String source() {
        return meta.source();
    }

    public CorrelationType type() {
        return type;
    }

    /** Names or ids of the base rules, as written in {@code correlation.rules}. */
    public List<String> rules() {
        return rules;
    }

    public List<String> groupBy() {
        return groupBy;
    }

    public Duration timespan() {
        return timespan;
    }

    /** Comparison of the condition (gt, gte, eq); {@code null} for temporal types without one. */
    public String conditionOperator() {
        return op;
    }

    public long threshold() {
        return threshold;
    }

    /** The field counted by {@code value_count}; {@code null} for other types. */
    public String valueField() {
        return valueField;
    }

    /** Whether the referenced rules still raise their own detections ({@code generate: true}). */
    public boolean generate() {
        return generate;
    }

    /** Whether a count or distinct-value count satisfies the condition. */
    public boolean conditionHolds(long count) {
        if (op == null) {
            return true;
        }
        return switch (op) {
            case "gt" -> count > threshold;
            case "gte" -> count >= threshold;
            case "eq" -> count == threshold;
            default -> false;
        };
    }

    /**
     * The group key of an event matched by {@code baseRule}: the {@code group-by} values as a
     * compact JSON array (aliases resolved per base rule; absent fields are {@code null}; an array
     * field contributes its first element), so the key is readable in a state store and identical
     * across replays.
     */
    public String groupKey(SigmaRule baseRule, JsonNode event) {
        ArrayNode key = JsonNodeFactory.instance.arrayNode();
        for (String field : groupBy) {
            List<JsonNode> values = FieldPath.of(resolve(field, baseRule)).values(event);
            String text = values.isEmpty() ? null : ValueMatcher.text(values.get(0));
            if (text == null) {
                key.addNull();
            } else {
                key.add(text);
            }
        }
        return key.toString();
    }

    /** The value of the {@code value_count} field for this event, or {@code null} if absent. */
    String countedValue(SigmaRule baseRule, JsonNode event) {
        if (valueField == null) {
            return null;
        }
        List<JsonNode> values = FieldPath.of(resolve(valueField, baseRule)).values(event);
        return values.isEmpty() ? null : ValueMatcher.text(values.get(0));
    }

    private String resolve(String field, SigmaRule baseRule) {
        Map<String, String> perRule = aliases.get(field);
        if (perRule == null || baseRule == null) {
            return field;
        }
        String mapped = baseRule.name() != null ? perRule.get(baseRule.name()) : null;
        if (mapped == null) {
            mapped = perRule.get(baseRule.id());
        }
        return mapped == null ? field : mapped;
    }

    /** Adds the fields this correlation reads from an event: its group-by and counted fields under every alias. */
    void fields(java.util.Set<String> out) {
        out.addAll(groupBy);
        if (valueField != null) {
            out.add(valueField);
        }
        aliases.values().forEach(perRule -> out.addAll(perRule.values()));
    }

    /** Whether {@code rule} is one of the rules this correlation aggregates (by name or id). */
    public boolean references(SigmaRule rule) {
        return rules.contains(rule.id()) || (rule.name() != null && rules.contains(rule.name()));
    }

    @Override
    public String toString() {
        return id() + " (" + title() + ")";
    }
}
