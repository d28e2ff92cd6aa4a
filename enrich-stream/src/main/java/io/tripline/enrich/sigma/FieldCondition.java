package io.tripline.enrich.sigma;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Set;

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

    /** Adds the field this condition reads, and any other field a {@code fieldref} compares it with. */
    void fields(Set<String> out) {
        out.add(path.name());
        for (ValueMatcher m : matchers) {
            if (m.referencedField() != null) {
                out.add(m.referencedField());
            }
        }
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
