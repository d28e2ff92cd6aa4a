package io.tripline.enrich.sigma;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

/**
 * The parsed {@code condition} of a detection, evaluated against the rule's search identifiers.
 * Quantified forms ({@code 1 of selection_*}) are resolved to identifier lists at parse time.
 */
sealed interface Condition {

    boolean eval(Map<String, SearchIdentifier> searches, JsonNode event);

    /** A reference to one search identifier. */
    record Ref(String name) implements Condition {
        @Override
        public boolean eval(Map<String, SearchIdentifier> searches, JsonNode event) {
            return searches.get(name).matches(event);
        }
    }

    /** Logical AND (short-circuit, left to right). */
    record And(List<Condition> terms) implements Condition {
        @Override
        public boolean eval(Map<String, SearchIdentifier> searches, JsonNode event) {
            for (Condition c : terms) {
                if (!c.eval(searches, event)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Logical OR (short-circuit, left to right). */
    record Or(List<Condition> terms) implements Condition {
        @Override
        public boolean eval(Map<String, SearchIdentifier> searches, JsonNode event) {
            for (Condition c : terms) {
                if (c.eval(searches, event)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Logical NOT. */
    record Not(Condition term) implements Condition {
        @Override
        public boolean eval(Map<String, SearchIdentifier> searches, JsonNode event) {
            return !term.eval(searches, event);
        }
    }

    /** {@code N of pattern}: at least {@code min} of the named searches match. */
    record AtLeast(int min, List<String> names) implements Condition {
        @Override
        public boolean eval(Map<String, SearchIdentifier> searches, JsonNode event) {
            int hits = 0;
            for (String n : names) {
                if (searches.get(n).matches(event) && ++hits >= min) {
                    return true;
                }
            }
            return false;
        }
    }
}
