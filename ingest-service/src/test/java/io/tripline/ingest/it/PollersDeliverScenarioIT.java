package io.tripline.ingest.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.micronaut.context.ApplicationContext;
import io.tripline.core.topic.Topics;
import io.tripline.schema.v1.IngestCursor;
import io.tripline.schema.v1.SecurityFinding;
import io.tripline.schema.v1.TrailEvent;
import io.tripline.simulator.AwsSimulator;
import io.tripline.simulator.SimulatorOptions;

/**
 * The three pollers against the simulator playing {@code ssh-brute-force} with AWS rate limits
 * enforced: every signal reaches its raw topic keyed right, once per version; the Security Hub copies
 * carry the GuardDuty identity; LookupEvents stays within its quota.
 */
class PollersDeliverScenarioIT {

    private static AwsSimulator simulator;
    private static ApplicationContext service;
    private static String prefix;

    @BeforeAll
    static void start() {
        simulator = AwsSimulator.start(SimulatorOptions.defaults().withSpeed(120).withEnforceLimits(true).withSeed(7));
        prefix = IngestHarness.topics("pollers");
        simulator.control().playScenario("ssh-brute-force");
        Map<String, Object> properties = IngestHarness.properties(prefix, simulator.endpoint().toString(),
                List.of("guardduty", "securityhub", "cloudtrail"), Instant.parse("2026-10-31T00:00:00Z"));
        service = IngestHarness.start(properties);
        simulator.control().awaitScenario(Duration.ofMinutes(2));
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
        if (simulator != null) {
            simulator.close();
        }
    }

    @Test
    void shouldPublishEachCloudTrailEventOnceKeyedByEventId() {
        List<ConsumerRecord<String, TrailEvent>> events = IngestHarness.await(Topics.RAW_CLOUDTRAIL, prefix,
                Duration.ofMinutes(2), r -> r.size() >= 4);
        IngestHarness.sleep(3000);
        events = IngestHarness.read(Topics.RAW_CLOUDTRAIL, prefix);
        assertThat(events).isNotEmpty();
        assertThat(events).allSatisfy(r -> assertThat(r.key()).isEqualTo(r.value().getEventId()));
        assertThat(events.stream().map(ConsumerRecord::key).distinct().count()).isEqualTo(events.size());
    }

    @Test
    void shouldPublishEachGuardDutyFindingVersionOnce() {
        List<ConsumerRecord<String, SecurityFinding>> findings = IngestHarness.await(Topics.RAW_GUARDDUTY, prefix,
                Duration.ofMinutes(2), r -> r.stream().map(ConsumerRecord::key).distinct().count() >= 2);
        assertThat(findings.stream().map(ConsumerRecord::key).distinct().count()).isGreaterThanOrEqualTo(2);
        assertThat(findings).allSatisfy(r -> assertThat(r.key()).isEqualTo(r.value().getSourceId()));
        Map<String, Long> versions = findings.stream().collect(Collectors.groupingBy(
                r -> r.key() + "|" + r.value().getUpdatedAt(), Collectors.counting()));
        assertThat(versions.values()).allSatisfy(count -> assertThat(count).isEqualTo(1L));
    }

    @Test
    void shouldGiveSecurityHubCopiesOfGuardDutyFindingsTheGuardDutyIdentity() {
        List<ConsumerRecord<String, SecurityFinding>> copies = IngestHarness.await(Topics.RAW_SECURITYHUB, prefix,
                Duration.ofMinutes(2), r -> r.stream().anyMatch(c -> c.value().getSecurityHubCopy()));
        List<ConsumerRecord<String, SecurityFinding>> guardDutyCopies = copies.stream()
                .filter(c -> c.value().getSecurityHubCopy()).toList();
        assertThat(guardDutyCopies).isNotEmpty();
        assertThat(guardDutyCopies).allSatisfy(c -> {
            assertThat(c.value().getIdentity()).contains(":guardduty:").contains("/finding/");
        });
        List<ConsumerRecord<String, SecurityFinding>> direct = IngestHarness.read(Topics.RAW_GUARDDUTY, prefix);
        assertThat(direct.stream().map(r -> r.value().getIdentity()))
                .containsAll(guardDutyCopies.stream().map(c -> c.value().getIdentity()).distinct().toList());
    }

    @Test
    void shouldCommitCursorsForEverySource() {
        List<ConsumerRecord<String, IngestCursor>> cursors = IngestHarness.await(Topics.INGEST_CURSORS, prefix,
                Duration.ofMinutes(2), r -> r.stream().map(ConsumerRecord::key).distinct().count() >= 3);
        assertThat(cursors.stream().map(ConsumerRecord::key).distinct())
                .contains("guardduty/111122223333/us-east-1", "securityhub/111122223333/us-east-1",
                        "cloudtrail/111122223333/us-east-1");
    }

    @Test
    void shouldNeverExceedTheLookupEventsQuota() {
        IngestHarness.await(Topics.RAW_CLOUDTRAIL, prefix, Duration.ofMinutes(2), r -> r.size() >= 4);
        var lookups = simulator.control().counters().path("operations").path("cloudtrail/LookupEvents");
        assertThat(lookups.path("calls").asLong()).isPositive();
        assertThat(lookups.path("limitViolations").asLong()).isZero();
    }
}
