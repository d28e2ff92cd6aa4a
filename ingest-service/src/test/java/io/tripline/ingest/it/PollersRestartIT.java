package io.tripline.ingest.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.micronaut.context.ApplicationContext;
import io.tripline.core.topic.Topics;
import io.tripline.ingest.config.SourceType;
import io.tripline.ingest.kafka.CommitHook;
import io.tripline.simulator.AwsSimulator;
import io.tripline.simulator.SimulatorOptions;
import io.tripline.stack.testing.SharedStack;

/**
 * The GuardDuty, Security Hub and CloudTrail pollers across a stop mid-stream and across a transaction
 * killed between send and commit (the thread dies with the transaction open, as in a crash): started
 * again with the same instance id, every event and the latest version of every finding is on the raw
 * topics, and no (key, version) twice — counted with a read_committed consumer.
 */
class PollersRestartIT {

    /** 20 s of real time at speed 30: two GuardDuty findings updated 40 times each, 240 CloudTrail events. */
    static final String STREAM = "{\"name\":\"stream\",\"start\":\"2026-11-03T00:00:00Z\","
            + "\"accounts\":[{\"id\":\"111122223333\",\"regions\":[\"us-east-1\"]}],\"timeline\":["
            + "{\"at\":\"PT0S\",\"repeat\":{\"count\":40,\"every\":\"PT15S\"},\"guardduty\":{\"type\":\"Recon:EC2/PortProbeUnprotectedPort\","
            + "\"severity\":5.0,\"title\":\"probe\",\"description\":\"port probe\"}},"
            + "{\"at\":\"PT5S\",\"repeat\":{\"count\":40,\"every\":\"PT15S\"},\"guardduty\":{\"type\":\"UnauthorizedAccess:EC2/SSHBruteForce\","
            + "\"severity\":2.0,\"title\":\"ssh\",\"description\":\"ssh brute force\"}},"
            + "{\"at\":\"PT1S\",\"repeat\":{\"count\":120,\"every\":\"PT5S\"},\"cloudtrail\":{\"eventSource\":\"ec2.amazonaws.com\","
            + "\"eventName\":\"DescribeInstances\",\"readOnly\":true,\"sourceIPAddress\":\"203.0.113.77\","
            + "\"userIdentity\":{\"type\":\"Root\",\"arn\":\"arn:aws:iam::111122223333:root\"}}},"
            + "{\"at\":\"PT2S\",\"repeat\":{\"count\":120,\"every\":\"PT5S\"},\"cloudtrail\":{\"eventSource\":\"s3.amazonaws.com\","
            + "\"eventName\":\"ListBuckets\",\"readOnly\":true,\"sourceIPAddress\":\"203.0.113.77\","
            + "\"userIdentity\":{\"type\":\"Root\",\"arn\":\"arn:aws:iam::111122223333:root\"}}}]}";

    /** Thrown by the commit hook: an Error, so nothing aborts the transaction and the source thread dies. */
    static final class KilledMidTransaction extends Error {
        KilledMidTransaction() {
            super("test: killed between send and commit");
        }
    }

    private AwsSimulator simulator;

    @AfterEach
    void stop() {
        if (simulator != null) {
            simulator.close();
        }
    }

    private Map<String, Object> properties(String prefix, String instance) {
        Map<String, Object> p = IngestHarness.properties(prefix, simulator.endpoint().toString(),
                List.of("guardduty", "securityhub", "cloudtrail"), Instant.parse("2026-10-31T00:00:00Z"));
        p.put("tripline.ingest.instance-id", instance);
        return p;
    }

    @Test
    void shouldLoseAndDuplicateNothingWhenStoppedMidStreamAndStartedAgain() {
        simulator = AwsSimulator.start(SimulatorOptions.defaults().withSpeed(30).withSeed(31));
        String prefix = IngestHarness.topics("poll-restart");
        String instance = SharedStack.uniqueName("restart");
        simulator.control().playScenario(STREAM);
        try (ApplicationContext first = IngestHarness.start(properties(prefix, instance))) {
            IngestHarness.await(Topics.RAW_CLOUDTRAIL, prefix, Duration.ofMinutes(2), r -> r.size() >= 20);
            IngestHarness.await(Topics.RAW_GUARDDUTY, prefix, Duration.ofMinutes(2), r -> r.size() >= 2);
        }
        assertThat(simulator.control().scenarioStatus().path("state").asText()).as("stopped mid-stream").isEqualTo("RUNNING");
        IngestHarness.sleep(2000);
        try (ApplicationContext second = IngestHarness.start(properties(prefix, instance))) {
            simulator.control().awaitScenario(Duration.ofMinutes(2));
            Truth.assertExactlyOnce(simulator, prefix);
        }
    }

    @Test
    void shouldLoseAndDuplicateNothingWhenTransactionsAreKilledMidBatchAndTheServiceRestarts() {
        simulator = AwsSimulator.start(SimulatorOptions.defaults().withSpeed(30).withSeed(32));
        String prefix = IngestHarness.topics("poll-kill");
        String instance = SharedStack.uniqueName("kill");
        Map<SourceType, AtomicInteger> commits = new ConcurrentHashMap<>();
        Set<SourceType> killed = ConcurrentHashMap.newKeySet();
        CommitHook killSecond = (source, batch) -> {
            if (!batch.records().isEmpty()
                    && commits.computeIfAbsent(source.type(), t -> new AtomicInteger()).incrementAndGet() == 2
                    && killed.add(source.type())) {
                throw new KilledMidTransaction();
            }
        };
        simulator.control().playScenario(STREAM);
        try (ApplicationContext first = ApplicationContext.builder().properties(properties(prefix, instance))
                .singletons(killSecond).start()) {
            boolean allKilled = IngestHarness.eventually(Duration.ofMinutes(2), () -> killed.size() == 3);
            assertThat(allKilled).as("killed: %s", killed).isTrue();
        }
        try (ApplicationContext second = IngestHarness.start(properties(prefix, instance))) {
            simulator.control().awaitScenario(Duration.ofMinutes(2));
            Truth.assertExactlyOnce(simulator, prefix);
        }
    }
}
