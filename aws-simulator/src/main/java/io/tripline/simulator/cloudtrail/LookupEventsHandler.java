package io.tripline.simulator.cloudtrail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tripline.simulator.core.AwsError;
import io.tripline.simulator.core.SimJson;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * LookupEvents over one account-region's event history, with AWS's rules: at most one lookup
 * attribute, MaxResults 1–50, StartTime ≤ EndTime, newest first, 90 days of history, opaque
 * NextToken that resumes after the last item returned (stable while new events arrive).
 */
final class LookupEventsHandler {

    private static final Set<String> KEYS = Set.of("EventId", "EventName", "ReadOnly", "Username", "ResourceType",
            "ResourceName", "EventSource", "AccessKeyId");
    private static final Duration HISTORY = Duration.ofDays(90);

    private LookupEventsHandler() {
    }

    static ObjectNode lookup(CloudTrailState state, JsonNode request, Instant now) {
        Predicate<StoredEvent> filter = attributeFilter(request.path("LookupAttributes"));
        int maxResults = request.path("MaxResults").asInt(50);
        if (request.has("MaxResults") && (maxResults < 1 || maxResults > 50)) {
            throw AwsError.badRequest("InvalidMaxResultsException", "Value " + request.path("MaxResults").asText()
                    + " for MaxResults is invalid. Valid values are between 1 and 50.");
        }
        Instant start = request.hasNonNull("StartTime") ? epoch(request.get("StartTime")) : now.minus(HISTORY);
        Instant end = request.hasNonNull("EndTime") ? epoch(request.get("EndTime")) : null;
        if (end != null && start.isAfter(end)) {
            throw AwsError.badRequest("InvalidTimeRangeException",
                    "Start time cannot be after end time.");
        }
        String category = request.path("EventCategory").asText(null);
        if (category != null && !"insight".equals(category)) {
            throw AwsError.badRequest("InvalidEventCategoryException", "Invalid event category " + category);
        }
        Instant lowerBound = start.isBefore(now.minus(HISTORY)) ? now.minus(HISTORY) : start;
        Predicate<StoredEvent> inRange = e -> !e.eventTime().isBefore(lowerBound)
                && (end == null || !e.eventTime().isAfter(end));
        boolean insights = "insight".equals(category);
        Predicate<StoredEvent> kind = e -> insights == "AwsCloudTrailInsight".equals(e.record().path("eventType").asText());
        List<StoredEvent> all = state.select(inRange.and(kind).and(filter));

        int from = 0;
        if (request.hasNonNull("NextToken")) {
            StoredEvent after = decodeToken(request.get("NextToken").asText());
            while (from < all.size() && LookupOrder.NEWEST_FIRST.compare(all.get(from), after) <= 0) {
                from++;
            }
        }
        int to = Math.min(all.size(), from + maxResults);
        ObjectNode response = SimJson.object();
        ArrayNode events = response.putArray("Events");
        for (StoredEvent e : all.subList(from, to)) {
            events.add(item(e));
        }
        if (to < all.size()) {
            StoredEvent last = all.get(to - 1);
            response.put("NextToken", encodeToken(last));
        }
        return response;
    }

    private static ObjectNode item(StoredEvent e) {
        ObjectNode item = SimJson.object();
        item.put("EventId", e.eventId()).put("EventName", e.eventName()).put("ReadOnly", Boolean.toString(e.readOnly()));
        if (e.accessKeyId() != null) {
            item.put("AccessKeyId", e.accessKeyId());
        }
        item.put("EventTime", e.eventTime().getEpochSecond()).put("EventSource", e.eventSource());
        if (e.username() != null) {
            item.put("Username", e.username());
        }
        ArrayNode resources = item.putArray("Resources");
        e.resources().forEach(r -> resources.addObject().put("ResourceType", r.type()).put("ResourceName", r.name()));
        item.put("CloudTrailEvent", SimJson.write(e.record()));
        return item;
    }

    private static Predicate<StoredEvent> attributeFilter(JsonNode attributes) {
        if (!attributes.isArray() || attributes.isEmpty()) {
            return e -> true;
        }
        if (attributes.size() > 1) {
            throw AwsError.badRequest("InvalidLookupAttributesException",
                    "You cannot specify more than one lookup attribute.");
        }
        String key = attributes.get(0).path("AttributeKey").asText("");
        String value = attributes.get(0).path("AttributeValue").asText("");
        if (!KEYS.contains(key)) {
            throw AwsError.badRequest("InvalidLookupAttributesException", "Invalid attribute key: " + key);
        }
        return switch (key) {
            case "EventId" -> e -> value.equals(e.eventId());
            case "EventName" -> e -> value.equals(e.eventName());
            case "ReadOnly" -> e -> value.equalsIgnoreCase(Boolean.toString(e.readOnly()));
            case "Username" -> e -> value.equals(e.username());
            case "ResourceType" -> e -> e.resources().stream().anyMatch(r -> r.type().equals(value));
            case "ResourceName" -> e -> e.resources().stream().anyMatch(r -> r.name().equals(value));
            case "EventSource" -> e -> value.equals(e.eventSource());
            default -> e -> value.equals(e.accessKeyId());
        };
    }

    private static Instant epoch(JsonNode value) {
        if (value.isNumber()) {
            return Instant.ofEpochMilli((long) (value.asDouble() * 1000));
        }
        return Instant.parse(value.asText());
    }

    private static String encodeToken(StoredEvent last) {
        String raw = last.eventTime().toEpochMilli() + ":" + last.eventTime().getNano() + ":" + last.sequence();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    private static StoredEvent decodeToken(String token) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split(":");
            Instant time = Instant.ofEpochSecond(Math.floorDiv(Long.parseLong(parts[0]), 1000), Long.parseLong(parts[1]));
            return new StoredEvent(Long.parseLong(parts[2]), time, null, null, null, false, null, null, List.of(), null);
        } catch (RuntimeException e) {
            throw AwsError.badRequest("InvalidNextTokenException", "Invalid NextToken");
        }
    }
}
