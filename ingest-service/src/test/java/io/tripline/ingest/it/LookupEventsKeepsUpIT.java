package io.tripline.ingest.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.micronaut.context.ApplicationContext;
import io.tripline.core.normalize.Json;
import io.tripline.core.topic.Topics;
import io.tripline.schema.v1.IngestCursor;
import io.tripline.schema.v1.TrailEvent;
import io.tripline.simulator.AwsSimulator;
import io.tripline.simulator.SimulatorOptions;
import io.tripline.simulator.cloudtrail.CloudTrailRecorder;

/**
 * The LookupEvents poller keeps up with 90 CloudTrail events/s for 30 s — plus one event a second that
 * shows up three minutes late — while the simulator enforces 2 requests/s: every event reaches the raw
 * topic exactly once, no request is over the quota, and the committed cursor never falls far behind.
 * Records the quota utilisation (requests used / allowed) in {@code target/lookup-events-quota.txt}.
 */
class LookupEventsKeepsUpIT {

    private static final Logger LOG = LoggerFactory.getLogger(LookupEventsKeepsUpIT.class);
    private static final int EVENTS_PER_SECOND = 90;
    private static final Duration TRAFFIC = Duration.ofSeconds(30);
    private static final Duration LATENESS = Duration.ofMinutes(3);

    @Test
    void shouldKeepUpWithNinetyEventsPerSecondWithinTwoRequestsPerSecond() throws Exception {
        try (AwsSimulator simulator = AwsSimulator.start(SimulatorOptions.defaults().withSpeed(1).withEnforceLimits(true)
                .withSeed(41))) {
            String prefix = IngestHarness.topics("lookup-90");
            Instant now = simulator.world().clock().now();
            Map<String, Object> p = IngestHarness.properties(prefix, simulator.endpoint().toString(), List.of("cloudtrail"),
                    now.minusSeconds(10));
            try (ApplicationContext service = IngestHarness.start(p)) {
                long callsBefore = lookups(simulator, "calls");
                long started = System.nanoTime();
                int produced = produce(simulator);
                Set<String> expected = Truth.eventIds(simulator);
                assertThat(expected).hasSize(produced);

                List<ConsumerRecord<String, TrailEvent>> events = IngestHarness.await(Topics.RAW_CLOUDTRAIL, prefix,
                        Duration.ofMinutes(4), r -> r.stream().map(ConsumerRecord::key).collect(Collectors.toSet()).containsAll(expected));
                double seconds = (System.nanoTime() - started) / 1e9;
                long calls = lookups(simulator, "calls") - callsBefore;
                IngestHarness.sleep(3000);
                events = IngestHarness.read(Topics.RAW_CLOUDTRAIL, prefix);

                Map<String, Long> byEventId = events.stream().collect(Collectors.groupingBy(ConsumerRecord::key, Collectors.counting()));
                assertThat(byEventId.keySet()).isEqualTo(expected);
                assertThat(byEventId.values()).allSatisfy(c -> assertThat(c).isEqualTo(1L));
                assertThat(lookups(simulator, "limitViolations")).isZero();
                assertThat(lookups(simulator, "throttlesInjected")).isZero();

                List<ConsumerRecord<String, IngestCursor>> cursors = IngestHarness.read(Topics.INGEST_CURSORS, prefix);
                long maxLag = cursors.stream().mapToLong(c -> Duration.between(c.value().getPosition(), c.value().getUpdatedAt()).toSeconds())
                        .max().orElseThrow();
                assertThat(maxLag).as("cursor lag (s)").isLessThan(120);
                report(produced, calls, seconds, maxLag, cursors.size());
            }
        }
    }

    /** 90 on-time events/s for 30 s of wall-clock time, and one event a second stamped three minutes back. */
    private static int produce(AwsSimulator simulator) {
        ObjectNode record = Json.MAPPER.createObjectNode().put("eventSource", "ec2.amazonaws.com")
                .put("eventName", "DescribeInstances").put("readOnly", true).put("sourceIPAddress", "203.0.113.77");
        record.putObject("userIdentity").put("type", "Root").put("arn", "arn:aws:iam::111122223333:root");
        long start = System.nanoTime();
        long total = TRAFFIC.toNanos();
        int onTime = 0;
        int late = 0;
        while (true) {
            long elapsed = Math.min(System.nanoTime() - start, total);
            Instant at = simulator.world().clock().now();
            while (onTime < elapsed / 1e9 * EVENTS_PER_SECOND) {
                CloudTrailRecorder.recordSupplied(simulator.world(), IngestHarness.ACCOUNT, IngestHarness.REGION, record, at);
                onTime++;
            }
            while (late < elapsed / 1_000_000_000L) {
                CloudTrailRecorder.recordSupplied(simulator.world(), IngestHarness.ACCOUNT, IngestHarness.REGION, record,
                        at.minus(LATENESS));
                late++;
            }
            if (elapsed >= total) {
                return onTime + late;
            }
            IngestHarness.sleep(20);
        }
    }

    private static long lookups(AwsSimulator simulator, String counter) {
        return simulator.control().counters().path("operations").path("cloudtrail/LookupEvents").path(counter).asLong();
    }

    private static void report(int events, long calls, double seconds, long maxLag, int commits) throws IOException {
        String line = String.format("LookupEvents at %d events/s: %d events in %.1f s, %d requests of %.0f allowed "
                        + "(utilisation %.1f %%), %d commits, max cursor lag %d s%n", EVENTS_PER_SECOND, events, seconds, calls,
                seconds * 2, 100.0 * calls / (seconds * 2), commits, maxLag);
        LOG.info(line.trim());
        Files.writeString(Path.of("target", "lookup-events-quota.txt"), line);
    }
}
