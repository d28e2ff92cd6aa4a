package io.tripline.enrich.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.tripline.core.normalize.Normalizers;
import io.tripline.enrich.ocsf.OcsfActivity;
import io.tripline.enrich.topology.FindingVersion;
import io.tripline.schema.v1.Detection;
import io.tripline.schema.v1.Entity;
import io.tripline.schema.v1.EntityType;
import io.tripline.schema.v1.RuleLevel;

/** How findings, CloudTrail events and detections become signals, and which entity each correlates on. */
class IncidentSignalsTest {

    private final Normalizers normalizers = new Normalizers();
    private final TrailSignals trail = new TrailSignals(List.of("198.51.100.0/24"));

    @Test
    void shouldCorrelateAnInstanceNamedSessionAsItsInstance() {
        assertThat(EntityKeys.principal("arn:aws:sts::1:assumed-role/web/i-0abc1234def567890")).isEqualTo("INSTANCE:i-0abc1234def567890");
        assertThat(EntityKeys.principal("arn:aws:sts::1:assumed-role/web/alice")).isEqualTo("PRINCIPAL:arn:aws:sts::1:assumed-role/web/alice");
        assertThat(EntityKeys.principal("arn:aws:iam::1:user/i-0abc1234def567890")).startsWith("PRINCIPAL:");
    }

    @Test
    void shouldTellOutsideAddressesFromPrivateInternalAndServiceOnes() {
        assertThat(EntityKeys.isOutsideIp("203.0.113.5", List.of())).isTrue();
        assertThat(EntityKeys.isOutsideIp("10.1.2.3", List.of())).isFalse();
        assertThat(EntityKeys.isOutsideIp("172.20.0.1", List.of())).isFalse();
        assertThat(EntityKeys.isOutsideIp("203.0.113.5", List.of("203.0.113.0/24"))).isFalse();
        assertThat(EntityKeys.isOutsideIp("ec2.amazonaws.com", List.of())).isFalse();
        assertThat(EntityKeys.isOutsideIp("2001:db8::1", List.of())).isTrue();
        assertThat(EntityKeys.isOutsideIp("fd00::1", List.of())).isFalse();
    }

    @Test
    void shouldCorrelateAnInstanceCredentialFindingWithTheInstanceItsSessionIsNamedAfter() {
        Signal signal = finding(Scenarios.credentialExfiltration().get(2).json());
        assertThat(signal.entity()).isEqualTo("INSTANCE:" + Scenarios.EXFIL_INSTANCE);
        assertThat(signal.aliases()).containsExactly("ACCESS_KEY:ASIAEXAMPLESESSION01");
        assertThat(signal.flags()).contains(Flags.INSTANCE_CREDENTIAL_EXFILTRATION, Flags.INSTANCE);
        assertThat(signal.guardDutySeverity()).isEqualTo(8.0);
    }

    @Test
    void shouldLearnAnInstancesSecurityGroupsAndTagsFromItsFinding() {
        Signal signal = finding(Scenarios.bruteForceFollowUp().get(0).json());
        assertThat(signal.entity()).isEqualTo("INSTANCE:" + Scenarios.BRUTE_INSTANCE);
        assertThat(signal.aliases()).containsExactly("SECURITY_GROUP:sg-0aaa1111");
        assertThat(signal.assetTags()).containsEntry("Environment", "production");
        assertThat(signal.flags()).contains(Flags.BRUTE_FORCE);
    }

    @Test
    void shouldCorrelateAnS3FindingWithItsAccountAndAnIamFindingWithTheUser() {
        assertThat(finding(Scenarios.dataExposureWithTrailTampering().get(3).json()).entity()).isEqualTo("ACCOUNT:" + Samples.ACCOUNT);
        Signal iam = finding(Scenarios.iamAnomalyWithPersistence().get(0).json());
        assertThat(iam.entity()).isEqualTo("PRINCIPAL:" + Scenarios.ALICE);
        assertThat(iam.flags()).contains(Flags.IAM_ANOMALY);
    }

    @Test
    void shouldMarkAResolvedFindingClosedAndNotAnOpener() {
        var f = normalizers.guardDuty().normalize(Scenarios.bruteForceFollowUp().get(0).json());
        Signal signal = FindingSignals.of(new FindingVersion(f, OcsfActivity.CLOSE));
        assertThat(signal.closed()).isTrue();
        assertThat(signal.opener()).isFalse();
    }

    @Test
    void shouldLeaveSecurityHubControlFindingsOutAsPostureNotActivity() {
        var controls = io.tripline.core.testing.Corpus.lines("securityhub/asr_test_findings.jsonl").stream()
                .map(line -> normalizers.asff().normalize(line.json()))
                .filter(f -> f.getTypes().stream().allMatch(t -> t.startsWith("Software and Configuration Checks")))
                .toList();
        assertThat(controls).isNotEmpty();
        assertThat(controls).noneMatch(f -> FindingSignals.isActivity(new FindingVersion(f, OcsfActivity.CREATE)));
        var guardDuty = normalizers.guardDuty().normalize(Scenarios.bruteForceFollowUp().get(0).json());
        assertThat(FindingSignals.isActivity(new FindingVersion(guardDuty, OcsfActivity.CREATE))).isTrue();
    }

