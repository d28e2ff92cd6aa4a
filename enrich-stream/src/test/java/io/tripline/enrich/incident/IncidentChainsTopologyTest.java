package io.tripline.enrich.incident;

import static io.tripline.enrich.incident.Scenarios.ALICE;
import static io.tripline.enrich.incident.Scenarios.BRUTE_INSTANCE;
import static io.tripline.enrich.incident.Scenarios.CAROL;
import static io.tripline.enrich.incident.Scenarios.EXFIL_INSTANCE;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.tripline.schema.v1.Incident;
import io.tripline.schema.v1.IncidentStatus;
import io.tripline.schema.v1.RiskFactor;
import io.tripline.schema.v1.RiskLevel;

/**
 * Each attack chain of issue 6, piped as raw GuardDuty and CloudTrail records through the full enrich
 * topology, becomes one incident about the right entity with the chain, its playbooks and a risk score
 * in the calibrated band.
 */
class IncidentChainsTopologyTest {

    private final IncidentDriver driver = new IncidentDriver(IncidentDriver.settings());

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void shouldCorrelateInstanceCredentialExfiltrationWithTheSessionsCallsFromOutside() {
        Scenarios.pipe(driver, Scenarios.credentialExfiltration());
        driver.advanceTo("2026-03-01T10:30:00Z");

        Incident incident = only(driver.latest());
        assertThat(incident.getEntity().getType()).isEqualTo("INSTANCE");
        assertThat(incident.getEntity().getId()).isEqualTo(EXFIL_INSTANCE);
        assertThat(incident.getMembers()).contains("ev-exfil-1", "ev-exfil-2").doesNotContain("ev-exfil-own");
        assertThat(incident.getMembers()).anyMatch(m -> m.endsWith("/finding/exfil01"));
        assertThat(factorNames(incident)).contains("chain:instance-credential-exfiltration");
        assertThat(incident.getPlaybooks()).containsExactly("compromised-credentials", "ec2-compromise");
        assertThat(incident.getRiskLevel()).isIn(RiskLevel.HIGH, RiskLevel.CRITICAL);

        JsonNode ocsf = driver.ocsf().get(0);
        assertThat(ocsf.get("activity_name").asText()).isEqualTo("Create");
        assertThat(ocsf.path("finding_info").path("uid").asText()).isEqualTo(incident.getIncidentId());
        assertThat(ocsf.get("risk_score").asInt()).isEqualTo(incident.getRiskScore());
        assertThat(ocsf.get("risk_level_id").asInt()).isBetween(3, 4);
        assertThat(relatedUids(ocsf)).contains("ev-exfil-1", "ev-exfil-2", "exfil01");
    }

    @Test
    void shouldCorrelateAnomalousIamBehaviourWithTheSamePrincipalsPersistence() {
        Scenarios.pipe(driver, Scenarios.iamAnomalyWithPersistence());
        driver.advanceTo("2026-03-01T10:40:00Z");

        Incident incident = only(driver.latest());
        assertThat(incident.getEntity().getType()).isEqualTo("PRINCIPAL");
        assertThat(incident.getEntity().getId()).isEqualTo(ALICE);
        assertThat(incident.getMembers()).contains("ev-iam-1", "ev-iam-2", "ev-iam-3");
        assertThat(incident.getTactics()).containsExactly("Persistence", "Privilege Escalation", "Credential Access");
        assertThat(factorNames(incident)).contains("chain:iam-anomaly-with-persistence");
        assertThat(incident.getPlaybooks()).containsExactly("compromised-credentials");
        assertThat(incident.getRiskScore()).isGreaterThanOrEqualTo(70);
    }

