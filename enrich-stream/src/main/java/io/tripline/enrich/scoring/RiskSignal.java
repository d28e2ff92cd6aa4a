package io.tripline.enrich.scoring;

import java.util.List;
import java.util.Map;

import io.tripline.enrich.attack.Tactic;
import io.tripline.schema.v1.SeverityLabel;

/**
 * What the scorer needs to know about one incident member, independent of where it came from, so the
 * model can be audited and unit-tested without Kafka or Avro records.
 *
 * @param id                member id (finding identity, detection id or CloudTrail eventID), cited as evidence
 * @param source            GUARDDUTY, SECURITY_HUB, SIGMA or CLOUDTRAIL: corroboration counts distinct sources
 * @param severity          the source's severity label (ASFF label, rule level, catalogue level for CloudTrail)
 * @param guardDutySeverity GuardDuty's own 1.0-10.0 value, or null; when present it decides the band
 * @param time              event time of the member (ms), used for decay relative to the incident's latest event
 * @param count             GuardDuty's occurrence count (1 for everything else)
 * @param sample            true for GuardDuty/Security Hub sample findings
 * @param closed            true when the finding is resolved, suppressed or archived
 * @param tactics           ATT&CK tactics of the member
 * @param assetTags         tags of the affected resource (instance, bucket), for asset criticality
 */
public record RiskSignal(String id, String source, SeverityLabel severity, Double guardDutySeverity, long time, long count,
                         boolean sample, boolean closed, List<Tactic> tactics, Map<String, String> assetTags) {

    public RiskSignal {
        tactics = tactics == null ? List.of() : List.copyOf(tactics);
        assetTags = assetTags == null ? Map.of() : Map.copyOf(assetTags);
        severity = severity == null ? SeverityLabel.UNKNOWN : severity;
        count = Math.max(1, count);
    }
}
