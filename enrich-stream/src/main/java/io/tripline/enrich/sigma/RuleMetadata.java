package io.tripline.enrich.sigma;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The descriptive fields shared by detection and correlation rules, read leniently: Sigma allows
 * most of them to be absent, and a scalar where a list is expected is taken as a one-element list.
 */
record RuleMetadata(String id, String name, String title, String status, String description, String level,
                    String author, String date, List<String> tags, List<String> falsePositives,
                    List<String> references, Map<String, String> logsource, String source) {

    static RuleMetadata read(JsonNode rule, String source) {
        Map<String, String> logsource = new LinkedHashMap<>();
        JsonNode ls = rule.get("logsource");
        if (ls != null && ls.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = ls.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                logsource.put(e.getKey(), e.getValue().asText());
            }
        }
        return new RuleMetadata(text(rule, "id"), text(rule, "name"), text(rule, "title"), text(rule, "status"),
                text(rule, "description"), lower(text(rule, "level")), text(rule, "author"), text(rule, "date"),
                list(rule, "tags"), list(rule, "falsepositives"), list(rule, "references"),
                Collections.unmodifiableMap(logsource), source);
    }

    private static String text(JsonNode rule, String field) {
        JsonNode v = rule.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(java.util.Locale.ROOT);
    }

    private static List<String> list(JsonNode rule, String field) {
        JsonNode v = rule.get(field);
        if (v == null || v.isNull()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        if (v.isArray()) {
            v.forEach(x -> out.add(x.asText()));
        } else {
            out.add(v.asText());
        }
        return List.copyOf(out);
    }
}