    @Test
    void shouldTakeInstanceSessionCallsFromOutsideButNotFromInsideOrInternalNetworks() {
        String session = Scenarios.INSTANCE_ROLE_SESSION;
        assertThat(event(Samples.event("a", "2026-03-01T10:00:00Z", "s3.amazonaws.com", "ListBuckets", session, "203.0.113.9", null)))
                .hasValueSatisfying(s -> assertThat(s.flags()).containsExactly(Flags.OUTSIDE_IP));
        assertThat(event(Samples.event("b", "2026-03-01T10:00:00Z", "s3.amazonaws.com", "ListBuckets", session, "10.0.0.9", null)))
                .isEmpty();
        assertThat(event(Samples.event("c", "2026-03-01T10:00:00Z", "s3.amazonaws.com", "ListBuckets", session, "198.51.100.4", null)))
                .isEmpty();
        assertThat(event(Samples.event("d", "2026-03-01T10:00:00Z", "s3.amazonaws.com", "ListBuckets", Scenarios.ALICE,
                "203.0.113.9", null))).isEmpty();
    }

    @Test
    void shouldTakeAConsoleLoginOnlyWhenItFailedOrSucceededWithoutMfa() {
        assertThat(event(Samples.consoleLogin("a", "2026-03-01T10:00:00Z", Scenarios.CAROL, "203.0.113.9", true, true))).isEmpty();
        assertThat(event(Samples.consoleLogin("b", "2026-03-01T10:00:00Z", Scenarios.CAROL, "203.0.113.9", true, false)))
                .hasValueSatisfying(s -> assertThat(s.flags()).containsExactly(Flags.LOGIN_NO_MFA));
        assertThat(event(Samples.consoleLogin("c", "2026-03-01T10:00:00Z", Scenarios.CAROL, "203.0.113.9", false, false)))
                .hasValueSatisfying(s -> assertThat(s.flags()).containsExactly(Flags.LOGIN_FAILURE));
    }

    @Test
    void shouldFileSecurityGroupChangesUnderTheGroupAndBucketAndTrailChangesUnderTheAccount() {
        assertThat(event(Scenarios.bruteForceFollowUp().get(1).json()).orElseThrow().entity()).isEqualTo("SECURITY_GROUP:sg-0aaa1111");
        assertThat(event(Scenarios.dataExposureWithTrailTampering().get(0).json()).orElseThrow().entity())
                .isEqualTo("ACCOUNT:" + Samples.ACCOUNT);
        Signal stop = event(Scenarios.dataExposureWithTrailTampering().get(2).json()).orElseThrow();
        assertThat(stop.opener()).isTrue();
        assertThat(stop.flags()).containsExactly(Flags.TRAIL_TAMPERING);
    }

    @Test
    void shouldIgnoreAPublicAccessBlockThatIsSwitchedOn() {
        ObjectNode enable = Samples.event("a", "2026-03-01T10:00:00Z", "s3.amazonaws.com", "PutBucketPublicAccessBlock", Scenarios.DAVE,
                "203.0.113.9", "{\"bucketName\":\"b\",\"PublicAccessBlockConfiguration\":{\"BlockPublicAcls\":true,"
                        + "\"BlockPublicPolicy\":true}}");
        assertThat(event(enable)).isEmpty();
    }

    @Test
    void shouldTakeADetectionsTacticsFromItsTagsAndItsEntityFromTheRuleHit() {
        Detection detection = Detection.newBuilder().setDetectionId("det-1").setRuleId("r").setRuleTitle("S3 policy changed")
                .setLevel(RuleLevel.HIGH).setTags(List.of("attack.exfiltration", "attack.t1537", "attack.defense-evasion"))
                .setEntity(new Entity(EntityType.BUCKET, "payroll-data")).setAccountId(Samples.ACCOUNT).setRegion(Samples.REGION)
                .setEventTime(Instant.parse("2026-03-01T10:00:00Z")).setEvidence(List.of("ev-1")).build();
        Signal signal = DetectionSignals.of(detection);
        assertThat(signal.entity()).isEqualTo("ACCOUNT:" + Samples.ACCOUNT);
        assertThat(signal.tactics()).containsExactly("EXFILTRATION", "DEFENSE_EVASION");
        assertThat(signal.evidence()).containsExactly("ev-1");
        assertThat(signal.opener()).isTrue();
        assertThat(signal.detail()).isEqualTo(Map.of("bucket", "payroll-data"));
    }

    @Test
    void shouldRoundTripASignalThroughItsJsonWithSortedKeys() throws Exception {
        Signal signal = finding(Scenarios.bruteForceFollowUp().get(0).json());
        var serde = JsonCodec.serde(Signal.class);
        byte[] bytes = serde.serializer().serialize("t", signal);
        assertThat(serde.deserializer().deserialize("t", bytes)).isEqualTo(signal);
        assertThat(new String(bytes, java.nio.charset.StandardCharsets.UTF_8)).startsWith("{\"accountId\":");
    }

    private Signal finding(ObjectNode json) {
        return FindingSignals.of(new FindingVersion(normalizers.guardDuty().normalize(json), OcsfActivity.CREATE));
    }

    private Optional<Signal> event(ObjectNode json) {
        return trail.of(normalizers.cloudTrail().normalize(json));
    }
}
