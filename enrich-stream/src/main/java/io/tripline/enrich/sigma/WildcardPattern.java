package io.tripline.enrich.sigma;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A Sigma string value: {@code *} matches any run of characters, {@code ?} exactly one, and a
 * backslash escapes {@code *}, {@code ?} and itself (any other backslash is literal, as the Sigma
 * specification says, so Windows paths need no doubling).
 *
 * <p>Case-insensitive unless compiled with {@code cased}. Plain literals and the common
 * {@code lit*}, {@code *lit}, {@code *lit*} shapes avoid regular expressions entirely.
 */
final class WildcardPattern implements ValueMatcher {

    private enum Shape { EQUALS, PREFIX, SUFFIX, CONTAINS, REGEX }

    private final Shape shape;
    private final String literal;
    private final Pattern regex;
    private final boolean cased;
    private final java.math.BigDecimal number;

    private WildcardPattern(Shape shape, String literal, Pattern regex, boolean cased,
                            java.math.BigDecimal number) {
        this.shape = shape;
        this.literal = literal;
        this.regex = regex;
        this.cased = cased;
        this.number = number;
    }

    /** A pattern that equals {@code literal} exactly (no wildcard interpretation). */
    static WildcardPattern literal(String literal, boolean cased) {
        return new WildcardPattern(Shape.EQUALS, fold(literal, cased), null, cased, null);
    }

    /** A numeric rule value: compared numerically with numeric leaves, textually otherwise. */
    static WildcardPattern number(Number n) {
        java.math.BigDecimal big = new java.math.BigDecimal(n.toString());
        return new WildcardPattern(Shape.EQUALS, n.toString(), null, true, big);
    }

    /** Compiles a Sigma string with wildcards and escapes. */
    static WildcardPattern compile(String sigma, boolean cased) {
        StringBuilder regex = new StringBuilder();
        StringBuilder lit = new StringBuilder();
        int stars = 0;
        boolean questionMark = false;
        boolean leadingStar = false;
        boolean trailingStar = false;
        boolean innerStar = false;
        for (int i = 0; i < sigma.length(); i++) {
            char c = sigma.charAt(i);
            if (c == '\\' && i + 1 < sigma.length() && "*?\\".indexOf(sigma.charAt(i + 1)) >= 0) {
                char escaped = sigma.charAt(++i);
                regex.append(Pattern.quote(String.valueOf(escaped)));
                lit.append(escaped);
                if (trailingStar) {
                    innerStar = true;
                    trailingStar = false;
                }
            } else if (c == '*') {
                regex.append(".*");
                stars++;
                if (lit.length() == 0 && !leadingStar && stars == 1) {
                    leadingStar = true;
                } else {
                    trailingStar = true;
                }
            } else if (c == '?') {
                regex.append('.');
                questionMark = true;
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
                lit.append(c);
                if (trailingStar) {
                    innerStar = true;
                    trailingStar = false;
                }
            }
        }
        String folded = fold(lit.toString(), cased);
        if (!questionMark && !innerStar) {
            if (stars == 0) {
                return new WildcardPattern(Shape.EQUALS, folded, null, cased, null);
            }
            if (leadingStar && trailingStar && stars == 2) {
                return new WildcardPattern(Shape.CONTAINS, folded, null, cased, null);
            }
            if (leadingStar && stars == 1) {
                return new WildcardPattern(Shape.SUFFIX, folded, null, cased, null);
            }
            if (trailingStar && stars == 1) {
                return new WildcardPattern(Shape.PREFIX, folded, null, cased, null);
            }
        }
        int flags = Pattern.DOTALL | (cased ? 0 : Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        return new WildcardPattern(Shape.REGEX, null, Pattern.compile(regex.toString(), flags), cased, null);
    }

    @Override
    public boolean test(JsonNode value, JsonNode event) {
        if (number != null && value != null && value.isNumber()) {
            return value.decimalValue().compareTo(number) == 0;
        }
        String text = ValueMatcher.text(value);
        if (text == null) {
            return false;
        }
        if (shape == Shape.REGEX) {
            return regex.matcher(text).matches();
        }
        String subject = fold(text, cased);
        return switch (shape) {
            case EQUALS -> subject.equals(literal);
            case PREFIX -> subject.startsWith(literal);
            case SUFFIX -> subject.endsWith(literal);
            case CONTAINS -> subject.contains(literal);
            default -> false;
        };
    }

    @Override
    public String exactLiteral() {
        return shape == Shape.EQUALS && !cased && number == null ? literal : null;
    }

    @Override
    public String prefixLiteral() {
        return shape == Shape.PREFIX && !cased ? literal : null;
    }

    private static String fold(String s, boolean cased) {
        return cased ? s : s.toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return shape + ":" + (regex != null ? regex.pattern() : literal);
    }
}
