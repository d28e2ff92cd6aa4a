package io.tripline.respond.engine;

import java.time.Instant;
import java.util.List;

import io.tripline.schema.v1.Incident;
import io.tripline.schema.v1.IncidentEntity;
import io.tripline.schema.v1.IncidentStatus;
import io.tripline.schema.v1.RiskFactor;
import io.tripline.schema.v1.RiskLevel;

/** Incidents as enrich-stream will produce them, for tests. */
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
}
