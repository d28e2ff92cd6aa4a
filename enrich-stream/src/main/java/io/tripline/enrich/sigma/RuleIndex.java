package io.tripline.enrich.sigma;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Picks the candidate rules for an event so the cost per event does not grow with the size of the
 * rule set.
 *
 * <p>For each rule the index derives, from the condition tree, a set of literals that any
 * matching event must carry in {@code eventName} (else {@code eventSource}, else {@code userIdentity.type},
 * else {@code userAgent}; the last two file rules about callers, such as root use, rather than about
 * calls): a plain equality
 * contributes its value, a plain {@code startswith} its prefix (CloudTrail appends API versions such
 * as {@code UpdateFunctionCode20150331v2}). AND takes any constrained side, OR needs every side
 * constrained, NOT constrains nothing. A rule is filed under each literal; rules with no such
 * constraint sit in an always-evaluated bucket. Lookups are one hash probe per value plus one per
 * distinct prefix length, independent of the number of rules; candidates are reported as rule ordinals in a
 * bit set, so collecting them allocates nothing per rule and needs no de-duplication. The index only narrows candidates:
 * every candidate is still fully evaluated, so an imprecise literal can never cause a false match.
 */
final class RuleIndex {

    static final List<String> INDEXED_FIELDS = List.of("eventName", "eventSource", "userIdentity.type", "userAgent");

    private record Literal(boolean prefix, String value) {
    }

    /** Per indexed field: rule ordinals filed under exact literals and under prefixes, and the prefix lengths in use. */
    private record FieldIndex(FieldPath path, Map<String, int[]> exact, Map<String, int[]> prefixes, int[] prefixLengths) {
    }

    private final List<FieldIndex> fields = new ArrayList<>();
    private final int[] always;

