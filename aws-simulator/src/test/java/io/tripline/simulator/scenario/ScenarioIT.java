package io.tripline.simulator.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tripline.simulator.AwsSimulator;
import io.tripline.simulator.SdkClients;
import io.tripline.simulator.SimulatorOptions;
import io.tripline.simulator.core.SimJson;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.Event;
import software.amazon.awssdk.services.guardduty.GuardDutyClient;
import software.amazon.awssdk.services.guardduty.model.Finding;
import software.amazon.awssdk.services.securityhub.SecurityHubClient;
import software.amazon.awssdk.services.securityhub.model.AwsSecurityFinding;

/** Each shipped scenario plays to its end (clock advanced, not waited for) and leaves its signals behind. */
class ScenarioIT {

    private static AwsSimulator simulator;

    @BeforeAll
    static void start() {
        simulator = AwsSimulator.start(SimulatorOptions.defaults());
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @Test
    void shouldPlaySshBruteForceIntoAnAggregatedFindingAndStolenCredentialCalls() {
        play("ssh-brute-force", 10);
        String account = "111122223333";
        List<Finding> findings = findings(account);
        assertThat(findings).extracting(Finding::type).containsExactlyInAnyOrder("UnauthorizedAccess:EC2/SSHBruteForce",
                "UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS");
        Finding brute = findings.stream().filter(f -> f.type().endsWith("SSHBruteForce")).findFirst().orElseThrow();
        assertThat(brute.service().count()).isEqualTo(5);
        assertThat(brute.createdAt()).isEqualTo("2026-11-01T02:00:00.000Z");
        assertThat(brute.updatedAt()).isEqualTo("2026-11-01T02:04:00.000Z");
        assertThat(brute.resource().instanceDetails().instanceId()).isEqualTo("i-0a1b2c3d4e5f60718");
        List<Event> events = events(account);
        assertThat(events).extracting(Event::eventName)
                .containsSubsequence("AuthorizeSecurityGroupIngress", "DescribeInstances", "ListBuckets", "GetCallerIdentity");
        JsonNode record = SimJson.parse(events.get(0).cloudTrailEvent());
        assertThat(record.path("sourceIPAddress").asText()).isEqualTo("203.0.113.77");
        assertThat(record.path("userIdentity").path("arn").asText())
                .isEqualTo("arn:aws:sts::111122223333:assumed-role/web-role/i-0a1b2c3d4e5f60718");
        assertThat(asff(account)).extracting(AwsSecurityFinding::productArn)
                .containsOnly("arn:aws:securityhub:us-east-1::product/aws/guardduty");
    }

    @Test
    void shouldPlayCompromisedUserWithLoginFailuresEscalationAndTheSecurityHubCopy() {
        play("compromised-user", 10);
        String account = "444455556666";
        List<Event> events = events(account);
        assertThat(events).filteredOn(e -> e.eventName().equals("ConsoleLogin")).hasSize(7);
        assertThat(events).extracting(Event::eventName).contains("CreateAccessKey", "AttachUserPolicy");
        assertThat(events).filteredOn(e -> e.eventName().equals("AttachUserPolicy"))
                .allSatisfy(e -> assertThat(e.resources()).extracting(r -> r.resourceName())
                        .contains("alice", "arn:aws:iam::aws:policy/AdministratorAccess"));
        assertThat(findings(account)).extracting(Finding::type).containsExactly("Persistence:IAMUser/AnomalousBehavior");
        AwsSecurityFinding copy = asff(account).get(0);
        assertThat(copy.types()).containsExactly("TTPs/Persistence/Persistence:IAMUser-AnomalousBehavior");
        assertThat(copy.severity().labelAsString()).isEqualTo("MEDIUM");
    }

    @Test
    void shouldPlayDataExposureAndLeaveTheTrailStopped() {
        play("data-exposure", 6);
        String account = "777788889999";
        assertThat(events(account)).extracting(Event::eventName)
                .containsSubsequence("StopLogging", "PutBucketPolicy", "DeletePublicAccessBlock");
        assertThat(findings(account)).extracting(Finding::type).containsExactlyInAnyOrder(
                "Policy:S3/BucketBlockPublicAccessDisabled", "Stealth:IAMUser/CloudTrailLoggingDisabled");
        assertThat(asff(account)).extracting(AwsSecurityFinding::productArn)
                .contains("arn:aws:securityhub:us-east-1::product/aws/securityhub");
        try (CloudTrailClient cloudTrail = SdkClients.build(CloudTrailClient.builder(), simulator.endpoint(), account)) {
            assertThat(cloudTrail.getTrailStatus(b -> b.name("org-trail")).isLogging()).isFalse();
        }
    }

    private static void play(String name, int signals) {
        simulator.control().reset();
        simulator.control().playScenario(name);
        // advance the simulated clock past the whole timeline rather than waiting in real time
        simulator.control().advanceClock(Duration.ofHours(1));
        JsonNode status = simulator.control().awaitScenario(Duration.ofSeconds(20));
        assertThat(status.path("state").asText()).as(status.toString()).isEqualTo("DONE");
        assertThat(status.path("signalsPlayed").asInt()).isEqualTo(signals).isEqualTo(status.path("signalsTotal").asInt());
    }

    private static List<Finding> findings(String account) {
        try (GuardDutyClient guardDuty = SdkClients.build(GuardDutyClient.builder(), simulator.endpoint(), account)) {
            String detector = guardDuty.listDetectors(b -> { }).detectorIds().get(0);
            List<String> ids = guardDuty.listFindings(b -> b.detectorId(detector)).findingIds();
            return guardDuty.getFindings(b -> b.detectorId(detector).findingIds(ids)).findings();
        }
    }

    private static List<Event> events(String account) {
        try (CloudTrailClient cloudTrail = SdkClients.build(CloudTrailClient.builder(), simulator.endpoint(), account)) {
            List<Event> events = new ArrayList<>();
            cloudTrail.lookupEventsPaginator(b -> { }).events().forEach(events::add);
            return events;
        }
    }

    private static List<AwsSecurityFinding> asff(String account) {
        try (SecurityHubClient hub = SdkClients.build(SecurityHubClient.builder(), simulator.endpoint(), account)) {
            return hub.getFindings(b -> { }).findings();
        }
    }
}
