package io.tripline.simulator.securityhub;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tripline.simulator.core.SimJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Security Hub in one account and region: whether the hub is enabled (on by default, so GuardDuty
 * findings flow in without setup) and the ASFF findings keyed by ProductArn and Id.
 */
public final class SecurityHubState {

    private final Map<String, ObjectNode> findings = new LinkedHashMap<>();
    private boolean enabled = true;
    private String subscribedAt;

    public synchronized boolean enabled() {
        return enabled;
    }

    synchronized void enabled(boolean value, String at) {
        enabled = value;
        subscribedAt = value ? at : null;
    }

    synchronized String subscribedAt() {
        return subscribedAt;
    }

    static String key(String productArn, String id) {
        return productArn + "|" + id;
    }

    synchronized ObjectNode get(String productArn, String id) {
        return findings.get(key(productArn, id));
    }

    synchronized void put(ObjectNode finding) {
        findings.put(key(finding.path("ProductArn").asText(), finding.path("Id").asText()), finding);
    }

    /** Copies of every finding, for filtering outside the lock. */
    public synchronized List<ObjectNode> snapshot() {
        List<ObjectNode> out = new ArrayList<>(findings.size());
        findings.values().forEach(f -> out.add(f.deepCopy()));
        return out;
    }

    /** Dump for {@code GET /_tripline/state}. */
    public synchronized ObjectNode toJson() {
        ObjectNode n = SimJson.object();
        n.put("enabled", enabled);
        findings.values().forEach(f -> n.withArray("findings").add(f));
        return n;
    }
}