    /**
     * @param rules the rules, in the order whose positions (ordinals) {@link #candidates} reports
     */
    RuleIndex(List<SigmaRule> rules) {
        Map<String, Map<String, List<Integer>>> exact = new HashMap<>();
        Map<String, Map<String, List<Integer>>> prefixes = new HashMap<>();
        List<Integer> unconstrained = new ArrayList<>();
        for (int ordinal = 0; ordinal < rules.size(); ordinal++) {
            if (!file(rules.get(ordinal), ordinal, exact, prefixes)) {
                unconstrained.add(ordinal);
            }
        }
        for (String field : INDEXED_FIELDS) {
            Map<String, List<Integer>> ex = exact.getOrDefault(field, Map.of());
            Map<String, List<Integer>> pre = prefixes.getOrDefault(field, Map.of());
            if (!ex.isEmpty() || !pre.isEmpty()) {
                int[] lengths = pre.keySet().stream().mapToInt(String::length).distinct().sorted().toArray();
                fields.add(new FieldIndex(FieldPath.of(field), ordinals(ex), ordinals(pre), lengths));
            }
        }
        this.always = unconstrained.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Files the rule under the literals of the first indexed field that constrains it; false if none does. */
    private static boolean file(SigmaRule rule, int ordinal, Map<String, Map<String, List<Integer>>> exact,
                                Map<String, Map<String, List<Integer>>> prefixes) {
        for (String field : INDEXED_FIELDS) {
            Set<Literal> literals = required(rule.detection().condition(), rule.detection().searches(), field);
            if (literals != null && !literals.isEmpty()) {
                for (Literal l : literals) {
                    (l.prefix() ? prefixes : exact).computeIfAbsent(field, f -> new HashMap<>())
                            .computeIfAbsent(l.value(), v -> new ArrayList<>()).add(ordinal);
                }
                return true;
            }
        }
        return false;
    }

    private static Map<String, int[]> ordinals(Map<String, List<Integer>> byLiteral) {
        Map<String, int[]> out = new HashMap<>();
        byLiteral.forEach((literal, list) -> out.put(literal, list.stream().mapToInt(Integer::intValue).toArray()));
        return out;
    }

    /**
     * Marks in {@code out} the ordinals of the rules that may match the event (a superset of the matching
     * rules); a rule filed under several literals is marked once.
     */
    void candidates(JsonNode event, BitSet out) {
        for (int ordinal : always) {
            out.set(ordinal);
        }
        for (FieldIndex field : fields) {
            for (JsonNode node : field.path().values(event)) {
                mark(field, ValueMatcher.text(node), out);
            }
        }
    }

    /**
     * {@link #candidates(JsonNode, BitSet)} for a record whose indexed fields hold, each, the one string
     * {@code textOf} gives for its name (null: absent).
     */
    void candidates(java.util.function.Function<String, String> textOf, BitSet out) {
        for (int ordinal : always) {
            out.set(ordinal);
        }
        for (FieldIndex field : fields) {
            mark(field, textOf.apply(field.path().name()), out);
        }
    }

    private static void mark(FieldIndex field, String value, BitSet out) {
        if (value == null) {
            return;
        }
        String lower = value.toLowerCase(Locale.ROOT);
        mark(field.exact().get(lower), out);
        for (int len : field.prefixLengths()) {
            if (len > lower.length()) {
                break;
            }
            mark(field.prefixes().get(lower.substring(0, len)), out);
        }
    }

    private static void mark(int[] ordinals, BitSet out) {
        if (ordinals != null) {
            for (int ordinal : ordinals) {
                out.set(ordinal);
            }
        }
    }

    /** Size of the always-evaluated bucket (rules without an eventName/eventSource constraint). */
    int alwaysBucketSize() {
        return always.length;
    }

    private static Set<Literal> required(Condition c, Map<String, SearchIdentifier> searches, String field) {
        if (c instanceof Condition.Ref ref) {
            return fromSearch(searches.get(ref.name()), field);
        }
        if (c instanceof Condition.And and) {
            return anyConstrained(and.terms().stream().map(t -> required(t, searches, field)).toList());
        }
        if (c instanceof Condition.Or or) {
            return union(or.terms().stream().map(t -> required(t, searches, field)).toList());
        }
        if (c instanceof Condition.AtLeast atLeast) {
            List<Set<Literal>> parts = atLeast.names().stream().map(n -> fromSearch(searches.get(n), field)).toList();
            return atLeast.min() == atLeast.names().size() ? anyConstrained(parts) : union(parts);
        }
        return null;
    }

    private static Set<Literal> fromSearch(SearchIdentifier s, String field) {
        if (s instanceof SearchIdentifier.AllFields fields) {
            for (FieldCondition fc : fields.conditions()) {
                if (!fc.path().name().equals(field) || fc.all() || fc.matchers().isEmpty()) {
                    continue;
                }
                Set<Literal> out = new LinkedHashSet<>();
                for (ValueMatcher m : fc.matchers()) {
                    if (m.exactLiteral() != null) {
                        out.add(new Literal(false, m.exactLiteral()));
                    } else if (m.prefixLiteral() != null && !m.prefixLiteral().isEmpty()) {
                        out.add(new Literal(true, m.prefixLiteral()));
                    } else {
                        out = null;
                        break;
                    }
                }
                if (out != null) {
                    return out;
                }
            }
            return null;
        }
        if (s instanceof SearchIdentifier.AnyOf any) {
            return union(any.alternatives().stream().map(a -> fromSearch(a, field)).toList());
        }
        if (s instanceof SearchIdentifier.AllOf all) {
            return anyConstrained(all.parts().stream().map(p -> fromSearch(p, field)).toList());
        }
        return null;
    }

    private static Set<Literal> anyConstrained(List<Set<Literal>> parts) {
        Set<Literal> best = null;
        for (Set<Literal> p : parts) {
            if (p != null && (best == null || p.size() < best.size())) {
                best = p;
            }
        }
        return best;
    }

    private static Set<Literal> union(List<Set<Literal>> parts) {
        Set<Literal> out = new LinkedHashSet<>();
        for (Set<Literal> p : parts) {
            if (p == null) {
                return null;
            }
            out.addAll(p);
        }
        return out;
    }
}
