package io.tripline.simulator.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tripline.simulator.core.SimJson;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Brings a JSON line from a replay file (the corpus shapes: EventBridge envelopes, S3 {@code Records}
 * batches, LookupEvents items, CLI-capitalised GuardDuty findings) to the one shape each state stores:
 * CloudTrail record, camelCase GuardDuty finding, ASFF finding.
 */
final class ShapeNormalizer {

    private ShapeNormalizer() {
    }

    static List<ObjectNode> normalize(Signal.Kind kind, JsonNode line) {
        List<ObjectNode> out = new ArrayList<>();
        switch (kind) {
            case cloudtrail -> {
                if (line.has("Records")) {
                    line.get("Records").forEach(r -> out.add((ObjectNode) r.deepCopy()));
                } else if (line.has("CloudTrailEvent")) {
                    out.add((ObjectNode) SimJson.parse(line.get("CloudTrailEvent").asText()));
                } else if (line.path("detail").isObject()) {
                    out.add((ObjectNode) line.get("detail").deepCopy());
                } else {
                    out.add((ObjectNode) line.deepCopy());
                }
            }
            case guardduty -> {
                JsonNode finding = line.path("detail").isObject() ? line.get("detail") : line;
                out.add(finding.has("Type") && !finding.has("type") ? lowerCamel((ObjectNode) finding)
                        : (ObjectNode) finding.deepCopy());
            }
            case securityhub -> {
                JsonNode findings = line.path("detail").path("findings");
                if (findings.isArray()) {
                    findings.forEach(f -> out.add((ObjectNode) f.deepCopy()));
                } else if (line.path("Findings").isArray()) {
                    line.get("Findings").forEach(f -> out.add((ObjectNode) f.deepCopy()));
                } else {
                    out.add((ObjectNode) line.deepCopy());
                }
            }
            default -> throw new IllegalArgumentException("Unknown kind " + kind);
        }
        return out;
    }

    /** Rewrites CLI/boto3 capitalised GuardDuty keys ({@code Service.EventFirstSeen}) to the API's camelCase. */
    static ObjectNode lowerCamel(ObjectNode node) {
        ObjectNode out = SimJson.object();
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey().isEmpty() ? e.getKey()
                    : Character.toLowerCase(e.getKey().charAt(0)) + e.getKey().substring(1);
            out.set(key, convert(e.getValue()));
        }
        return out;
    }

    private static JsonNode convert(JsonNode value) {
        if (value.isObject()) {
            return lowerCamel((ObjectNode) value);
        }
        if (value.isArray()) {
            ArrayNode array = SimJson.array();
            value.forEach(v -> array.add(convert(v)));
            return array;
        }
        return value;
    }
}
