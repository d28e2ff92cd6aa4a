package io.tripline.core.normalize;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.OffsetDateTime;
import java.time.Year;
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

    private static final int[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};

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
        Instant utc = utcTimestamp(text);
        if (utc != null) {
            return utc;
        }
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

    /**
     * The shape AWS writes, {@code yyyy-MM-ddTHH:mm:ss[.fraction]Z}, read without a DateTimeFormatter
     * (which costs about as much as parsing the rest of a CloudTrail record); null for anything else, which
     * then goes through {@link Instant#parse} and the other formats. Only text that {@code Instant.parse}
     * reads as the same instant is taken: a four-digit year, fields in range, one to nine fraction digits.
     */
    static Instant utcTimestamp(String text) {
        int length = text.length();
        if (length < 20 || length > 30 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':' || text.charAt(length - 1) != 'Z') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        int second = digits(text, 17, 19);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > Month.of(month).length(Year.isLeap(year))
                || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return null;
        }
        int nanos = 0;
        if (length > 20) {
            int fractionDigits = length - 21;
            if (text.charAt(19) != '.' || fractionDigits < 1 || fractionDigits > 9) {
                return null;
            }
            int fraction = digits(text, 20, length - 1);
            if (fraction < 0) {
                return null;
            }
            nanos = fraction * POWERS_OF_TEN[9 - fractionDigits];
        }
        long epochDay = LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600 + minute * 60 + second, nanos);
    }

    /** The decimal value of {@code text[from, to)}, or -1 unless every character is an ASCII digit. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
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
