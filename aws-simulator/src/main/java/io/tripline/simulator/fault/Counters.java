package io.tripline.simulator.fault;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tripline.simulator.core.SimJson;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Call counters per {@code service/operation}: calls, injected throttles, injected errors, rate-limit
 * violations and error responses (any status ≥ 400). Exposed as {@code GET /_tripline/counters}.
 */
public final class Counters {

    /** The counter kinds, in the order they are reported. */
    public enum Kind { calls, throttlesInjected, errorsInjected, limitViolations, errors }

    private final Map<String, Map<Kind, AtomicLong>> byOperation = new ConcurrentHashMap<>();

    public void increment(String service, String operation, Kind kind) {
        byOperation.computeIfAbsent(service + "/" + (operation == null ? "?" : operation), k -> new ConcurrentHashMap<>())
                .computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
    }

    public long get(String service, String operation, Kind kind) {
        Map<Kind, AtomicLong> counts = byOperation.get(service + "/" + operation);
        AtomicLong value = counts == null ? null : counts.get(kind);
        return value == null ? 0 : value.get();
    }

    /** Sum over every operation. */
    public long total(Kind kind) {
        return byOperation.values().stream().mapToLong(m -> m.getOrDefault(kind, new AtomicLong()).get()).sum();
    }

    public void clear() {
        byOperation.clear();
    }

    /** {@code {"totals":{...},"operations":{"guardduty/ListFindings":{"calls":3,...}}}}. */
    public ObjectNode toJson() {
        ObjectNode root = SimJson.object();
        ObjectNode totals = root.putObject("totals");
        for (Kind kind : Kind.values()) {
            totals.put(kind.name(), total(kind));
        }
        ObjectNode ops = root.putObject("operations");
        new TreeMap<>(byOperation).forEach((key, counts) -> {
            ObjectNode node = ops.putObject(key);
            for (Kind kind : Kind.values()) {
                AtomicLong v = counts.get(kind);
                node.put(kind.name(), v == null ? 0 : v.get());
            }
        });
        return root;
    }
}
