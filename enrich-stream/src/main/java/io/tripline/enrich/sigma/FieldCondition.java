package io.tripline.enrich.sigma;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * One {@code field|modifiers: values} entry of a selection: the values are OR-ed unless the
 * {@code all} modifier asks for every one of them.
 */
final class FieldCondition {

    private final FieldPath path;
    private final List<ValueMatcher> matchers;
    private final boolean all;

    FieldCondition(FieldPath path, List<ValueMatcher> matchers, boolean all) {
        this.path = path;
        this.matchers = List.copyOf(matchers);
        this.all = all;
    }

    FieldPath path() {
        return path;
    }

    List<ValueMatcher> matchers() {
        return matchers;
    }

    boolean all() {
        return all;
    }

    boolean matches(JsonNode event) {
        List<JsonNode> values = path.values(event);
        if (all) {
            for (ValueMatcher m : matchers) {
                if (!m.matches(values, event)) {
                    return false;
                }
            }
            return !matchers.isEmpty();
        }
        for (ValueMatcher m : matchers) {
            if (m.matches(values, event)) {
                return true;
            }
        }
        return false;
    }
}
