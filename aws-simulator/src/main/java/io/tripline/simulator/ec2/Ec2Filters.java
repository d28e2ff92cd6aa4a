package io.tripline.simulator.ec2;

import io.tripline.simulator.core.AwsError;
import io.tripline.simulator.ec2.Ec2Resources.Taggable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

/**
 * EC2 {@code Filter.N.Name}/{@code Filter.N.Value.M} semantics: filters are ANDed, values within one
 * filter ORed, values may use the {@code *} and {@code ?} wildcards, and {@code tag:KEY} / {@code tag-key}
 * work on every taggable resource. An unknown filter name is an InvalidParameterValue, as in AWS.
 */
public final class Ec2Filters {

    private record Filter(String name, List<Pattern> values) {
    }

    private final List<Filter> filters = new ArrayList<>();

    private Ec2Filters() {
    }

    public static Ec2Filters parse(QueryParams params) {
        Ec2Filters result = new Ec2Filters();
        for (QueryParams filter : params.structs("Filter")) {
            String name = filter.require("Name");
            List<Pattern> values = filter.list("Value").stream().map(Ec2Filters::wildcard).toList();
            result.filters.add(new Filter(name, values));
        }
        return result;
    }

    /**
     * Whether {@code resource} passes every filter; {@code fields} answers a filter name with the
     * resource's values for it, or null when the resource type does not support that filter.
     */
    public <T extends Taggable> boolean matches(T resource, BiFunction<T, String, Collection<String>> fields) {
        for (Filter filter : filters) {
            Collection<String> actual = values(resource, filter.name(), fields);
            boolean any = actual.stream().anyMatch(v -> v != null && filter.values().stream().anyMatch(p -> p.matcher(v).matches()));
            if (!any) {
                return false;
            }
        }
        return true;
    }

    private static <T extends Taggable> Collection<String> values(T resource, String name,
                                                                BiFunction<T, String, Collection<String>> fields) {
        Map<String, String> tags = resource.tags();
        if (name.startsWith("tag:")) {
            String value = tags.get(name.substring(4));
            return value == null ? List.of() : List.of(value);
        }
        if (name.equals("tag-key")) {
            return tags.keySet();
        }
        if (name.equals("tag-value")) {
            return tags.values();
        }
        Collection<String> values = fields.apply(resource, name);
        if (values == null) {
            throw AwsError.badRequest("InvalidParameterValue", "The filter '" + name + "' is invalid");
        }
        return values;
    }

    private static Pattern wildcard(String value) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length()) {
                regex.append(Pattern.quote(String.valueOf(value.charAt(++i))));
            } else if (c == '*') {
                regex.append(".*");
            } else if (c == '?') {
                regex.append('.');
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
