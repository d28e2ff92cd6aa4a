package io.tripline.simulator.guardduty;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tripline.simulator.core.AwsError;
import io.tripline.simulator.core.JsonPaths;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * GuardDuty's {@code FindingCriteria} and {@code SortCriteria}: each criterion names a finding field by
 * dotted path ({@code severity}, {@code updatedAt}, {@code service.archived},
 * {@code resource.instanceDetails.instanceId}, ...) with conditions eq/neq/equals/notEquals (lists of
 * strings) and gt/gte/lt/lte/greaterThan/... (numbers; for timestamp fields, epoch milliseconds).
 * All criteria must hold.
 */
final class FindingCriteria {

    private FindingCriteria() {
    }

    static Predicate<ObjectNode> parse(JsonNode findingCriteria) {
        List<Predicate<ObjectNode>> all = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> criteria = findingCriteria.path("criterion").fields();
        while (criteria.hasNext()) {
            Map.Entry<String, JsonNode> criterion = criteria.next();
            String field = criterion.getKey();
            Iterator<Map.Entry<String, JsonNode>> conditions = criterion.getValue().fields();
            while (conditions.hasNext()) {
                Map.Entry<String, JsonNode> c = conditions.next();
                all.add(condition(field, c.getKey(), c.getValue()));
            }
        }
        return f -> all.stream().allMatch(p -> p.test(f));
    }

    private static Predicate<ObjectNode> condition(String field, String operator, JsonNode operand) {
        return switch (operator) {
            case "eq", "equals" -> f -> values(f, field).stream().anyMatch(v -> anyEqual(v, operand));
            case "neq", "notEquals" -> f -> values(f, field).stream().noneMatch(v -> anyEqual(v, operand));
            case "gt", "greaterThan" -> f -> numbers(f, field).stream().anyMatch(v -> v > operand.asDouble());
            case "gte", "greaterThanOrEqual" -> f -> numbers(f, field).stream().anyMatch(v -> v >= operand.asDouble());
            case "lt", "lessThan" -> f -> numbers(f, field).stream().anyMatch(v -> v < operand.asDouble());
            case "lte", "lessThanOrEqual" -> f -> numbers(f, field).stream().anyMatch(v -> v <= operand.asDouble());
            default -> throw AwsError.badRequest("BadRequestException",
                    "The request is rejected because an invalid or out-of-range value is specified as an input parameter.");
        };
    }

    private static List<JsonNode> values(ObjectNode finding, String field) {
        return JsonPaths.values(finding, field);
    }

    private static boolean anyEqual(JsonNode value, JsonNode operand) {
        for (JsonNode candidate : operand) {
            String c = candidate.asText();
            if (value.asText().equals(c)) {
                return true;
            }
            if (value.isNumber()) {
                try {
                    if (Double.parseDouble(c) == value.asDouble()) {
                        return true;
                    }
                } catch (NumberFormatException ignored) {
                    // a non-numeric operand never equals a number
                }
            }
        }
        return false;
    }

    /** Numeric views of the field: numbers as is, ISO timestamps as epoch millis. */
    private static List<Double> numbers(ObjectNode finding, String field) {
        List<Double> out = new ArrayList<>();
        for (JsonNode v : values(finding, field)) {
            if (v.isNumber()) {
                out.add(v.asDouble());
            } else {
                try {
                    out.add((double) Instant.parse(v.asText()).toEpochMilli());
                } catch (DateTimeParseException e) {
                    try {
                        out.add(Double.parseDouble(v.asText()));
                    } catch (NumberFormatException ignored) {
                        // neither a time nor a number: it cannot satisfy a range condition
                    }
                }
            }
        }
        return out;
    }

    /** The order SortCriteria asks for; without one, oldest createdAt first, then id (stable paging). */
    static Comparator<ObjectNode> order(JsonNode sortCriteria) {
        Comparator<ObjectNode> byId = Comparator.comparing(f -> f.path("id").asText());
        if (sortCriteria == null || !sortCriteria.hasNonNull("attributeName")) {
            return Comparator.<ObjectNode, String>comparing(f -> f.path("createdAt").asText()).thenComparing(byId);
        }
        String field = sortCriteria.get("attributeName").asText();
        Comparator<ObjectNode> primary = Comparator.comparing(f -> sortKey(f, field), FindingCriteria::compareKeys);
        if ("DESC".equalsIgnoreCase(sortCriteria.path("orderBy").asText("ASC"))) {
            primary = primary.reversed();
        }
        return primary.thenComparing(byId);
    }

    private static JsonNode sortKey(ObjectNode f, String field) {
        return JsonPaths.first(f, field);
    }

    private static int compareKeys(JsonNode a, JsonNode b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        if (a.isNumber() && b.isNumber()) {
            return Double.compare(a.asDouble(), b.asDouble());
        }
        return a.asText().compareTo(b.asText());
    }
}
