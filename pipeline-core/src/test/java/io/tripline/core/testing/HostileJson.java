package io.tripline.core.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.tripline.core.normalize.Json;

/**
 * Seeded generator of malformed and hostile JSON, derived from real records (e.g. the corpus's
 * CloudTrail, GuardDuty and ASFF lines): truncation at a random point, nesting thousands deep, wrong
 * types and missing values for the fields the normalizers read, strings past the read limit, invalid
 * UTF-8, NUL and control bytes, numbers out of range, trailing garbage and plain random bytes. Each
 * input says which {@link Kind} it is, so a test can count and explain what it fed.
 */
public final class HostileJson {

    /** What was done to the sample. */
    public enum Kind {
        TRUNCATED, DEEP_NESTING, WRONG_TYPE, MISSING_FIELD, HUGE_STRING, INVALID_UTF8, NUL_BYTES, CONTROL_CHARS,
        NUMBER_OUT_OF_RANGE, TRAILING_GARBAGE, NOT_A_RECORD, RANDOM_BYTES
    }

    /** One generated input. */
    public record Input(Kind kind, byte[] bytes) {
        /** The bytes decoded as UTF-8 (invalid sequences become U+FFFD), for text-based entry points. */
        public String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** Nesting used by DEEP_NESTING: far past every parser limit, where naive recursion overflows the stack. */
    public static final int DEEP = 10_000;

    /** Fields of the AWS shapes the normalizers and envelopes read; mutations aim at these first. */
    public static final Set<String> KNOWN_FIELDS = Set.of(
            // CloudTrail
            "eventVersion", "eventTime", "eventID", "eventName", "eventSource", "eventType", "awsRegion", "sourceIPAddress",
            "userAgent", "userIdentity", "arn", "accountId", "principalId", "sessionContext", "recipientAccountId",
            "requestParameters", "responseElements", "errorCode", "errorMessage", "readOnly", "resources", "Records",
            "CloudTrailEvent", "EventId", "EventName", "EventTime",
            // GuardDuty (API, EventBridge detail, CLI capitalisation)
            "id", "Id", "type", "Type", "severity", "Severity", "createdAt", "CreatedAt", "updatedAt", "UpdatedAt",
            "region", "Region", "resource", "Resource", "service", "Service", "count", "Count", "archived", "title",
            "description", "detectorId", "resourceType", "instanceDetails", "instanceId", "accessKeyDetails", "Findings",
            // Security Hub ASFF and EventBridge envelopes
            "SchemaVersion", "ProductArn", "GeneratorId", "AwsAccountId", "Types", "Label", "Normalized", "Resources",
            "Title", "Description", "Workflow", "RecordState", "Compliance", "FindingProviderFields",
            "detail", "detail-type", "source", "account", "time", "findings", "Message", "Events");

    private static final byte[][] INVALID_UTF8 = {
            {(byte) 0xff}, {(byte) 0xc3, 0x28}, {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, {(byte) 0xc0, (byte) 0xaf},
            {(byte) 0xf8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}, {(byte) 0x80}, {(byte) 0xe2, (byte) 0x82},
            {(byte) 0xfe, (byte) 0xfe, (byte) 0xff, (byte) 0xff}};
    private static final String[] NUMBERS = {
            "1e999999", "-1e309", "1.7976931348623157E309", "9223372036854775808", "-9223372036854775809",
            "4.9e-325", "0.0000000000000000000000000000000000000000000000001", "-0", "1E+2147483648", "2147483648"};
    private static final String[] NOT_RECORDS = {
            "", " ", "null", "[]", "{}", "0", "\"text\"", "[{}]", "{\"Records\":null}", "{\"Records\":[null,1,\"x\"]}",
            "{\"detail\":null}", "{\"detail-type\":\"GuardDuty Finding\",\"detail\":[]}", "{\"Findings\":{}}", "true",
            "\uFEFF{}", "{\"\":{\"\":{\"\":[]}}}", "[[[[[[[[]]]]]]]]", "{\"eventTime\":\"\"}"};

    private final Random random;
    private final List<JsonNode> samples;

    /** @param random  the run's seeded random
     *  @param samples well-formed records to mutate (at least one) */
    public HostileJson(Random random, List<JsonNode> samples) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("need at least one sample record to mutate");
        }
        this.random = random;
        this.samples = List.copyOf(samples);
    }

    /** The samples of every line of the given corpus files. */
    public static List<JsonNode> corpusSamples(List<String> files) {
        List<JsonNode> out = new ArrayList<>();
        for (String file : files) {
            Corpus.lines(file).forEach(line -> out.add(line.json()));
        }
        return out;
    }

    /** The next input, its kind chosen uniformly. */
    public Input next() {
        Kind[] kinds = Kind.values();
        return next(kinds[random.nextInt(kinds.length)]);
    }

    /** The next input of {@code kind}. */
    public Input next(Kind kind) {
        JsonNode sample = samples.get(random.nextInt(samples.size())).deepCopy();
        return new Input(kind, switch (kind) {
            case TRUNCATED -> truncated(sample);
            case DEEP_NESTING -> deepNesting(sample);
            case WRONG_TYPE -> utf8(withField(sample, wrongType()));
            case MISSING_FIELD -> utf8(withField(sample, null));
            case HUGE_STRING -> utf8(withField(sample, JsonNodeFactory.instance.textNode(hugeString())));
            case INVALID_UTF8 -> insertBytes(utf8(sample), INVALID_UTF8[random.nextInt(INVALID_UTF8.length)]);
            case NUL_BYTES -> nulBytes(sample);
            case CONTROL_CHARS -> controlChars(sample);
            case NUMBER_OUT_OF_RANGE -> numberOutOfRange(sample);
            case TRAILING_GARBAGE -> trailingGarbage(sample);
            case NOT_A_RECORD -> utf8(NOT_RECORDS[random.nextInt(NOT_RECORDS.length)]);
            case RANDOM_BYTES -> randomBytes(random.nextInt(2048));
        });
    }

