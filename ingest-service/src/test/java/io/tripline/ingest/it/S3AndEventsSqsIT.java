package io.tripline.ingest.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.micronaut.context.ApplicationContext;
import io.tripline.core.normalize.Json;
import io.tripline.core.topic.Topics;
import io.tripline.ingest.kafka.CommitHook;
import io.tripline.ingest.sqs.CloudTrailFiles;
import io.tripline.schema.v1.DeadLetter;
import io.tripline.schema.v1.TrailEvent;
import io.tripline.simulator.AwsSimulator;
import io.tripline.simulator.SimulatorOptions;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The push paths against the simulator's S3 and SQS: a gzipped CloudTrail log file of 12,000 events
 * named by an SNS-wrapped S3 notification arrives exactly once (also when a transaction is killed
 * mid-file, and across a stop and restart), the message is deleted after the commit, and EventBridge
 * messages go through the normalizers with bad JSON set aside in the DLQ.
 */
class S3AndEventsSqsIT {

    private static final int EVENTS = 12_000;
    private static AwsSimulator simulator;
    private static SqsClient sqs;
    private static S3Client s3;

    @BeforeAll
    static void start() throws Exception {
        IngestHarness.sleep(1);
        simulator = AwsSimulator.start(SimulatorOptions.defaults().withSeed(3));
        sqs = SqsClient.builder().endpointOverride(simulator.endpoint()).region(Region.US_EAST_1).build();
        s3 = S3Client.builder().endpointOverride(simulator.endpoint()).region(Region.US_EAST_1).forcePathStyle(true).build();
        s3.createBucket(b -> b.bucket("trail-logs"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write("{\"Records\":[".getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < EVENTS; i++) {
                gzip.write(((i == 0 ? "" : ",") + CloudTrailFiles.record(i)).getBytes(StandardCharsets.UTF_8));
            }
            gzip.write("]}".getBytes(StandardCharsets.UTF_8));
        }
        s3.putObject(b -> b.bucket("trail-logs").key("AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/01/file.json.gz"),
                RequestBody.fromBytes(bytes.toByteArray()));
    }

    @AfterAll
    static void stop() {
        if (simulator != null) {
            simulator.close();
        }
    }

    private static String queue(String name) {
        return sqs.createQueue(b -> b.queueName(name)).queueUrl();
    }

    private static void notifyObject(String queueUrl) {
        String s3Event = "{\"Records\":[{\"eventVersion\":\"2.1\",\"eventSource\":\"aws:s3\",\"eventName\":\"ObjectCreated:Put\","
                + "\"s3\":{\"bucket\":{\"name\":\"trail-logs\"},\"object\":{\"key\":"
                + "\"AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/01/file.json.gz\",\"size\":1}}}]}";
        var sns = Json.MAPPER.createObjectNode().put("Type", "Notification").put("TopicArn", "arn:aws:sns:us-east-1:111122223333:trail")
                .put("Message", s3Event);
        sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(Json.write(sns)));
    }

    private static Map<String, Object> s3Properties(String prefix, String queueUrl, String instance) {
        Map<String, Object> p = IngestHarness.properties(prefix, simulator.endpoint().toString(), List.of("s3"),
                Instant.parse("2026-10-31T00:00:00Z"));
        p.put("tripline.ingest.accounts[0].s3-queue-url", queueUrl);
        p.put("tripline.ingest.sqs.chunk-size", 1000);
        p.put("tripline.ingest.instance-id", instance);
        return p;
    }

    private static void assertEveryEventOnce(String prefix) {
        List<ConsumerRecord<String, TrailEvent>> events = IngestHarness.await(Topics.RAW_CLOUDTRAIL, prefix,
                Duration.ofMinutes(3), r -> r.size() >= EVENTS);
        IngestHarness.sleep(2000);
        events = IngestHarness.read(Topics.RAW_CLOUDTRAIL, prefix);
        Map<String, Long> byKey = events.stream().collect(Collectors.groupingBy(ConsumerRecord::key, Collectors.counting()));
        assertThat(byKey).hasSize(EVENTS);
        assertThat(byKey.values()).allSatisfy(count -> assertThat(count).isEqualTo(1L));
        assertThat(byKey).containsKeys(CloudTrailFiles.eventId(0), CloudTrailFiles.eventId(EVENTS - 1));
    }

