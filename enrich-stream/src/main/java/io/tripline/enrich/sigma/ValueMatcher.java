package io.tripline.enrich.sigma;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * One compiled value of a Sigma field condition ({@code field|modifiers: value}).
 *
 * <p>Most matchers test single leaf values and the field matches when any leaf does (Sigma's
 * "any element of an array" rule); matchers about presence ({@code null}, {@code exists}) look at
 * the whole list of leaves instead and override {@link #matches(List, JsonNode)}.
 */
interface ValueMatcher {

    /** Whether one leaf value of the field matches; {@code event} is the whole record (fieldref). */
    boolean test(JsonNode value, JsonNode event);

    /** Whether the field, resolved to {@code values} (empty when absent), matches. */
    default boolean matches(List<JsonNode> values, JsonNode event) {
        for (JsonNode value : values) {
            if (test(value, event)) {
                return true;
            }
            // A search on an object field also searches its string leaves: CloudTrail writes documents such
            // as policyDocument as JSON strings, whose quotes are escaped in the object's compact JSON.
            if (value.isContainerNode() && exactLiteral() == null && anyLeaf(value, event, 0)) {
                return true;
            }
        }
        return false;
    }

    private boolean anyLeaf(JsonNode container, JsonNode event, int depth) {
        if (depth > MAX_LEAF_DEPTH) {
            return false;
        }
        for (JsonNode child : container) {
            if (child.isContainerNode() ? anyLeaf(child, event, depth + 1) : child.isTextual() && test(child, event)) {
                return true;
            }
        }
        return false;
    }

    /** Nesting searched below an object field; CloudTrail request parameters are far shallower. */
    int MAX_LEAF_DEPTH = 16;

    /**
     * The literal this matcher requires the whole value to equal (case-insensitively), if it is a
     * plain equality; used by the rule index. {@code null} otherwise.
     */
    default String exactLiteral() {
        return null;
    }

    /** The literal prefix this matcher requires (plain {@code startswith}), or {@code null}. */
    default String prefixLiteral() {
        return null;
    }

    /** The other field this matcher reads ({@code fieldref}), or {@code null}; see {@link FieldProjection}. */
    default String referencedField() {
        return null;
    }

    /**
     * Text of a leaf as Sigma compares it: strings as-is, numbers and booleans in their JSON
     * spelling, objects in compact JSON (so {@code contains} can search a nested document), null
     * as {@code null}.
     */
    static String text(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return null;
        }
        if (value.isValueNode()) {
            return value.asText();
        }
        return value.toString();
    }
}