    /** Nesting {@code depth} deep, arrays or objects, closed or not. */
    public static String nested(int depth, boolean objects, boolean closed) {
        StringBuilder text = new StringBuilder(depth * 6);
        text.append((objects ? "{\"a\":" : "[").repeat(depth)).append('1');
        if (closed) {
            text.append((objects ? "}" : "]").repeat(depth));
        }
        return text.toString();
    }

    private byte[] truncated(JsonNode sample) {
        byte[] full = utf8(sample);
        int cut = full.length <= 1 ? 0 : 1 + random.nextInt(full.length - 1);
        return java.util.Arrays.copyOf(full, cut);
    }

    private byte[] deepNesting(JsonNode sample) {
        int depth = DEEP / 2 + random.nextInt(DEEP);
        boolean objects = random.nextBoolean();
        String deep = nested(depth, objects, random.nextBoolean());
        if (random.nextBoolean()) {
            return utf8(deep);
        }
        // the deep value where a real field is, so envelope detection runs first
        String marker = "\"__tripline_fuzz_deep__\"";
        return utf8(Json.write(withField(sample, JsonNodeFactory.instance.textNode("__tripline_fuzz_deep__")))
                .replace(marker, deep));
    }

    private JsonNode wrongType() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        return switch (random.nextInt(9)) {
            case 0 -> f.numberNode(random.nextInt());
            case 1 -> f.numberNode(random.nextDouble() * 1e12 - 5e11);
            case 2 -> f.booleanNode(random.nextBoolean());
            case 3 -> f.nullNode();
            case 4 -> f.arrayNode().add(1).add("x").addNull();
            case 5 -> f.objectNode().put("unexpected", true);
            case 6 -> f.textNode("not-a-" + random.nextInt(100));
            case 7 -> f.textNode("");
            default -> f.arrayNode();
        };
    }

    private String hugeString() {
        // mostly long but legal; a few past Json.MAX_STRING, where the reader must refuse, not buffer
        int length = random.nextInt(200) == 0 ? Json.MAX_STRING + 1 + random.nextInt(1000) : 8_192 + random.nextInt(65_536);
        return String.valueOf((char) ('A' + random.nextInt(26))).repeat(length);
    }

    /**
     * The sample with one field replaced (or removed when {@code value} is null): a known field where the
     * sample has one, else any field, at any depth.
     */
    private JsonNode withField(JsonNode sample, JsonNode value) {
        List<ObjectNode> owners = new ArrayList<>();
        List<String> names = new ArrayList<>();
        collectFields(sample, owners, names, true);
        if (owners.isEmpty()) {
            collectFields(sample, owners, names, false);
        }
        if (owners.isEmpty()) {
            return value == null ? JsonNodeFactory.instance.objectNode() : value;
        }
        int pick = random.nextInt(owners.size());
        if (value == null) {
            owners.get(pick).remove(names.get(pick));
        } else {
            owners.get(pick).set(names.get(pick), value);
        }
        return sample;
    }

    private static void collectFields(JsonNode node, List<ObjectNode> owners, List<String> names, boolean knownOnly) {
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (!knownOnly || KNOWN_FIELDS.contains(field.getKey())) {
                    owners.add(object);
                    names.add(field.getKey());
                }
                collectFields(field.getValue(), owners, names, knownOnly);
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(item -> collectFields(item, owners, names, knownOnly));
        }
    }

    private byte[] nulBytes(JsonNode sample) {
        if (random.nextBoolean()) {
            return insertBytes(utf8(sample), new byte[] {0});
        }
        return utf8(withField(sample, JsonNodeFactory.instance.textNode("a\u0000b\u0000" + random.nextInt())));
    }

    private byte[] controlChars(JsonNode sample) {
        byte[] text = utf8(sample);
        return switch (random.nextInt(3)) {
            case 0 -> insertBytes(text, new byte[] {(byte) (1 + random.nextInt(31))});
            case 1 -> concat(utf8("\uFEFF"), text);
            default -> utf8(withField(sample, JsonNodeFactory.instance.textNode("\u202e\u2028\ud83d\ude00\u0007\u001b[31m")));
        };
    }

    private byte[] numberOutOfRange(JsonNode sample) {
        String marker = "\"__tripline_fuzz_number__\"";
        String number = random.nextInt(5) == 0 ? "9".repeat(Json.MAX_NUMBER + 1 + random.nextInt(5000))
                : NUMBERS[random.nextInt(NUMBERS.length)];
        return utf8(Json.write(withField(sample, JsonNodeFactory.instance.textNode("__tripline_fuzz_number__")))
                .replace(marker, number));
    }

    private byte[] trailingGarbage(JsonNode sample) {
        String[] tails = {"}", "]", ",", "{", "x", Json.write(sample), "\u0000", "/*", "//"};
        return utf8(Json.write(sample) + tails[random.nextInt(tails.length)]);
    }

    private byte[] insertBytes(byte[] text, byte[] insert) {
        int at = random.nextInt(text.length + 1);
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length + insert.length);
        out.write(text, 0, at);
        out.writeBytes(insert);
        out.write(text, at, text.length - at);
        return out.toByteArray();
    }

    private byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static byte[] utf8(JsonNode node) {
        return utf8(Json.write(node));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
