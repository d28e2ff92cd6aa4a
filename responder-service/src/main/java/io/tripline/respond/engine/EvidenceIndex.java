package io.tripline.respond.engine;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.tripline.schema.v1.Detection;
import io.tripline.schema.v1.Incident;
import io.tripline.schema.v1.SecurityFinding;
import jakarta.inject.Singleton;

/**
 * The latest findings and detections the responder has seen, by identity and detection id, so a
 * playbook can match an incident on its members' finding types, rule ids and resource tags; and the
 * latest version of every incident acted on, for the analyst console. Bounded: the oldest entries go first.
 */
@Singleton
public class EvidenceIndex {

    private static final int MAX = 100_000;

    private final Map<String, SecurityFinding> findings = Collections.synchronizedMap(lru());
    private final Map<String, Detection> detections = Collections.synchronizedMap(lru());
    private final Map<String, Incident> incidents = Collections.synchronizedMap(lru());

    public void add(SecurityFinding finding) {
        findings.put(finding.getIdentity(), finding);
    }

    public void add(Detection detection) {
        detections.put(detection.getDetectionId(), detection);
    }

    /** Keeps the incident unless a newer version of it is already known (redelivery after a crash). */
    public void add(Incident incident) {
        incidents.merge(incident.getIncidentId(), incident,
                (known, next) -> next.getVersion() >= known.getVersion() ? next : known);
    }

    public SecurityFinding finding(String identity) {
        return findings.get(identity);
    }

    public Detection detection(String id) {
        return detections.get(id);
    }

    public Incident incident(String id) {
        return incidents.get(id);
    }

    public List<Incident> incidents() {
        synchronized (incidents) {
            return List.copyOf(incidents.values());
        }
    }

    private static <V> Map<String, V> lru() {
        return new LinkedHashMap<>(1024, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > MAX;
            }
        };
    }
}
