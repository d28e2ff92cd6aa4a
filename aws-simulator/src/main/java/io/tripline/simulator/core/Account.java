package io.tripline.simulator.core;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * One simulated AWS account. Each service keeps its own state class here, per region
 * ({@link #regional}) or account-wide ({@link #global}: IAM, S3 bucket namespace), so services stay
 * independent of each other and the control API can dump or reset everything at once.
 */
public final class Account {

    private final String id;
    private final Map<String, Object> global = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Object>> regional = new ConcurrentHashMap<>();

    public Account(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** The account-wide state of type {@code type}, created on first use. */
    public <T> T global(Class<T> type, Supplier<T> create) {
        return type.cast(global.computeIfAbsent(type.getName(), k -> create.get()));
    }

    /** The state of type {@code type} in {@code region}, created on first use. */
    public <T> T regional(String region, Class<T> type, Supplier<T> create) {
        return type.cast(regional.computeIfAbsent(region, r -> new ConcurrentHashMap<>())
                .computeIfAbsent(type.getName(), k -> create.get()));
    }

    /** Regions that hold any state. */
    public java.util.Set<String> regions() {
        return regional.keySet();
    }

    /** Every state object, for dumps: key "global" or the region, then state class simple name. */
    public Map<String, Map<String, Object>> snapshot() {
        Map<String, Map<String, Object>> out = new java.util.TreeMap<>();
        Map<String, Object> globals = new java.util.TreeMap<>();
        global.forEach((k, v) -> globals.put(k.substring(k.lastIndexOf('.') + 1), v));
        out.put("global", globals);
        regional.forEach((region, states) -> {
            Map<String, Object> named = new java.util.TreeMap<>();
            states.forEach((k, v) -> named.put(k.substring(k.lastIndexOf('.') + 1), v));
            out.put(region, named);
        });
        return out;
    }
}
