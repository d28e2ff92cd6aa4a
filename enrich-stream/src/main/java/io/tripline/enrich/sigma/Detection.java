package io.tripline.enrich.sigma;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A compiled {@code detection} section: named searches plus the condition over them. A list of
 * conditions is their OR, as the specification says.
 */
final class Detection {

    private final Map<String, SearchIdentifier> searches;
    private final Condition condition;

    private Detection(Map<String, SearchIdentifier> searches, Condition condition) {
        this.searches = searches;
        this.condition = condition;
    }

    Map<String, SearchIdentifier> searches() {
        return searches;
    }

    Condition condition() {
        return condition;
    }

    boolean matches(JsonNode event) {
        return condition.eval(searches, event);
    }

    /** Adds the fields the searches read; false if one reads every value (see {@link FieldProjection}). */
    boolean fields(Set<String> out) {
        return SearchIdentifier.fields(searches.values(), out);
    }

    /** Compiles a detection node; throws {@link SigmaRuleException} with the reason if malformed. */
    static Detection compile(JsonNode detection, ModifierCompiler modifiers) {
        if (detection == null || !detection.isObject()) {
            throw new SigmaRuleException("missing 'detection' section");
        }
        Map<String, SearchIdentifier> searches = new LinkedHashMap<>();
        JsonNode conditionNode = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = detection.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if ("condition".equals(e.getKey())) {
                conditionNode = e.getValue();
            } else if (!"timeframe".equals(e.getKey())) {
                searches.put(e.getKey(), search(e.getKey(), e.getValue(), modifiers));
            } else {
                throw SigmaRuleException.skip("'timeframe' aggregation is not supported; use a correlation rule");
            }
        }
        if (conditionNode == null || conditionNode.isNull()) {
            throw new SigmaRuleException("missing 'detection.condition'");
        }
        List<Condition> alternatives = new ArrayList<>();
        if (conditionNode.isArray()) {
            conditionNode.forEach(c -> alternatives.add(ConditionParser.parse(c.asText(), searches.keySet())));
        } else {
            alternatives.add(ConditionParser.parse(conditionNode.asText(), searches.keySet()));
        }
        Condition condition = alternatives.size() == 1 ? alternatives.get(0) : new Condition.Or(alternatives);
        return new Detection(Collections.unmodifiableMap(searches), condition);
    }

    private static SearchIdentifier search(String name, JsonNode node, ModifierCompiler modifiers) {
        try {
            if (node.isObject()) {
                return fields(node, modifiers);
            }
            if (node.isArray()) {
                boolean allMaps = node.size() > 0;
                boolean anyMap = false;
                for (JsonNode item : node) {
                    allMaps &= item.isObject();
                    anyMap |= item.isObject();
                }
                if (allMaps) {
                    List<SearchIdentifier> alternatives = new ArrayList<>();
                    node.forEach(item -> alternatives.add(fields(item, modifiers)));
                    return new SearchIdentifier.AnyOf(alternatives);
                }
                if (anyMap) {
                    throw new SigmaRuleException("mixes maps and keywords");
                }
                List<JsonNode> values = new ArrayList<>();
                node.forEach(values::add);
                // keywords behave like a SIEM full-text search: a substring of any string value
                return new SearchIdentifier.Keywords(modifiers.matchers(List.of("contains"), values), false);
            }
            if (node.isValueNode() && !node.isNull()) {
                return new SearchIdentifier.Keywords(modifiers.matchers(List.of("contains"), List.of(node)), false);
            }
            throw new SigmaRuleException("is empty");
        } catch (SigmaRuleException e) {
            throw new SigmaRuleException("search '" + name + "' " + e.getMessage(), e.skipped());
        }
    }

    private static SearchIdentifier fields(JsonNode map, ModifierCompiler modifiers) {
        List<FieldCondition> conditions = new ArrayList<>();
        List<SearchIdentifier> keywordParts = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            if (key.isEmpty() || key.startsWith("|")) {
                // a modifier without a field is a keyword search with modifiers
                List<String> mods = new ArrayList<>();
                for (String m : key.split("\\|")) {
                    if (!m.isBlank()) {
                        mods.add(m.trim().toLowerCase(java.util.Locale.ROOT));
                    }
                }
                List<JsonNode> values = new ArrayList<>();
                if (e.getValue().isArray()) {
                    e.getValue().forEach(values::add);
                } else {
                    values.add(e.getValue());
                }
                keywordParts.add(new SearchIdentifier.Keywords(modifiers.matchers(mods, values), mods.contains("all")));
            } else {
                try {
                    conditions.add(modifiers.compile(key, e.getValue()));
                } catch (SigmaRuleException ex) {
                    throw new SigmaRuleException("field '" + key + "': " + ex.getMessage(), ex.skipped());
                }
            }
        }
        if (conditions.isEmpty() && keywordParts.isEmpty()) {
            throw new SigmaRuleException("is an empty map");
        }
        if (keywordParts.isEmpty()) {
            return new SearchIdentifier.AllFields(conditions);
        }
        SearchIdentifier fieldsPart = new SearchIdentifier.AllFields(conditions);
        List<SearchIdentifier> parts = new ArrayList<>(keywordParts);
        parts.add(0, fieldsPart);
        return new SearchIdentifier.AllOf(parts);
    }
}
