package io.tripline.enrich.sigma;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Recursive-descent parser for Sigma conditions: {@code and}, {@code or}, {@code not},
 * parentheses, {@code 1 of x*}, {@code all of x*}, {@code 1 of them}, {@code all of them}, with
 * precedence not &gt; and &gt; or. Keywords are case-insensitive. The deprecated aggregation
 * syntax ({@code | count() > 5}) is not supported and skips the rule: correlation rules replace it.
 */
final class ConditionParser {

    private final List<String> tokens;
    private final Set<String> identifiers;
    private int pos;

    private ConditionParser(List<String> tokens, Set<String> identifiers) {
        this.tokens = tokens;
        this.identifiers = identifiers;
    }

    /** Parses {@code text} against the detection's search identifier names (in declaration order). */
    static Condition parse(String text, Set<String> identifiers) {
        if (text.contains("|")) {
            throw SigmaRuleException.skip("aggregation conditions ('|') are not supported; use a correlation rule");
        }
        ConditionParser p = new ConditionParser(tokenize(text), identifiers);
        if (p.tokens.isEmpty()) {
            throw new SigmaRuleException("empty condition");
        }
        Condition c = p.or();
        if (p.pos < p.tokens.size()) {
            throw new SigmaRuleException("unexpected '" + p.tokens.get(p.pos) + "' in condition '" + text + "'");
        }
        return c;
    }

    private static List<String> tokenize(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (c == '(' || c == ')' || Character.isWhitespace(c)) {
                if (word.length() > 0) {
                    out.add(word.toString());
                    word.setLength(0);
                }
                if (!Character.isWhitespace(c)) {
                    out.add(String.valueOf(c));
                }
            } else {
                word.append(c);
            }
        }
        if (word.length() > 0) {
            out.add(word.toString());
        }
        return out;
    }

    private Condition or() {
        List<Condition> terms = new ArrayList<>();
        terms.add(and());
        while (peekKeyword("or")) {
            pos++;
            terms.add(and());
        }
        return terms.size() == 1 ? terms.get(0) : new Condition.Or(terms);
    }

    private Condition and() {
        List<Condition> terms = new ArrayList<>();
        terms.add(not());
        while (peekKeyword("and")) {
            pos++;
            terms.add(not());
        }
        return terms.size() == 1 ? terms.get(0) : new Condition.And(terms);
    }

    private Condition not() {
        if (peekKeyword("not")) {
            pos++;
            return new Condition.Not(not());
        }
        return primary();
    }

    private Condition primary() {
        String t = next();
        if ("(".equals(t)) {
            Condition inner = or();
            if (!")".equals(next())) {
                throw new SigmaRuleException("missing ')' in condition");
            }
            return inner;
        }
        if (pos < tokens.size() && "of".equalsIgnoreCase(tokens.get(pos))) {
            pos++;
            return quantified(t, next());
        }
        if (isKeyword(t) || ")".equals(t)) {
            throw new SigmaRuleException("unexpected '" + t + "' in condition");
        }
        if (!identifiers.contains(t)) {
            throw new SigmaRuleException("condition references unknown search identifier '" + t + "'");
        }
        return new Condition.Ref(t);
    }

    private Condition quantified(String quantifier, String target) {
        List<String> names = new ArrayList<>();
        if ("them".equalsIgnoreCase(target)) {
            // the specification excludes identifiers starting with '_' from "them"
            identifiers.stream().filter(n -> !n.startsWith("_")).forEach(names::add);
        } else {
            Pattern glob = Pattern.compile(Pattern.quote(target).replace("*", "\\E.*\\Q"));
            identifiers.stream().filter(n -> glob.matcher(n).matches()).forEach(names::add);
        }
        if (names.isEmpty()) {
            throw new SigmaRuleException("'" + quantifier + " of " + target + "' matches no search identifier");
        }
        String q = quantifier.toLowerCase(Locale.ROOT);
        if ("all".equals(q)) {
            return new Condition.AtLeast(names.size(), names);
        }
        if ("any".equals(q)) {
            return new Condition.AtLeast(1, names);
        }
        try {
            int n = Integer.parseInt(q);
            if (n < 1) {
                throw new SigmaRuleException("quantifier must be positive: " + quantifier);
            }
            return new Condition.AtLeast(n, names);
        } catch (NumberFormatException e) {
            throw new SigmaRuleException("bad quantifier '" + quantifier + "'");
        }
    }

    private String next() {
        if (pos >= tokens.size()) {
            throw new SigmaRuleException("condition ends unexpectedly");
        }
        return tokens.get(pos++);
    }

    private boolean peekKeyword(String keyword) {
        return pos < tokens.size() && keyword.equalsIgnoreCase(tokens.get(pos));
    }

    private static boolean isKeyword(String t) {
        return t.equalsIgnoreCase("and") || t.equalsIgnoreCase("or") || t.equalsIgnoreCase("not");
    }
}
