package io.tripline.simulator.securityhub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tripline.simulator.core.AwsError;
import io.tripline.simulator.core.JsonPaths;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Security Hub's {@code AwsSecurityFindingFilters} and {@code SortCriteria} over ASFF findings. Within
 * one filter key, positive string comparisons (EQUALS, PREFIX, CONTAINS) are ORed and negative ones
 * (NOT_EQUALS, PREFIX_NOT_EQUALS, NOT_CONTAINS) ANDed; date and number filters of a key are ORed;
 * different keys are ANDed — as the Security Hub API documents.
 */
final class AsffFilters {

    /** Filter keys whose finding field is not simply the top-level field of the same name. */
    private static final Map<String, String> PATHS = Map.ofEntries(
            Map.entry("SeverityLabel", "Severity.Label"),
            Map.entry("SeverityNormalized", "Severity.Normalized"),
            Map.entry("SeverityProduct", "Severity.Product"),
            Map.entry("WorkflowStatus", "Workflow.Status"),
            Map.entry("ComplianceStatus", "Compliance.Status"),
            Map.entry("ComplianceSecurityControlId", "Compliance.SecurityControlId"),
            Map.entry("Type", "Types"),
            Map.entry("ResourceType", "Resources.Type"),
            Map.entry("ResourceId", "Resources.Id"),
            Map.entry("ResourceRegion", "Resources.Region"),
            Map.entry("ResourcePartition", "Resources.Partition"),
            Map.entry("ResourceTags", "Resources.Tags"),
            Map.entry("NoteText", "Note.Text"),
            Map.entry("NoteUpdatedBy", "Note.UpdatedBy"),
            Map.entry("NoteUpdatedAt", "Note.UpdatedAt"));

    private AsffFilters() {
    }

    static String path(String key) {
        return PATHS.getOrDefault(key, key);
    }