    @Test
    void shouldPublishEveryEventOfAGzippedLogFileOnceAndDeleteTheMessage() {
        String prefix = IngestHarness.topics("s3");
        String queueUrl = queue(SharedName.of("s3-once"));
        notifyObject(queueUrl);
        try (ApplicationContext service = IngestHarness.start(s3Properties(prefix, queueUrl, SharedName.of("s3")))) {
            assertEveryEventOnce(prefix);
            long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
            String visible = "1";
            while (System.nanoTime() < deadline) {
                var attributes = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNamesWithStrings(
                        "ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible")).attributesAsStrings();
                visible = attributes.get("ApproximateNumberOfMessages") + "/" + attributes.get("ApproximateNumberOfMessagesNotVisible");
                if ("0/0".equals(visible)) {
                    break;
                }
                IngestHarness.sleep(500);
            }
            assertThat(visible).isEqualTo("0/0");
        }
    }

    @Test
    void shouldPublishEveryEventOnceWhenATransactionIsKilledMidFile() {
        String prefix = IngestHarness.topics("s3-kill");
        String queueUrl = queue(SharedName.of("s3-kill"));
        notifyObject(queueUrl);
        AtomicInteger commits = new AtomicInteger();
        CommitHook killThird = (source, batch) -> {
            if (commits.incrementAndGet() == 3) {
                throw new IllegalStateException("test: transaction killed between send and commit");
            }
        };
        try (ApplicationContext service = ApplicationContext.builder()
                .properties(s3Properties(prefix, queueUrl, SharedName.of("s3-kill"))).singletons(killThird).start()) {
            assertEveryEventOnce(prefix);
            assertThat(commits.get()).isGreaterThan(3);
        }
    }

    @Test
    void shouldPublishEveryEventOnceAcrossAStopAndRestart() {
        String prefix = IngestHarness.topics("s3-restart");
        String queueUrl = queue(SharedName.of("s3-restart"));
        notifyObject(queueUrl);
        String instance = SharedName.of("s3-restart");
        try (ApplicationContext first = IngestHarness.start(s3Properties(prefix, queueUrl, instance))) {
            IngestHarness.await(Topics.RAW_CLOUDTRAIL, prefix, Duration.ofMinutes(2), r -> !r.isEmpty());
        }
        try (ApplicationContext second = IngestHarness.start(s3Properties(prefix, queueUrl, instance))) {
            assertEveryEventOnce(prefix);
        }
    }

    @Test
    void shouldRouteEventBridgeFindingsThroughTheNormalizersAndBadJsonToTheDlq() {
        String prefix = IngestHarness.topics("events");
        String queueUrl = queue(SharedName.of("events"));
        String finding = "{\"schemaVersion\":\"2.0\",\"accountId\":\"111122223333\",\"region\":\"us-east-1\",\"partition\":\"aws\","
                + "\"id\":\"eb0000000000000000000000000001\",\"arn\":\"arn:aws:guardduty:us-east-1:111122223333:detector/d1/finding/eb0000000000000000000000000001\","
                + "\"type\":\"Recon:EC2/PortProbeUnprotectedPort\",\"resource\":{\"resourceType\":\"Instance\"},"
                + "\"service\":{\"serviceName\":\"guardduty\",\"detectorId\":\"d1\",\"count\":1,\"archived\":false},"
                + "\"severity\":5.0,\"createdAt\":\"2026-11-01T02:00:00.000Z\",\"updatedAt\":\"2026-11-01T02:00:00.000Z\","
                + "\"title\":\"probe\",\"description\":\"probe\"}";
        String event = "{\"version\":\"0\",\"id\":\"e-1\",\"detail-type\":\"GuardDuty Finding\",\"source\":\"aws.guardduty\","
                + "\"account\":\"111122223333\",\"time\":\"2026-11-01T02:00:00Z\",\"region\":\"us-east-1\",\"resources\":[],"
                + "\"detail\":" + finding + "}";
        sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(event));
        sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody("{\"detail-type\": not json"));
        Map<String, Object> p = IngestHarness.properties(prefix, simulator.endpoint().toString(), List.of("eventbridge"),
                Instant.parse("2026-10-31T00:00:00Z"));
        p.put("tripline.ingest.accounts[0].events-queue-url", queueUrl);
        try (ApplicationContext service = IngestHarness.start(p)) {
            var findings = IngestHarness.await(Topics.RAW_GUARDDUTY, prefix, Duration.ofMinutes(2), r -> !r.isEmpty());
            assertThat(findings).extracting(ConsumerRecord::key).containsExactly("eb0000000000000000000000000001");
            List<ConsumerRecord<byte[], DeadLetter>> dlq = IngestHarness.await(Topics.DLQ, prefix, Duration.ofMinutes(2),
                    r -> !r.isEmpty());
            assertThat(dlq).hasSize(1);
            assertThat(dlq.get(0).value().getSource()).isEqualTo("eventbridge");
            assertThat(dlq.get(0).value().getReason()).contains("not valid JSON");
            assertThat(new String(dlq.get(0).value().getValue().array(), StandardCharsets.UTF_8)).contains("not json");
        }
    }

    /** Unique names for queues and instances. */
    static final class SharedName {
        static String of(String prefix) {
            return io.tripline.stack.testing.SharedStack.uniqueName(prefix);
        }
    }
}
