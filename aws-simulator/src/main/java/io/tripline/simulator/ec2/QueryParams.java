package io.tripline.simulator.ec2;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the flattened list and map parameters of the Query and EC2 Query protocols from form params:
 * {@code InstanceId.1}, {@code Filter.1.Value.2}, {@code Tags.member.1.Key},
 * {@code Attributes.entry.1.key}. Shared by EC2, IAM and SNS. SDK serializers number members from 1
 * without gaps, so reading stops at the first missing index.
 */
public final class QueryParams {

    private final Map<String, String> params;

    public QueryParams(Map<String, String> params) {
        this.params = params;
    }

    public String get(String name) {
        return params.get(name);
    }

    public String require(String name) {
        String value = params.get(name);
        if (value == null || value.isEmpty()) {
            throw io.tripline.simulator.core.AwsError.badRequest("MissingParameter",
                    "The request must contain the parameter " + name);
        }
        return value;
    }

    public Integer integer(String name) {
        String value = params.get(name);
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            throw io.tripline.simulator.core.AwsError.badRequest("InvalidParameterValue",
                    "Value (" + value + ") for parameter " + name + " is invalid.");
        }
    }

    /** Values of {@code prefix.1}, {@code prefix.2}, ... */
    public List<String> list(String prefix) {
        return list(params, prefix);
    }

    /** The sub-parameters of each numbered struct {@code prefix.N.*}, keyed without the prefix. */
    public List<QueryParams> structs(String prefix) {
        List<QueryParams> out = new ArrayList<>();
        for (int i = 1; ; i++) {
            String head = prefix + "." + i + ".";
            Map<String, String> sub = new LinkedHashMap<>();
            params.forEach((k, v) -> {
                if (k.startsWith(head)) {
                    sub.put(k.substring(head.length()), v);
                }
            });
            if (sub.isEmpty()) {
                return out;
            }
            out.add(new QueryParams(sub));
        }
    }

    /** {@code prefix.entry.N.key}/{@code value}-style maps (names given, e.g. Name / Value.StringValue). */
    public Map<String, String> entries(String prefix, String keyName, String valueName) {
        Map<String, String> out = new LinkedHashMap<>();
        for (QueryParams entry : structs(prefix)) {
            String key = entry.get(keyName);
            if (key != null) {
                out.put(key, entry.get(valueName));
            }
        }
        return out;
    }

    public static List<String> list(Map<String, String> params, String prefix) {
        List<String> out = new ArrayList<>();
        for (int i = 1; params.containsKey(prefix + "." + i); i++) {
            out.add(params.get(prefix + "." + i));
        }
        return out;
    }
}
