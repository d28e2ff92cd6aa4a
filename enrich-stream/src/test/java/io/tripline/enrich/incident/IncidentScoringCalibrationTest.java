package io.tripline.enrich.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.tripline.core.normalize.NormalizationException;
import io.tripline.core.normalize.Normalizers;
import io.tripline.core.testing.Corpus;
import io.tripline.enrich.ocsf.OcsfActivity;
import io.tripline.enrich.scoring.RiskAssessment;
import io.tripline.enrich.scoring.RiskScorer;
import io.tripline.enrich.scoring.ScoringFactors;
import io.tripline.enrich.scoring.ScoringModel;
import io.tripline.enrich.topology.FindingVersion;
import io.tripline.schema.v1.Incident;
import io.tripline.schema.v1.RiskLevel;
import io.tripline.schema.v1.SecurityFinding;
import io.tripline.schema.v1.SeverityLabel;

/**
 * The calibration of the default risk model against ../shared/corpus samples; each test is one
 * expectation listed in docs/scoring.md ("Calibration").
 */
class IncidentScoringCalibrationTest {

    private final Normalizers normalizers = new Normalizers();
    private final ScoringModel model = ScoringModel.defaults();
    private final RiskScorer scorer = new RiskScorer(model);

    @Test
    void shouldScoreEverySampleFindingOfTheCorpusAsInfo() {
        List<SecurityFinding> samples = corpusFindings().stream().filter(SecurityFinding::getSample).toList();
        assertThat(samples).hasSizeGreaterThanOrEqualTo(5);
        for (SecurityFinding finding : samples) {
            assertThat(alone(finding).level()).as(finding.getTypes().toString()).isEqualTo(RiskLevel.INFO);
        }
    }

    @Test
    void shouldScoreEveryLoneRealCorpusFindingFromItsBandPointsUpToRecurrenceAndCriticalityBelowCritical() {
        List<SecurityFinding> real = corpusFindings().stream().filter(f -> !f.getSample()).toList();
        assertThat(real).hasSizeGreaterThanOrEqualTo(20);
        for (SecurityFinding finding : real) {
            Signal signal = FindingSignals.of(new FindingVersion(finding, OcsfActivity.CREATE));
            int base = ScoringFactors.basePoints(IncidentAssembler.riskSignal(signal), model);
            RiskAssessment risk = alone(finding);
            String what = finding.getTypes() + " " + signal.assetTags();
            assertThat(risk.score()).as(what).isBetween(base, base + model.maxRecurrence() + model.maxCriticality());
            if (ScoringFactors.band(IncidentAssembler.riskSignal(signal)) != SeverityLabel.CRITICAL) {
                assertThat(risk.level()).as(what).isNotEqualTo(RiskLevel.CRITICAL);
                if (ScoringFactors.criticality(List.of(IncidentAssembler.riskSignal(signal)), model).isEmpty()) {
                    // Uncorroborated, a finding ranks below its own severity: correlation or a critical asset lifts it.
                    assertThat(risk.level()).as(what).isIn(RiskLevel.INFO, RiskLevel.LOW, RiskLevel.MEDIUM);
                }
            }
        }
    }

    @Test
    void shouldScoreAHighFindingOnAProductionInstancePlusIamPersistenceByItsRoleAtLeastNinety() {
        assertThat(instanceWithPersistence(true).getRiskScore()).isGreaterThanOrEqualTo(90);
    }

    @Test
    void shouldScoreTheSameWithoutTheProductionTagAsHighButNotCritical() {
        assertThat(instanceWithPersistence(false).getRiskLevel()).isEqualTo(RiskLevel.HIGH);
    }