    static Predicate<ObjectNode> parse(JsonNode filters, Instant now) {
        List<Predicate<ObjectNode>> keys = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> it = filters.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isArray() && !e.getValue().isEmpty()) {
                keys.add(forKey(path(e.getKey()), e.getValue(), now));
            }
        }
        return f -> keys.stream().allMatch(p -> p.test(f));
    }

    private static Predicate<ObjectNode> forKey(String path, JsonNode list, Instant now) {
        List<Predicate<ObjectNode>> positives = new ArrayList<>();
        List<Predicate<ObjectNode>> negatives = new ArrayList<>();
        for (JsonNode filter : list) {
            if (filter.has("Comparison") && filter.has("Key")) {
                String key = filter.get("Key").asText();
                Predicate<String> test = stringTest(filter.get("Comparison").asText(), filter.path("Value").asText());
                boolean negative = filter.get("Comparison").asText().startsWith("NOT_")
                        || filter.get("Comparison").asText().startsWith("PREFIX_NOT");
                Predicate<ObjectNode> p = f -> JsonPaths.values(f, path).stream()
                        .map(m -> m.path(key)).filter(v -> !v.isMissingNode()).anyMatch(v -> test.test(v.asText()));
                (negative ? negatives : positives).add(negative
                        ? f -> JsonPaths.values(f, path).stream().map(m -> m.path(key)).filter(v -> !v.isMissingNode())
                                .allMatch(v -> test.test(v.asText()))
                        : p);
            } else if (filter.has("Comparison")) {
                String comparison = filter.get("Comparison").asText();
                Predicate<String> test = stringTest(comparison, filter.path("Value").asText());
                if (comparison.startsWith("NOT_") || comparison.startsWith("PREFIX_NOT")) {
                    negatives.add(f -> JsonPaths.values(f, path).stream().allMatch(v -> test.test(v.asText())));
                } else {
                    positives.add(f -> JsonPaths.values(f, path).stream().anyMatch(v -> test.test(v.asText())));
                }
            } else if (filter.has("Start") || filter.has("End") || filter.has("DateRange")) {
                positives.add(dateFilter(path, filter, now));
            } else if (filter.has("Gte") || filter.has("Lte") || filter.has("Eq") || filter.has("Gt") || filter.has("Lt")) {
                positives.add(numberFilter(path, filter));
            } else if (filter.has("Value") && filter.get("Value").isBoolean()) {
                boolean want = filter.get("Value").asBoolean();
                positives.add(f -> JsonPaths.values(f, path).stream().anyMatch(v -> v.asBoolean() == want));
            } else {
                throw AwsError.badRequest("InvalidInputException", "Invalid filter for " + path);
            }
        }
        return f -> (positives.isEmpty() || positives.stream().anyMatch(p -> p.test(f)))
                && negatives.stream().allMatch(p -> p.test(f));
    }

    private static Predicate<String> stringTest(String comparison, String value) {
        return switch (comparison) {
            case "EQUALS" -> v -> v.equals(value);
            case "NOT_EQUALS" -> v -> !v.equals(value);
            case "PREFIX" -> v -> v.startsWith(value);
            case "PREFIX_NOT_EQUALS" -> v -> !v.startsWith(value);
            case "CONTAINS" -> v -> v.contains(value);
            case "NOT_CONTAINS" -> v -> !v.contains(value);
            default -> throw AwsError.badRequest("InvalidInputException", "Invalid Comparison " + comparison);
        };
    }

    private static Predicate<ObjectNode> dateFilter(String path, JsonNode filter, Instant now) {
        Instant start;
        Instant end;
        if (filter.has("DateRange")) {
            JsonNode range = filter.get("DateRange");
            if (!"DAYS".equals(range.path("Unit").asText("DAYS"))) {
                throw AwsError.badRequest("InvalidInputException", "DateRange Unit must be DAYS");
            }
            start = now.minus(Duration.ofDays(range.path("Value").asLong()));
            end = now;
        } else {
            start = filter.hasNonNull("Start") ? parse(filter.get("Start").asText()) : Instant.MIN;
            end = filter.hasNonNull("End") ? parse(filter.get("End").asText()) : Instant.MAX;
        }
        return f -> JsonPaths.values(f, path).stream().anyMatch(v -> {
            try {
                Instant t = Instant.parse(v.asText());
                return !t.isBefore(start) && !t.isAfter(end);
            } catch (DateTimeParseException e) {
                return false;
            }
        });
    }

    private static Instant parse(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            try {
                return java.time.OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e2) {
                throw AwsError.badRequest("InvalidInputException", "Invalid date " + text);
            }
        }
    }

    private static Predicate<ObjectNode> numberFilter(String path, JsonNode filter) {
        return f -> JsonPaths.values(f, path).stream().filter(JsonNode::isNumber).map(JsonNode::asDouble).anyMatch(v ->
                (!filter.has("Gte") || v >= filter.get("Gte").asDouble())
                        && (!filter.has("Lte") || v <= filter.get("Lte").asDouble())
                        && (!filter.has("Gt") || v > filter.get("Gt").asDouble())
                        && (!filter.has("Lt") || v < filter.get("Lt").asDouble())
                        && (!filter.has("Eq") || v == filter.get("Eq").asDouble()));
    }

    /** SortCriteria order; without one, newest UpdatedAt first, then Id (stable paging). */
    static Comparator<ObjectNode> order(JsonNode sortCriteria) {
        Comparator<ObjectNode> byId = Comparator.comparing(f -> f.path("Id").asText());
        Comparator<ObjectNode> result = null;
        if (sortCriteria != null && sortCriteria.isArray()) {
            for (JsonNode c : sortCriteria) {
                String path = path(c.path("Field").asText());
                Comparator<ObjectNode> one = Comparator.comparing(f -> JsonPaths.first(f, path), AsffFilters::compare);
                if ("desc".equalsIgnoreCase(c.path("SortOrder").asText("asc"))) {
                    one = one.reversed();
                }
                result = result == null ? one : result.thenComparing(one);
            }
        }
        if (result == null) {
            result = Comparator.<ObjectNode, String>comparing(f -> f.path("UpdatedAt").asText()).reversed();
        }
        return result.thenComparing(byId);
    }

    private static int compare(JsonNode a, JsonNode b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        if (a.isNumber() && b.isNumber()) {
            return Double.compare(a.asDouble(), b.asDouble());
        }
        return a.asText().compareTo(b.asText());
    }
}
