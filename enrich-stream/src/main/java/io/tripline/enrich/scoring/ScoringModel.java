package io.tripline.enrich.scoring;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.tripline.schema.v1.SeverityLabel;

/**
 * The weights of the risk model (docs/scoring.md explains each one and the calibration behind the
 * defaults). Every number that changes a score lives here so an engineer can audit or override it.
 *
 * @param severityPoints        base points per severity label of the strongest member
 * @param perExtraSource        corroboration points per distinct source beyond the first
 * @param maxCorroboration      cap of the corroboration factor
 * @param perExtraTactic        kill-chain points per distinct ATT&CK tactic beyond the first
 * @param maxKillChain          cap of the kill-chain factor
 * @param perChain              points per recognised attack chain
 * @param criticality           asset-criticality tag rules
 * @param maxCriticality        cap of all asset-criticality factors together
 * @param perCountDoubling      recurrence points per doubling of GuardDuty's count
 * @param maxRecurrence         cap of the recurrence factor
 * @param sampleMultiplier      what is left of the score when every scoring member is a sample finding
 * @param halfLifeMillis        age (relative to the incident's latest event) at which base severity halves
 */
public record ScoringModel(Map<SeverityLabel, Integer> severityPoints, int perExtraSource, int maxCorroboration,
                           int perExtraTactic, int maxKillChain, int perChain, List<CriticalityRule> criticality,
                           int maxCriticality, int perCountDoubling, int maxRecurrence, double sampleMultiplier,
                           long halfLifeMillis) {

    public ScoringModel {
        severityPoints = Map.copyOf(severityPoints);
        criticality = List.copyOf(criticality);
    }

    /** The calibrated defaults (see docs/scoring.md, "Calibration"). */
    public static ScoringModel defaults() {
        Map<SeverityLabel, Integer> points = new EnumMap<>(SeverityLabel.class);
        points.put(SeverityLabel.UNKNOWN, 0);
        points.put(SeverityLabel.INFORMATIONAL, 3);
        points.put(SeverityLabel.LOW, 12);
        points.put(SeverityLabel.MEDIUM, 30);
        points.put(SeverityLabel.HIGH, 50);
        points.put(SeverityLabel.CRITICAL, 70);
        return new ScoringModel(points, 10, 20, 6, 24, 15,
                List.of(new CriticalityRule("Environment", List.of("production", "prod"), 10),
                        new CriticalityRule("DataClassification", List.of("confidential", "restricted", "pii", "sensitive"), 10)),
                15, 2, 10, 0.25, 24L * 3600 * 1000);
    }

    public int points(SeverityLabel label) {
        return severityPoints.getOrDefault(label, 0);
    }
}