    @Test
    void shouldScoreAnomalousIamBehaviourFollowedByAdminAndNewKeysAtLeastNinety() {
        ObjectNode json = (ObjectNode) Corpus.lines("guardduty/cartography_mock_getfindings.jsonl").get(3).json().deepCopy();
        String session = "arn:aws:sts::123456789012:assumed-role/GeneratedFindingRoleSession/session-foo";
        try (IncidentDriver driver = new IncidentDriver(IncidentDriver.settings())) {
            driver.guardDuty(json);
            driver.trail(inAccount(Samples.event("cal-2", "2023-01-18T11:20:00Z", "iam.amazonaws.com", "CreateAccessKey", session,
                    "203.0.113.42", "{\"userName\":\"backup-admin\"}"), "123456789012"));
            driver.trail(inAccount(Samples.event("cal-3", "2023-01-18T11:21:00Z", "iam.amazonaws.com", "AttachUserPolicy", session,
                    "203.0.113.42", "{\"userName\":\"backup-admin\",\"policyArn\":\"arn:aws:iam::aws:policy/AdministratorAccess\"}"),
                    "123456789012"));
            driver.advanceTo("2023-01-18T11:45:00Z");
            Incident incident = IncidentChainsTopologyTest.only(driver.latest());
            assertThat(IncidentChainsTopologyTest.factorNames(incident)).contains("chain:iam-anomaly-with-persistence");
            assertThat(incident.getRiskScore()).isGreaterThanOrEqualTo(90);
        }
    }

    /** GuardDuty-SOAR's Trojan:EC2/DGADomainRequest.B (severity 8) plus CreateAccessKey and admin by its role session. */
    private Incident instanceWithPersistence(boolean production) {
        ObjectNode json = (ObjectNode) Corpus.lines("guardduty/guardduty_soar_eventbridge_samples.jsonl").get(6).json()
                .get("detail").deepCopy();
        ObjectNode instance = (ObjectNode) json.get("Resource").get("InstanceDetails");
        var tags = instance.putArray("Tags");
        if (production) {
            tags.addObject().put("Key", "Environment").put("Value", "production");
        }
        String account = json.get("AccountId").asText();
        String session = "arn:aws:sts::" + account + ":assumed-role/app-role/" + instance.get("InstanceId").asText();
        try (IncidentDriver driver = new IncidentDriver(IncidentDriver.settings())) {
            driver.guardDuty(json);
            driver.trail(inAccount(Samples.event("cal-1", "2025-10-01T18:20:00Z", "iam.amazonaws.com", "CreateAccessKey", session,
                    "10.0.0.12", "{\"userName\":\"svc-backup\"}"), account));
            driver.trail(inAccount(Samples.event("cal-2", "2025-10-01T18:21:00Z", "iam.amazonaws.com", "AttachRolePolicy", session,
                    "10.0.0.12", "{\"roleName\":\"app-role\",\"policyArn\":\"arn:aws:iam::aws:policy/AdministratorAccess\"}"), account));
            driver.advanceTo("2025-10-01T18:50:00Z");
            Incident incident = IncidentChainsTopologyTest.only(driver.latest());
            assertThat(IncidentChainsTopologyTest.factorNames(incident)).contains("chain:instance-finding-with-iam-persistence");
            return incident;
        }
    }

    private static ObjectNode inAccount(ObjectNode event, String account) {
        event.put("recipientAccountId", account);
        ((ObjectNode) event.get("userIdentity")).put("accountId", account);
        return event;
    }

    private RiskAssessment alone(SecurityFinding finding) {
        Signal signal = FindingSignals.of(new FindingVersion(finding, OcsfActivity.CREATE));
        return scorer.score(List.of(IncidentAssembler.riskSignal(signal)), Map.of());
    }

    /** Every GuardDuty finding in the corpus the normalizer accepts (EventBridge envelopes unwrapped). */
    private List<SecurityFinding> corpusFindings() {
        List<SecurityFinding> out = new ArrayList<>();
        for (String file : Corpus.files("guardduty")) {
            for (Corpus.Line line : Corpus.lines(file)) {
                JsonNode json = line.json().has("detail") ? line.json().get("detail") : line.json();
                try {
                    out.add(normalizers.guardDuty().normalize(json));
                } catch (NormalizationException e) {
                    // Upstream test fixtures without a severity or id are not findings GuardDuty would publish.
                }
            }
        }
        return out;
    }
}
