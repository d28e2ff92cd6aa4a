package io.tripline.enrich.sigma;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The non-string value matchers: regular expressions, CIDR, numeric comparison, null, exists and
 * field references. String equality and wildcards live in {@link WildcardPattern}.
 */
final class ValueMatchers {

    private ValueMatchers() {
    }

    /** {@code |re}: Java regular expression, searched (not anchored), case-sensitive unless {@code i}. */
    static ValueMatcher regex(String expression, int flags) {
        Pattern pattern = Pattern.compile(expression, flags);
        // A search for ".+X" or ".*X" tries every start position and backtracks from the end each time:
        // quadratic in the text. Any match found at a later position extends back to position 0 through
        // the leading dot-run, unless a line break stops it, so on text without line breaks an anchored
        // lookingAt() gives the same answer in one pass.
        boolean leadingDotRun = (expression.startsWith(".+") || expression.startsWith(".*")) && (flags & Pattern.DOTALL) == 0;
        String required = flags == 0 ? requiredLiteral(expression) : null;
        return new ValueMatcher() {
            @Override
            public boolean test(JsonNode value, JsonNode event) {
                String text = ValueMatcher.text(value);
                if (text == null) {
                    return false;
                }
                if (required != null && !text.contains(required)) {
                    return false; // cheaper than running the expression, which needs that text wherever it matches
                }
                if (leadingDotRun && text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
                    return pattern.matcher(text).lookingAt();
                }
                return pattern.matcher(text).find();
            }

            @Override
            public String toString() {
                return "re:" + pattern.pattern();
            }
        };
    }

    /**
     * The longest run of plain characters every match of {@code expression} contains, or null. Only for
     * expressions made of plain characters and {@code . + * ^ $} (no groups, classes, alternatives, escapes
     * or optional parts, which could make a run optional): a character followed by {@code *} may be absent
     * and ends a run; one followed by {@code +} is present at least once and ends it too.
     */
    static String requiredLiteral(String expression) {
        for (char c : "|()[]{}?\\".toCharArray()) {
            if (expression.indexOf(c) >= 0) {
                return null;
            }
        }
        String best = "";
        StringBuilder run = new StringBuilder();
        for (int i = 0; i < expression.length(); i++) {
            char c = expression.charAt(i);
            char next = i + 1 < expression.length() ? expression.charAt(i + 1) : 0;
            boolean plain = ".+*^$".indexOf(c) < 0;
            if (plain && next != '*') {
                run.append(c);
            }
            if (!plain || next == '*' || next == '+') {
                best = run.length() > best.length() ? run.toString() : best;
                run.setLength(0);
            }
        }
        best = run.length() > best.length() ? run.toString() : best;
        return best.length() >= 2 ? best : null;
    }

    /** {@code |cidr}: the leaf is an IPv4/IPv6 address inside the network. */
    static ValueMatcher cidr(String network) {
        IpNetwork net = IpNetwork.parse(network);
        return (value, event) -> {
            String text = ValueMatcher.text(value);
            if (text == null) {
                return false;
            }
            byte[] address = IpNetwork.parseAddress(text.trim());
            return address != null && net.contains(address);
        };
    }

    /** {@code |lt}, {@code |lte}, {@code |gt}, {@code |gte}: numeric comparison; non-numbers never match. */
    static ValueMatcher compare(String op, BigDecimal bound) {
        return (value, event) -> {
            BigDecimal number = number(value);
            if (number == null) {
                return false;
            }
            int c = number.compareTo(bound);
            return switch (op) {
                case "lt" -> c < 0;
                case "lte" -> c <= 0;
                case "gt" -> c > 0;
                case "gte" -> c >= 0;
                default -> false;
            };
        };
    }

    /** {@code field: null}: the field is absent, or every value it has is JSON null. */
    static ValueMatcher isNull() {
        return new ValueMatcher() {
            @Override
            public boolean test(JsonNode value, JsonNode event) {
                return value == null || value.isNull();
            }

            @Override
            public boolean matches(List<JsonNode> values, JsonNode event) {
                return values.stream().allMatch(v -> v == null || v.isNull());
            }
        };
    }

    /** {@code |exists: true|false}: presence of a non-null value. */
    static ValueMatcher exists(boolean expected) {
        return new ValueMatcher() {
            @Override
            public boolean test(JsonNode value, JsonNode event) {
                return (value != null && !value.isNull()) == expected;
            }

            @Override
            public boolean matches(List<JsonNode> values, JsonNode event) {
                boolean present = values.stream().anyMatch(v -> v != null && !v.isNull());
                return present == expected;
            }
        };
    }

    /**
     * {@code |fieldref}: the leaf equals some value of another field of the same event, compared
     * like plain Sigma strings (case-insensitive unless {@code cased}); {@code mode} carries an
     * optional contains/startswith/endswith.
     */
    static ValueMatcher fieldRef(String otherField, String mode, boolean cased) {
        FieldPath other = FieldPath.of(otherField);
        return new ValueMatcher() {
            @Override
            public String referencedField() {
                return otherField;
            }

            @Override
            public boolean test(JsonNode value, JsonNode event) {
                String text = ValueMatcher.text(value);
                if (text == null) {
                    return false;
                }
                String left = cased ? text : text.toLowerCase(Locale.ROOT);
                for (JsonNode ref : other.values(event)) {
                    String refText = ValueMatcher.text(ref);
                    if (refText == null) {
                        continue;
                    }
                    String right = cased ? refText : refText.toLowerCase(Locale.ROOT);
                    boolean hit = switch (mode) {
                        case "contains" -> left.contains(right);
                        case "startswith" -> left.startsWith(right);
                        case "endswith" -> left.endsWith(right);
                        default -> left.equals(right);
                    };
                    if (hit) {
                        return true;
                    }
                }
                return false;
            }
        };
    }

    private static BigDecimal number(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isNumber()) {
            return value.decimalValue();
        }
        if (value.isTextual()) {
            try {
                return new BigDecimal(value.asText().trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }
}
