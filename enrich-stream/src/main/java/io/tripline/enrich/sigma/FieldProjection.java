package io.tripline.enrich.sigma;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.tripline.core.normalize.Json;
import io.tripline.core.normalize.NormalizationException;

/**
 * Parses a CloudTrail record into the part of its tree a rule set reads: the fields its rules, its
 * correlations and its index name, each with everything below it; every other subtree is skipped by
 * the tokenizer without building nodes. {@link FieldPath} resolves the same values on the projected
 * tree as on the whole one (arrays along a path are kept element by element; a key that spells a
 * path's remaining steps with dots, which {@link FieldPath} also accepts, is kept whole), so a rule
 * matches the projection exactly when it matches the record. A rule set with a keyword search, which
 * looks at every value, gets the whole tree.
 *
 * <p>The input is read as strictly as {@link Json#parse}: the same read limits, and invalid JSON
 * anywhere, also in a skipped subtree, fails with the same {@link NormalizationException}.
 */
public final class FieldProjection {

    private static final JsonNodeFactory NODES = Json.MAPPER.getNodeFactory();

    /** One step of the trie: the fields below a path prefix. */
    private static final class Step {
        /** Keep the whole value here: a path ends at this step. */
        boolean whole;
        final Map<String, Step> children = new HashMap<>();
        /** The remaining dotted paths from this step, which a flattened key may spell. */
        final Set<String> rests = new HashSet<>();
    }

    private final Step root;

    private FieldProjection(Step root) {
        this.root = root;
    }

    /** A projection keeping the dotted field names given (Sigma field names, as {@link FieldPath} reads them). */
    public static FieldProjection of(Collection<String> fields) {
        Step root = new Step();
        for (String field : fields) {
            String[] steps = field.split("\\.", -1);
            Step step = root;
            for (int i = 0; i < steps.length; i++) {
                if (i < steps.length - 1) {
                    step.rests.add(String.join(".", java.util.Arrays.copyOfRange(steps, i, steps.length)));
                }
                step = step.children.computeIfAbsent(steps[i], s -> new Step());
            }
            step.whole = true;
        }
        return new FieldProjection(root);
    }

    /** A projection keeping everything: {@link #parse} is {@link Json#parse}. */
    public static FieldProjection everything() {
        Step root = new Step();
        root.whole = true;
        return new FieldProjection(root);
    }

    /** The projected tree of {@code json}; a document that is not an object is returned whole. */
    public JsonNode parse(String json) {
        if (root.whole) {
            return Json.parse(json);
        }
        // Jackson reads UTF-8 bytes faster than a String's chars, encoding included. (Text that came out of Avro
        // holds no lone surrogates, the one thing the encoding would change.)
        try (JsonParser parser = Json.MAPPER.createParser(json.getBytes(StandardCharsets.UTF_8))) {
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_OBJECT) {
                return Json.parse(json);
            }
            ObjectNode out = object(parser, root);
            // like readTree, whatever follows the first value is not read
            return out;
        } catch (JsonProcessingException e) {
            throw new NormalizationException("not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new NormalizationException("not valid JSON: " + e.getMessage(), e);
        }
    }

    /** Reads the object the parser is at (its START_OBJECT consumed), keeping what {@code step} asks for. */
    private static ObjectNode object(JsonParser parser, Step step) throws IOException {
        ObjectNode out = NODES.objectNode();
        for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
            JsonToken token = parser.nextToken();
            Step child = step.children.get(name);
            if (child == null && name.indexOf('.') >= 0 && step.rests.contains(name)) {
                out.set(name, whole(parser, token));
            } else if (child == null) {
                parser.skipChildren();
            } else {
                out.set(name, value(parser, token, child));
            }
        }
        if (parser.currentToken() != JsonToken.END_OBJECT) {
            throw new NormalizationException("not valid JSON: unexpected " + parser.currentToken());
        }
        return out;
    }

    private static JsonNode value(JsonParser parser, JsonToken token, Step step) throws IOException {
        if (step.whole || token.isScalarValue()) {
            return whole(parser, token);
        }
        if (token == JsonToken.START_OBJECT) {
            return object(parser, step);
        }
        // arrays are transparent to a path: each element is projected by the same step
        ArrayNode array = NODES.arrayNode();
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
            array.add(value(parser, t, step));
        }
        return array;
    }

    /** The whole value at {@code token}, built with the node types {@code readTree} gives. */
    private static JsonNode whole(JsonParser parser, JsonToken token) throws IOException {
        switch (token) {
            case START_OBJECT -> {
                ObjectNode out = NODES.objectNode();
                for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
                    out.set(name, whole(parser, parser.nextToken()));
                }
                return out;
            }
            case START_ARRAY -> {
                ArrayNode out = NODES.arrayNode();
                for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
                    out.add(whole(parser, t));
                }
                return out;
            }
            case VALUE_STRING -> {
                return NODES.textNode(parser.getText());
            }
            case VALUE_NUMBER_INT -> {
                return switch (parser.getNumberType()) {
                    case INT -> NODES.numberNode(parser.getIntValue());
                    case LONG -> NODES.numberNode(parser.getLongValue());
                    default -> NODES.numberNode(parser.getBigIntegerValue());
                };
            }
            case VALUE_NUMBER_FLOAT -> {
                return parser.getNumberType() == JsonParser.NumberType.BIG_DECIMAL
                        ? NODES.numberNode(parser.getDecimalValue()) : NODES.numberNode(parser.getDoubleValue());
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return NODES.booleanNode(token == JsonToken.VALUE_TRUE);
            }
            case VALUE_NULL -> {
                return NODES.nullNode();
            }
            default -> throw new NormalizationException("not valid JSON: unexpected " + token);
        }
    }
}
