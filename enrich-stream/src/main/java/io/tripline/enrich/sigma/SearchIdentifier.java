package io.tripline.enrich.sigma;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Set;

/**
 * A named search of a Sigma {@code detection} section: a map (AND of field conditions), a list
 * of maps (OR of ANDs) or a keyword list (any string value anywhere in the event).
 */
sealed interface SearchIdentifier {

    boolean matches(JsonNode event);

    /**
     * Adds the fields this search reads to {@code out}; false when it reads every value of the event
     * (a keyword search), see {@link FieldProjection}.
     */
    boolean fields(Set<String> out);

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

        @Override
        public boolean fields(Set<String> out) {
            conditions.forEach(c -> c.fields(out));
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

        @Override
        public boolean fields(Set<String> out) {
            return SearchIdentifier.fields(parts, out);
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

        @Override
        public boolean fields(Set<String> out) {
            return SearchIdentifier.fields(alternatives, out);
        }
    }

    /** Adds the fields of every search; false if any reads every value. */
    static boolean fields(Iterable<SearchIdentifier> searches, Set<String> out) {
        boolean some = true;
        for (SearchIdentifier s : searches) {
            some &= s.fields(out);
        }
        return some;
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

        @Override
        public boolean fields(Set<String> out) {
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
