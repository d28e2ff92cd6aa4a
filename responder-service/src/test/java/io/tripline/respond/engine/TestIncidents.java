package io.tripline.respond.engine;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.tripline.schema.v1.FindingResource;
import io.tripline.schema.v1.FindingSource;
import io.tripline.schema.v1.Incident;
import io.tripline.schema.v1.IncidentEntity;
import io.tripline.schema.v1.IncidentStatus;
import io.tripline.schema.v1.RiskFactor;
import io.tripline.schema.v1.RiskLevel;
import io.tripline.schema.v1.SecurityFinding;
import io.tripline.schema.v1.Severity;
import io.tripline.schema.v1.SeverityLabel;

/** Incidents and their member findings as enrich-stream will produce them, for tests. */
public final class TestIncidents {

    private TestIncidents() {
    }

    public static Incident incident(String id, String entityType, String entityId, String account, int score) {
        Instant t = Instant.parse("2026-11-01T02:05:00Z");
        return Incident.newBuilder().setIncidentId(id).setVersion(1)
                .setTitle("SSH brute force then credential exfiltration on " + entityId)
                .setEntity(IncidentEntity.newBuilder().setType(entityType).setId(entityId).build())
                .setAccountId(account).setRegion("us-east-1").setFirstSeen(t).setLastSeen(t)
                .setMembers(List.of()).setTactics(List.of("credential-access", "exfiltration"))
                .setRiskScore(score).setRiskLevel(score >= 90 ? RiskLevel.CRITICAL : score >= 70 ? RiskLevel.HIGH : RiskLevel.MEDIUM)
                .setFactors(List.of(
                        RiskFactor.newBuilder().setName("GuardDuty High finding").setPoints(40).setEvidence(List.of("f-1")).build(),
                        RiskFactor.newBuilder().setName("Production tag").setPoints(20).setEvidence(List.of()).build(),
                        RiskFactor.newBuilder().setName("Credential use outside AWS").setPoints(25).setEvidence(List.of("f-2")).build(),
                        RiskFactor.newBuilder().setName("Open SSH").setPoints(5).setEvidence(List.of()).build()))
                .setPlaybooks(List.of()).setStatus(IncidentStatus.OPEN).setUpdatedAt(t).build();
    }

    /** A High GuardDuty finding of {@code type} on {@code instanceId}, tagged Environment=production. */
    public static SecurityFinding finding(String identity, String type, String instanceId) {
        Instant t = Instant.parse("2026-11-01T00:00:00Z");
        return SecurityFinding.newBuilder().setIdentity(identity).setSource(FindingSource.GUARDDUTY).setSourceId(identity)
                .setSecurityHubCopy(false).setTypes(List.of(type))
                .setSeverity(Severity.newBuilder().setLabel(SeverityLabel.HIGH).setNormalized(80).build())
                .setAccountId("111122223333").setRegion("us-east-1")
                .setResources(List.of(FindingResource.newBuilder().setType("AwsEc2Instance").setId(instanceId)
                        .setTags(Map.of("Environment", "production")).build()))
                .setFirstSeen(t).setLastSeen(t).setUpdatedAt(t).setCount(1).setSample(false)
                .setRecordState(io.tripline.schema.v1.RecordState.ACTIVE)
                .setWorkflowStatus(io.tripline.schema.v1.WorkflowStatus.NEW).setRaw("{}").build();
    }
}
