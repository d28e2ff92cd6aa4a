package io.tripline.simulator.guardduty;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tripline.simulator.core.SimJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * GuardDuty in one account and region: the detector (AWS allows one per account-region) and its
 * findings in GetFindings JSON shape, keyed by finding id. Guarded by its own monitor.
 */
public final class GuardDutyState {

    /** A detector as GetDetector shows it. */
    record Detector(String id, String createdAt, String updatedAt, String status, String frequency) {
    }

    private final Map<String, Detector> detectors = new LinkedHashMap<>();
    private final Map<String, ObjectNode> findings = new LinkedHashMap<>();

    synchronized Detector detector(String id) {
        return detectors.get(id);
    }

    synchronized List<Detector> detectors() {
        return new ArrayList<>(detectors.values());
    }

    synchronized void addDetector(Detector detector) {
        detectors.put(detector.id(), detector);
    }

    synchronized ObjectNode finding(String id) {
        return findings.get(id);
    }

    synchronized void putFinding(ObjectNode finding) {
        findings.put(finding.get("id").asText(), finding);
    }

    /** Copies of the findings of one detector, so callers can filter without holding the lock. */
    synchronized List<ObjectNode> findingsOf(String detectorId) {
        List<ObjectNode> out = new ArrayList<>();
        for (ObjectNode f : findings.values()) {
            if (detectorId.equals(f.path("service").path("detectorId").asText())) {
                out.add(f.deepCopy());
            }
        }
        return out;
    }

    /** Dump for {@code GET /_tripline/state}. */
    public synchronized ObjectNode toJson() {
        ObjectNode n = SimJson.object();
        detectors.values().forEach(d -> n.withArray("detectors").addObject().put("detectorId", d.id())
                .put("status", d.status()).put("createdAt", d.createdAt()));
        findings.values().forEach(f -> n.withArray("findings").add(f));
        return n;
    }
}