    @Test
    void shouldCorrelateBruteForceWithLaterSecurityGroupUserDataAndCommandAndControlOnTheInstance() {
        Scenarios.pipe(driver, Scenarios.bruteForceFollowUp());
        driver.advanceTo("2026-03-01T11:00:00Z");

        List<Incident> versions = driver.incidents();
        Incident incident = only(driver.latest());
        assertThat(incident.getEntity().getId()).isEqualTo(BRUTE_INSTANCE);
        assertThat(incident.getMembers()).contains("ev-sg-1", "ev-ud-1").hasSize(4);
        assertThat(factorNames(incident)).contains("chain:instance-brute-force-follow-up",
                "asset-criticality:Environment=production");
        assertThat(incident.getPlaybooks()).containsExactly("ec2-compromise");
        assertThat(versions).extracting(Incident::getStatus).startsWith(IncidentStatus.OPEN).contains(IncidentStatus.UPDATED);
        assertThat(versions).extracting(Incident::getVersion).isSorted();
        assertThat(incident.getRiskScore()).isGreaterThanOrEqualTo(90);
    }

    @Test
    void shouldCorrelateConsoleLoginFailuresThenASuccessWithoutMfaThenPrivilegeChanges() {
        Scenarios.pipe(driver, Scenarios.consoleTakeover());
        driver.advanceTo("2026-03-01T10:30:00Z");

        Incident incident = only(driver.latest());
        assertThat(incident.getEntity().getId()).isEqualTo(CAROL);
        assertThat(incident.getMembers()).containsExactly("ev-login-1", "ev-login-2", "ev-login-3", "ev-login-4", "ev-login-5");
        assertThat(incident.getTactics()).containsExactly("Initial Access", "Privilege Escalation", "Credential Access");
        assertThat(factorNames(incident)).contains("chain:console-takeover-with-privilege-change");
        assertThat(incident.getRiskScore()).isGreaterThanOrEqualTo(70);
    }

    @Test
    void shouldNotOpenAnIncidentForLoginFailuresAlone() {
        List<Scenarios.Input> failures = Scenarios.consoleTakeover().subList(0, 3);
        Scenarios.pipe(driver, failures);
        driver.advanceTo("2026-03-01T12:00:00Z");

        assertThat(driver.incidents()).isEmpty();
    }

    @Test
    void shouldCorrelateS3ExfiltrationWithBucketExposureAndStopLoggingInTheSameAccount() {
        Scenarios.pipe(driver, Scenarios.dataExposureWithTrailTampering());
        driver.advanceTo("2026-03-01T10:30:00Z");

        Incident incident = only(driver.latest());
        assertThat(incident.getEntity().getType()).isEqualTo("ACCOUNT");
        assertThat(incident.getEntity().getId()).isEqualTo(Samples.ACCOUNT);
        assertThat(incident.getMembers()).contains("ev-s3-1", "ev-s3-2", "ev-trail-1").hasSize(4);
        assertThat(factorNames(incident)).contains("chain:data-exposure-with-trail-tampering",
                "asset-criticality:DataClassification=confidential");
        assertThat(incident.getPlaybooks()).containsExactly("public-bucket", "trail-tampering");
        assertThat(incident.getRiskLevel()).isEqualTo(RiskLevel.CRITICAL);
    }

    @Test
    void shouldKeepUnrelatedChainsInSeparateIncidents() {
        Scenarios.pipe(driver, Scenarios.credentialExfiltration());
        Scenarios.pipe(driver, Scenarios.iamAnomalyWithPersistence());
        driver.advanceTo("2026-03-01T10:40:00Z");

        assertThat(driver.latest()).extracting(i -> i.getEntity().getId()).containsExactlyInAnyOrder(EXFIL_INSTANCE, ALICE);
    }

    static Incident only(List<Incident> incidents) {
        assertThat(incidents).hasSize(1);
        return incidents.get(0);
    }

    static List<String> factorNames(Incident incident) {
        return incident.getFactors().stream().map(RiskFactor::getName).toList();
    }

    static List<String> relatedUids(JsonNode ocsf) {
        List<String> out = new java.util.ArrayList<>();
        ocsf.path("finding_info").path("related_events").forEach(e -> out.add(e.path("uid").asText()));
        return out;
    }
}
