package io.tripline.enrich.sigma;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns {@code field|mod1|mod2: values} into a {@link FieldCondition}.
 *
 * <p>Value-transforming modifiers (expand, windash, base64, base64offset, contains, startswith,
 * endswith) are applied left to right on the Sigma string; the remaining modifiers choose the
 * kind of matcher (re, cidr, exists, fieldref, comparisons) or its options (all, cased, re's
 * i/m/s). UTF-16 encodings are not supported and skip the rule.
 */
final class ModifierCompiler {

    private static final Pattern PLACEHOLDER = Pattern.compile("%([A-Za-z0-9_.\\-]+)%");
    private static final String[] DASHES = {"-", "/", "\u2013", "\u2014", "\u2015"};

    private final Map<String, List<String>> placeholders;

    ModifierCompiler(Map<String, List<String>> placeholders) {
        this.placeholders = placeholders;
    }

    /** Compiles a key such as {@code eventName|startswith} with its YAML value(s). */
    FieldCondition compile(String key, JsonNode rawValues) {
        String[] parts = key.split("\\|", -1);
        String field = parts[0];
        List<String> mods = new ArrayList<>();
        for (int i = 1; i < parts.length; i++) {
            mods.add(parts[i].trim().toLowerCase(java.util.Locale.ROOT));
        }
        List<JsonNode> values = new ArrayList<>();
        if (rawValues != null && rawValues.isArray()) {
            rawValues.forEach(values::add);
        } else {
            values.add(rawValues);
        }
        return new FieldCondition(FieldPath.of(field), matchers(mods, values), mods.contains("all"));
    }

    /** Compiles the matchers alone (also used for keyword lists, which have no field). */
    List<ValueMatcher> matchers(List<String> mods, List<JsonNode> values) {
        boolean cased = mods.contains("cased");
        String kind = null;
        int reFlags = 0;
        List<String> transforms = new ArrayList<>();
        for (String mod : mods) {
            switch (mod) {
                case "contains", "startswith", "endswith", "expand", "windash", "base64", "base64offset" ->
                        transforms.add(mod);
                case "all", "cased" -> {
                    // options, read above
                }
                case "re", "cidr", "exists", "fieldref", "lt", "lte", "gt", "gte" -> {
                    if (kind != null && !"fieldref".equals(kind)) {
                        throw new SigmaRuleException("conflicting modifiers " + kind + " and " + mod);
                    }
                    kind = kind == null ? mod : kind;
                }
                case "i" -> reFlags |= Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
                case "m" -> reFlags |= Pattern.MULTILINE;
                case "s" -> reFlags |= Pattern.DOTALL;
                case "wide", "utf16", "utf16le", "utf16be" ->
                        throw SigmaRuleException.skip("modifier '" + mod + "' (UTF-16 encoding) is not supported");
                default -> throw new SigmaRuleException("unknown modifier '" + mod + "'");
            }
        }
        List<ValueMatcher> out = new ArrayList<>();
        for (JsonNode value : values) {
            if (value == null || value.isNull()) {
                out.add(ValueMatchers.isNull());
                continue;
            }
            if (!value.isValueNode()) {
                throw new SigmaRuleException("field values must be scalars, got " + value.getNodeType());
            }
            if ("exists".equals(kind)) {
                out.add(ValueMatchers.exists(value.asBoolean()));
                continue;
            }
            if (kind != null && kind.matches("lt|lte|gt|gte")) {
                try {
                    out.add(ValueMatchers.compare(kind, new BigDecimal(value.asText())));
                } catch (NumberFormatException e) {
                    throw new SigmaRuleException("'" + kind + "' needs a number, got '" + value.asText() + "'");
                }
                continue;
            }
            if (value.isNumber() && transforms.isEmpty() && kind == null) {
                out.add(WildcardPattern.number(value.numberValue()));
                continue;
            }
            for (String sigma : transform(value.asText(), transforms, kind != null)) {
                out.add(matcher(kind, sigma, transforms, cased, reFlags));
            }
        }
        return out;
    }

