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
import io.tripline.schema.v1.SecurityFinding;
import io.tripline.schema.v1.TrailEvent;
import io.tripline.simulator.AwsSimulator;
import io.tripline.simulator.SimulatorOptions;

/**
 * With 10 % throttling and 5 % server errors injected on every AWS call, every signal of
 * {@code ssh-brute-force} still arrives exactly once: no gap, no duplicate, the faults were really hit.
 */
class PollersUnderInjectedFaultsIT {

    private static AwsSimulator simulator;
    private static ApplicationContext service;
    private static String prefix;

    @BeforeAll
    static void start() {
        simulator = AwsSimulator.start(SimulatorOptions.defaults().withSpeed(120).withEnforceLimits(true).withSeed(11));
        simulator.control().putFaults("{\"seed\":11,\"enforceLimits\":true,\"rules\":[{\"service\":\"*\",\"operation\":\"*\","
                + "\"throttleRate\":0.10,\"errorRate\":0.05}]}");
        prefix = IngestHarness.topics("faults");
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
    void shouldDeliverEveryCloudTrailEventExactlyOnceDespiteFaults() {
        int expected = simulatedEvents();
        List<ConsumerRecord<String, TrailEvent>> events = IngestHarness.await(Topics.RAW_CLOUDTRAIL, prefix,
                Duration.ofMinutes(3), r -> r.size() >= expected);
        IngestHarness.sleep(3000);
        events = IngestHarness.read(Topics.RAW_CLOUDTRAIL, prefix);
        Map<String, Long> byKey = events.stream().collect(Collectors.groupingBy(ConsumerRecord::key, Collectors.counting()));
        assertThat(byKey).hasSize(expected);
        assertThat(byKey.values()).allSatisfy(c -> assertThat(c).isEqualTo(1L));
    }

    @Test
    void shouldDeliverEveryGuardDutyFindingVersionAtMostOnceAndTheLatestOfEach() {
        List<ConsumerRecord<String, SecurityFinding>> findings = IngestHarness.await(Topics.RAW_GUARDDUTY, prefix,
                Duration.ofMinutes(3), r -> r.stream().map(ConsumerRecord::key).distinct().count() >= 2);
        IngestHarness.sleep(3000);
        findings = IngestHarness.read(Topics.RAW_GUARDDUTY, prefix);
        Map<String, Long> versions = findings.stream().collect(Collectors.groupingBy(
                r -> r.key() + "|" + r.value().getUpdatedAt(), Collectors.counting()));
        assertThat(versions.values()).allSatisfy(c -> assertThat(c).isEqualTo(1L));
        assertThat(findings.stream().map(ConsumerRecord::key).distinct().count()).isEqualTo(2);
    }

    @Test
    void shouldHaveHitInjectedFaultsWithoutViolatingTheLookupEventsQuota() {
        IngestHarness.await(Topics.RAW_CLOUDTRAIL, prefix, Duration.ofMinutes(3), r -> r.size() >= simulatedEvents());
        var counters = simulator.control().counters();
        long injected = counters.path("totals").path("throttlesInjected").asLong() + counters.path("totals").path("errorsInjected").asLong();
        assertThat(injected).isPositive();
        assertThat(counters.path("operations").path("cloudtrail/LookupEvents").path("limitViolations").asLong()).isZero();
    }

    private static int simulatedEvents() {
        // the scenario's CloudTrail signals (ssh-brute-force: four API calls by the stolen session)
        return 4;
    }
}
