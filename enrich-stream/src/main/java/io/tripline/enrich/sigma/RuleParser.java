package io.tripline.enrich.sigma;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds {@link SigmaRule}s and {@link CorrelationRule}s from one parsed Sigma document (YAML or
 * JSON — both arrive here as a Jackson tree). Throws {@link SigmaRuleException} with a reason.
 */
final class RuleParser {

    private static final Pattern TIMESPAN = Pattern.compile("(\\d+)\\s*([smhdw])");
    private static final List<String> CONDITION_OPS = List.of("gt", "gte", "eq", "lt", "lte", "neq");

    private final ModifierCompiler modifiers;

    RuleParser(Map<String, List<String>> placeholders) {
        this.modifiers = new ModifierCompiler(placeholders);
    }

    /** True for a correlation document. */
    static boolean isCorrelation(JsonNode doc) {
        return doc.has("correlation");
    }

    SigmaRule detectionRule(JsonNode doc, String source) {
        RuleMetadata meta = RuleMetadata.read(doc, source);
        requireBasics(meta, doc);
        if (doc.has("filter") && !doc.has("detection")) {
            throw SigmaRuleException.skip("Sigma filter documents are not supported");
        }
        String product = meta.logsource().get("product");
        String service = meta.logsource().get("service");
        if (product != null && !"aws".equalsIgnoreCase(product)
                || service != null && !"cloudtrail".equalsIgnoreCase(service)) {
            throw SigmaRuleException.skip("logsource " + meta.logsource() + " is not aws/cloudtrail");
        }
        return new SigmaRule(meta, Detection.compile(doc.get("detection"), modifiers));
    }

    CorrelationRule correlationRule(JsonNode doc, String source) {
        RuleMetadata meta = RuleMetadata.read(doc, source);
        requireBasics(meta, doc);
        JsonNode c = doc.get("correlation");
        if (c == null || !c.isObject()) {
            throw new SigmaRuleException("'correlation' must be a map");
        }
        CorrelationType type = CorrelationType.parse(text(c, "type"));
        List<String> rules = list(c.get("rules"));
        if (rules.isEmpty()) {
            throw new SigmaRuleException("correlation.rules is empty");
        }
        Duration timespan = timespan(text(c, "timespan") != null ? text(c, "timespan") : text(c, "timeframe"));
        String op = null;
        long threshold = 0;
        String field = null;
        JsonNode cond = c.get("condition");
        if (cond != null && cond.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = cond.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String key = e.getKey().toLowerCase(Locale.ROOT);
                if ("field".equals(key)) {
                    field = e.getValue().asText();
                } else if (CONDITION_OPS.contains(key)) {
                    if (op != null) {
                        throw SigmaRuleException.skip("range conditions (" + op + " and " + key + ") are not supported");
                    }
                    if (!e.getValue().canConvertToLong()) {
                        throw new SigmaRuleException("correlation condition needs an integer, got " + e.getValue());
                    }
                    op = key;
                    threshold = e.getValue().asLong();
                } else {
                    throw new SigmaRuleException("unknown correlation condition key '" + e.getKey() + "'");
                }
            }
        }
        if (op != null && !List.of("gt", "gte", "eq").contains(op)) {
            // "fewer than N" can only be decided when a window closes; the evaluator fires on crossings
            throw SigmaRuleException.skip("condition '" + op + "' needs window-close evaluation, not supported");
        }
        if ((type == CorrelationType.EVENT_COUNT || type == CorrelationType.VALUE_COUNT) && op == null) {
            throw new SigmaRuleException(type.name().toLowerCase(Locale.ROOT) + " needs a condition");
        }
        if (type == CorrelationType.VALUE_COUNT && field == null) {
            throw new SigmaRuleException("value_count needs condition.field");
        }
        JsonNode gen = c.has("generate") ? c.get("generate") : doc.get("generate");
        boolean generate = gen != null && gen.asBoolean(false);
        return new CorrelationRule(meta, type, rules, list(c.get("group-by")), timespan, op, threshold, field,
                generate, aliases(c.get("aliases")));
    }

    private static void requireBasics(RuleMetadata meta, JsonNode doc) {
        if (meta.id() == null || meta.id().isBlank()) {
            throw new SigmaRuleException("missing 'id'");
        }
        if (meta.title() == null || meta.title().isBlank()) {
            throw new SigmaRuleException("missing 'title'");
        }
        if (meta.level() != null
                && !List.of("informational", "low", "medium", "high", "critical").contains(meta.level())) {
            throw new SigmaRuleException("unknown level '" + meta.level() + "'");
        }
    }

    static Duration timespan(String text) {
        if (text == null) {
            throw new SigmaRuleException("correlation.timespan is missing");
        }
        Matcher m = TIMESPAN.matcher(text.trim());
        if (!m.matches()) {
            throw new SigmaRuleException("bad timespan '" + text + "' (expected e.g. 30s, 5m, 1h, 1d)");
        }
        long n = Long.parseLong(m.group(1));
        Duration d = switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> Duration.ofDays(7 * n);
        };
        if (d.isZero()) {
            throw new SigmaRuleException("timespan must be positive");
        }
        return d;
    }

    private static Map<String, Map<String, String>> aliases(JsonNode node) {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        if (node == null || !node.isObject()) {
            return out;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            Map<String, String> perRule = new LinkedHashMap<>();
            e.getValue().fields().forEachRemaining(r -> perRule.put(r.getKey(), r.getValue().asText()));
            out.put(e.getKey(), perRule);
        }
        return out;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static List<String> list(JsonNode v) {
        List<String> out = new ArrayList<>();
        if (v == null || v.isNull()) {
            return out;
        }
        if (v.isArray()) {
            v.forEach(x -> out.add(x.asText()));
        } else {
            out.add(v.asText());
        }
        return out;
    }
}