    private ValueMatcher matcher(String kind, String sigma, List<String> transforms, boolean cased, int reFlags) {
        if (kind == null) {
            return WildcardPattern.compile(sigma, cased);
        }
        return switch (kind) {
            case "re" -> {
                try {
                    yield ValueMatchers.regex(sigma, reFlags);
                } catch (java.util.regex.PatternSyntaxException e) {
                    throw new SigmaRuleException("bad regular expression '" + sigma + "': " + e.getDescription());
                }
            }
            case "cidr" -> {
                try {
                    yield ValueMatchers.cidr(sigma);
                } catch (IllegalArgumentException e) {
                    throw new SigmaRuleException(e.getMessage());
                }
            }
            case "fieldref" -> {
                String mode = transforms.stream().filter(t -> t.matches("contains|startswith|endswith"))
                        .findFirst().orElse("equals");
                yield ValueMatchers.fieldRef(sigma, mode, cased);
            }
            default -> throw new SigmaRuleException("unsupported modifier '" + kind + "'");
        };
    }

    /** Applies the value-transforming modifiers in order; some produce several alternatives. */
    private List<String> transform(String value, List<String> transforms, boolean rawKind) {
        List<String> current = List.of(value);
        for (String t : transforms) {
            if (rawKind && !"expand".equals(t)) {
                // re/cidr/fieldref take their value literally; contains etc. are read as options
                continue;
            }
            List<String> next = new ArrayList<>();
            for (String v : current) {
                switch (t) {
                    case "contains" -> next.add((v.startsWith("*") ? "" : "*") + v + (endsWithWildcard(v) ? "" : "*"));
                    case "startswith" -> next.add(v + (endsWithWildcard(v) ? "" : "*"));
                    case "endswith" -> next.add((v.startsWith("*") ? "" : "*") + v);
                    case "expand" -> next.addAll(expand(v));
                    case "windash" -> next.addAll(windash(v));
                    case "base64" -> next.add(escape(Base64.getEncoder()
                            .encodeToString(unescape(v).getBytes(StandardCharsets.UTF_8))));
                    case "base64offset" -> next.addAll(base64Offsets(unescape(v)));
                    default -> throw new SigmaRuleException("unknown transform " + t);
                }
            }
            current = next;
        }
        return current;
    }

    private static boolean endsWithWildcard(String v) {
        if (!v.endsWith("*")) {
            return false;
        }
        int backslashes = 0;
        for (int i = v.length() - 2; i >= 0 && v.charAt(i) == '\\'; i--) {
            backslashes++;
        }
        return backslashes % 2 == 0;
    }

    private List<String> expand(String value) {
        Matcher m = PLACEHOLDER.matcher(value);
        if (!m.find()) {
            return List.of(value);
        }
        String name = m.group(1);
        List<String> replacements = placeholders.get(name);
        if (replacements == null || replacements.isEmpty()) {
            throw SigmaRuleException.skip("placeholder %" + name + "% has no configured value");
        }
        List<String> out = new ArrayList<>();
        for (String r : replacements) {
            out.addAll(expand(value.substring(0, m.start()) + r + value.substring(m.end())));
        }
        return out;
    }

    /** Windows accepts -, /, en dash, em dash and horizontal bar to start an option. */
    private static List<String> windash(String value) {
        List<String> out = new ArrayList<>();
        Pattern option = Pattern.compile("(?<=^|\\s)[-/]");
        for (String dash : DASHES) {
            String variant = option.matcher(value).replaceAll(Matcher.quoteReplacement(dash));
            if (!out.contains(variant)) {
                out.add(variant);
            }
        }
        return out;
    }

    /** The three encodings of a value that may start at any byte offset inside a base64 blob. */
    private static List<String> base64Offsets(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        int[] start = {0, 2, 3};
        int[] end = {0, 3, 2};
        List<String> out = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            byte[] shifted = new byte[bytes.length + i];
            java.util.Arrays.fill(shifted, 0, i, (byte) ' ');
            System.arraycopy(bytes, 0, shifted, i, bytes.length);
            String encoded = Base64.getEncoder().encodeToString(shifted);
            int cut = end[(bytes.length + i) % 3];
            out.add(escape(encoded.substring(start[i], encoded.length() - cut)));
        }
        return out;
    }

    /** Sigma string to plain text: escapes resolved, wildcards taken literally. */
    static String unescape(String sigma) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < sigma.length(); i++) {
            char c = sigma.charAt(i);
            if (c == '\\' && i + 1 < sigma.length() && "*?\\".indexOf(sigma.charAt(i + 1)) >= 0) {
                sb.append(sigma.charAt(++i));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** Plain text to a Sigma string that matches it literally. */
    static String escape(String plain) {
        return plain.replace("\\", "\\\\").replace("*", "\\*").replace("?", "\\?");
    }
}
