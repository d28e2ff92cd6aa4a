package io.tripline.simulator.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads dotted paths such as {@code service.archived} or {@code Resources.Type} from a JSON document,
 * fanning out over arrays, the way GuardDuty finding criteria and Security Hub filters address fields.
 */
public final class JsonPaths {

    private JsonPaths() {
    }

    /** Every scalar reached by the path (arrays fan out); empty when the path is absent. */
    public static List<JsonNode> values(JsonNode root, String dottedPath) {
        List<JsonNode> current = new ArrayList<>(List.of(root));
        for (String part : dottedPath.split("\\.")) {
            List<JsonNode> next = new ArrayList<>();
            for (JsonNode node : current) {
                collect(node, part, next);
            }
            current = next;
        }
        List<JsonNode> scalars = new ArrayList<>();
        for (JsonNode n : current) {
            if (n.isArray()) {
                n.forEach(scalars::add);
            } else if (!n.isNull() && !n.isMissingNode()) {
                scalars.add(n);
            }
        }
        return scalars;
    }

    /** The first scalar at the path, or null. */
    public static JsonNode first(JsonNode root, String dottedPath) {
        List<JsonNode> all = values(root, dottedPath);
        return all.isEmpty() ? null : all.get(0);
    }

    private static void collect(JsonNode node, String field, List<JsonNode> out) {
        if (node.isArray()) {
            node.forEach(element -> collect(element, field, out));
        } else if (node.isObject() && node.has(field)) {
            out.add(node.get(field));
        }
    }
}
