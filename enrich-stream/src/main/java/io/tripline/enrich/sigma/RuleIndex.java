package io.tripline.enrich.sigma;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Picks the candidate rules for an event so the cost per event does not grow with the size of the
 * rule set.
 *
 * <p>For each rule the index derives, from the condition tree, a set of literals that any
 * matching event must carry in {@code eventName} (else {@code eventSource}): a plain equality
 * contributes its value, a plain {@code startswith} its prefix (CloudTrail appends API versions such
 * as {@code UpdateFunctionCode20150331v2}). AND takes any constrained side, OR needs every side
 * constrained, NOT constrains nothing. A rule is filed under each literal; rules with no such
 * constraint sit in an always-evaluated bucket. Lookups are one hash probe per value plus one per
 * distinct prefix length, independent of the number of rules. The index only narrows candidates:
 * every candidate is still fully evaluated, so an imprecise literal can never cause a false match.
 */
final class RuleIndex {

    private static final List<String> INDEXED_FIELDS = List.of("eventName", "eventSource");

    private record Literal(boolean prefix, String value) {
    }

    private final Map<String, Map<String, List<SigmaRule>>> exact = new HashMap<>();
    private final Map<String, Map<String, List<SigmaRule>>> prefixes = new HashMap<>();
    private final Map<String, TreeSet<Integer>> prefixLengths = new HashMap<>();
    private final List<SigmaRule> always = new ArrayList<>();

    RuleIndex(List<SigmaRule> rules) {
        for (SigmaRule rule : rules) {
            add(rule);
        }
    }

    private void add(SigmaRule rule) {
        for (String field : INDEXED_FIELDS) {
            Set<Literal> literals = required(rule.detection().condition(), rule.detection().searches(), field);
            if (literals != null && !literals.isEmpty()) {
                for (Literal l : literals) {
                    var target = l.prefix() ? prefixes : exact;
                    target.computeIfAbsent(field, f -> new HashMap<>())
                            .computeIfAbsent(l.value(), v -> new ArrayList<>()).add(rule);
                    if (l.prefix()) {
                        prefixLengths.computeIfAbsent(field, f -> new TreeSet<>()).add(l.value().length());
                    }
                }
                return;
            }
        }
        always.add(rule);
    }

    /** Rules that may match the event (a superset of the matching rules), without duplicates. */
    Set<SigmaRule> candidates(JsonNode event) {
        Set<SigmaRule> out = new LinkedHashSet<>(always);
        for (String field : INDEXED_FIELDS) {
            Map<String, List<SigmaRule>> ex = exact.getOrDefault(field, Map.of());
            Map<String, List<SigmaRule>> pre = prefixes.getOrDefault(field, Map.of());
            if (ex.isEmpty() && pre.isEmpty()) {
                continue;
            }
            for (JsonNode node : FieldPath.of(field).values(event)) {
                String value = ValueMatcher.text(node);
                if (value == null) {
                    continue;
                }
                String lower = value.toLowerCase(Locale.ROOT);
                out.addAll(ex.getOrDefault(lower, List.of()));
                for (int len : prefixLengths.getOrDefault(field, new TreeSet<>())) {
                    if (len > lower.length()) {
                        break;
                    }
                    out.addAll(pre.getOrDefault(lower.substring(0, len), List.of()));
                }
            }
        }
        return out;
    }

    /** Size of the always-evaluated bucket (rules without an eventName/eventSource constraint). */
    int alwaysBucketSize() {
        return always.size();
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
