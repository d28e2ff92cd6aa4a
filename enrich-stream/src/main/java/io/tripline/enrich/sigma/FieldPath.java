package io.tripline.enrich.sigma;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Resolves a Sigma field name (dotted, e.g. {@code userIdentity.sessionContext.sessionIssuer.type})
 * against a CloudTrail record.
 *
 * <p>Arrays are transparent: a path step applied to an array applies to every element, so
 * {@code requestParameters.ipPermissions.items.ipRanges.items.cidrIp} yields every CIDR of every
 * permission. A key that literally contains dots wins over the split interpretation, because some
 * producers flatten nested keys.
 */
public final class FieldPath {

    private final String name;
    private final String[] steps;
    private final String[] rests;

    private FieldPath(String name) {
        this.name = name;
        this.steps = name.split("\\.", -1);
        // the remaining dotted path from each step, precomputed to keep lookups allocation-free
        this.rests = new String[steps.length];
        for (int i = 0; i < steps.length; i++) {
            rests[i] = String.join(".", java.util.Arrays.copyOfRange(steps, i, steps.length));
        }
    }

    /** Parses a dotted field name. */
    public static FieldPath of(String name) {
        return new FieldPath(name);
    }

    /** The field name as written in the rule. */
    public String name() {
        return name;
    }

    /**
     * Every leaf value the path reaches; empty when the field is absent. JSON nulls are
     * included, so callers can tell "present but null" from "absent".
     */
    public List<JsonNode> values(JsonNode event) {
        // Fast path for the usual case, nested objects down to one scalar: no list to grow, no callback.
        JsonNode node = event;
        for (int step = 0; step < steps.length; step++) {
            if (node == null || !node.isObject()) {
                break;
            }
            if (step < steps.length - 1 && node.get(rests[step]) != null) {
                node = null; // a flattened key: the general walk below takes it
                break;
            }
            node = node.get(steps[step]);
            if (node == null) {
                return List.of();
            }
            if (step == steps.length - 1 && !node.isArray() && !node.isMissingNode()) {
                return List.of(node);
            }
        }
        List<JsonNode> out = new ArrayList<>(2);
        resolve(event, 0, out::add);
        return out;
    }

    private void resolve(JsonNode node, int step, Consumer<JsonNode> sink) {
        if (node == null || node.isMissingNode()) {
            return;
        }
        if (step == steps.length) {
            if (node.isArray()) {
                node.forEach(sink);
            } else {
                sink.accept(node);
            }
            return;
        }
        if (node.isArray()) {
            for (JsonNode element : node) {
                resolve(element, step, sink);
            }
            return;
        }
        if (!node.isObject()) {
            return;
        }
        if (step < steps.length - 1) {
            // A flattened key such as "requestParameters.bucketName" is taken before splitting.
            JsonNode flat = node.get(rests[step]);
            if (flat != null) {
                resolve(flat, steps.length, sink);
                return;
            }
        }
        resolve(node.get(steps[step]), step + 1, sink);
    }

    @Override
    public String toString() {
        return name;
    }
}
