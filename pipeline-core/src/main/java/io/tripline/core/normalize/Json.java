package io.tripline.core.normalize;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * JSON helpers shared by the normalizers: one mapper with deliberate read limits (hostile input must
 * not exhaust memory or the stack), null-safe field access, and AWS timestamp parsing.
 */
public final class Json {

    /*
     * Read limits (docs/json-limits.md): AWS records are far below these; anything above is hostile or
     * broken and fails as "not valid JSON" with Jackson's reason, instead of exhausting the stack or heap.
     */
    /** Deepest nesting: the deepest AWS shape (ASFF, GuardDuty EKS/runtime details) is under 20. */
    public static final int MAX_NESTING = 200;
    /** Longest string value: a CloudTrail policy document or request parameters stay far below. */
    public static final int MAX_STRING = 5_000_000;
    /** Longest number literal: parsing a huge literal into BigDecimal/BigInteger is quadratic. */
    public static final int MAX_NUMBER = 1_000;
    /** Longest document, which also bounds a streamed CloudTrail log file from S3 (typically a few MB). */
    public static final long MAX_DOCUMENT = 256L * 1024 * 1024;

    public static final ObjectMapper MAPPER = mapper();

    private Json() {
    }

    private static ObjectMapper mapper() {
        ObjectMapper mapper = new ObjectMapper();
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING)
                .maxStringLength(MAX_STRING)
                .maxNumberLength(MAX_NUMBER)
                .maxDocumentLength(MAX_DOCUMENT)
                .build());
        return mapper;
    }

    public static JsonNode parse(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new NormalizationException("not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Compact JSON text of a node, keys in their original order. */
    public static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new NormalizationException("cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Text of a field path, or null when absent, JSON null or empty. */
    public static String text(JsonNode node, String... path) {
        JsonNode value = at(node, path);
        if (value == null || value.isNull() || value.isMissingNode() || value.isContainerNode()) {
            return null;
        }
        String text = value.asText();
        return text.isEmpty() ? null : text;
    }

    public static String required(JsonNode node, String shape, String... path) {
        String value = text(node, path);
        if (value == null) {
            throw new NormalizationException(shape + " has no " + String.join(".", path));
        }
        return value;
    }

    public static JsonNode at(JsonNode node, String... path) {
        JsonNode current = node;
        for (String name : path) {
            if (current == null || !current.isObject()) {
                return null;
            }
            current = current.get(name);
        }
        return current;
    }

    public static Integer integer(JsonNode node, String... path) {
        JsonNode value = at(node, path);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isNumber()) {
            return value.intValue();
        }
        try {
            return Integer.valueOf(value.asText().trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Booleans as AWS writes them: JSON true/false or the strings "true"/"false". */
    public static Boolean bool(JsonNode node, String... path) {
        JsonNode value = at(node, path);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        String text = value.asText();
        if ("true".equalsIgnoreCase(text)) {
            return true;
        }
        if ("false".equalsIgnoreCase(text)) {
            return false;
        }
        return null;
    }

    /** An ISO-8601 timestamp (with Z or an offset, with or without fraction), or epoch seconds. */
    public static Instant instant(JsonNode node, String shape, String... path) {
        JsonNode value = at(node, path);
        if (value == null || value.isNull() || value.asText().isEmpty()) {
            return null;
        }
        if (value.isNumber()) {
            double seconds = value.doubleValue();
            return Instant.ofEpochMilli(Math.round(seconds * 1000));
        }
        String text = value.asText().trim();
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException notInstant) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException notOffset) {
                try {
                    // Exports from data lakes (Athena, Panther) write "2021-01-24 04:55:45.000" in UTC.
                    return LocalDateTime.parse(text.replace(' ', 'T').replaceAll("Z$", "")).toInstant(ZoneOffset.UTC);
                } catch (DateTimeParseException e) {
                    throw new NormalizationException(shape + " field " + String.join(".", path)
                            + " is not a timestamp: '" + abbreviate(text) + "'");
                }
            }
        }
    }

    public static Instant requiredInstant(JsonNode node, String shape, String... path) {
        Instant value = instant(node, shape, path);
        if (value == null) {
            throw new NormalizationException(shape + " has no " + String.join(".", path));
        }
        return value;
    }

    /**
     * The same JSON with every object key's first letter lower-cased: boto3 and the AWS CLI print
     * GuardDuty findings with CapitalCase keys, while the API and EventBridge use lowerCamel.
     */
    public static JsonNode lowerCamelKeys(JsonNode node) {
        if (node.isObject()) {
            ObjectNode out = MAPPER.createObjectNode();
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                String key = field.getKey();
                String lower = key.isEmpty() ? key : Character.toLowerCase(key.charAt(0)) + key.substring(1);
                out.set(lower, lowerCamelKeys(field.getValue()));
            }
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = MAPPER.createArrayNode();
            node.forEach(item -> out.add(lowerCamelKeys(item)));
            return out;
        }
        return node;
    }

    static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}
