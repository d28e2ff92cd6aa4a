package io.tripline.enrich.sigma;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * A named search of a Sigma {@code detection} section: a map (AND of field conditions), a list
 * of maps (OR of ANDs) or a keyword list (any string value anywhere in the event).
 */
sealed interface SearchIdentifier {

    boolean matches(JsonNode event);

    /** AND of field conditions: one YAML map. */
    record AllFields(List<FieldCondition> conditions) implements SearchIdentifier {
        @Override
        public boolean matches(JsonNode event) {
            for (FieldCondition c : conditions) {
                if (!c.matches(event)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** AND of parts: a map mixing field conditions with field-less (keyword) modifiers. */
    record AllOf(List<SearchIdentifier> parts) implements SearchIdentifier {
        @Override
        public boolean matches(JsonNode event) {
            for (SearchIdentifier p : parts) {
                if (!p.matches(event)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** OR of alternatives: a YAML list of maps. */
    record AnyOf(List<SearchIdentifier> alternatives) implements SearchIdentifier {
        @Override
        public boolean matches(JsonNode event) {
            for (SearchIdentifier s : alternatives) {
                if (s.matches(event)) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * Keywords: any scalar anywhere in the event contains any of the values (or all, with
     * {@code all}). Plain keyword lists get an implicit {@code contains}, like a SIEM full-text search;
     * field-less modifier keys ({@code '|re': ...}) use exactly the modifiers given.
     */
    record Keywords(List<ValueMatcher> matchers, boolean all) implements SearchIdentifier {
        @Override
        public boolean matches(JsonNode event) {
            if (all) {
                for (ValueMatcher m : matchers) {
                    if (!anyLeaf(event, m, event)) {
                        return false;
                    }
                }
                return !matchers.isEmpty();
            }
            for (ValueMatcher m : matchers) {
                if (anyLeaf(event, m, event)) {
                    return true;
                }
            }
            return false;
        }

        private static boolean anyLeaf(JsonNode node, ValueMatcher m, JsonNode event) {
            if (node.isContainerNode()) {
                for (JsonNode child : node) {
                    if (anyLeaf(child, m, event)) {
                        return true;
                    }
                }
                return false;
            }
            return !node.isNull() && m.test(node, event);
        }
    }
}
