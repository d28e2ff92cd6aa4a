package io.tripline.ingest.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.micronaut.runtime.server.EmbeddedServer;
import io.tripline.core.normalize.Json;
import io.tripline.core.normalize.NormalizationException;
import io.tripline.core.normalize.Normalizers;
import io.tripline.core.normalize.SourceItem;
import io.tripline.core.normalize.SourceShapes;
import io.tripline.core.testing.Corpus;
import io.tripline.core.testing.FuzzRun;
import io.tripline.core.testing.HostileJson;
import io.tripline.core.topic.Topics;
import io.tripline.ingest.sqs.CloudTrailFiles;
import io.tripline.ingest.sqs.SqsBodies;
import io.tripline.schema.v1.DeadLetter;
import io.tripline.schema.v1.SecurityFinding;
import io.tripline.schema.v1.TrailEvent;
import io.tripline.simulator.AwsSimulator;
import io.tripline.simulator.SimulatorOptions;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Issue 9, SQS paths through the real service: hostile message bodies on the EventBridge and the S3
 * notification queues of the simulator, notifications naming hostile, corrupt and missing S3 objects,
 * then good ones. Every message is handled and deleted (the queues drain), the bad ones are in the DLQ
 * with a reason, the good records arrive, and {@code /health} stays UP. The volume runs in
 * {@code SqsPathsFuzzTest}.
 */
class SqsFuzzIT {

    private static final int BODIES = 80;
    private static final int OBJECTS = 24;
    private static final int MISSING = 5;
    private static final String BUCKET = "fuzz-logs";
    private static AwsSimulator simulator;
    private static SqsClient sqs;
    private static S3Client s3;

    @BeforeAll
    static void start() {
        IngestHarness.sleep(1); // loads the harness, which sets the simulator credentials
        simulator = AwsSimulator.start(SimulatorOptions.defaults().withSeed(9));
        sqs = SqsClient.builder().endpointOverride(simulator.endpoint()).region(Region.US_EAST_1).build();
        s3 = S3Client.builder().endpointOverride(simulator.endpoint()).region(Region.US_EAST_1).forcePathStyle(true).build();
        s3.createBucket(b -> b.bucket(BUCKET));
    }

    @AfterAll
    static void stop() {
        if (simulator != null) {
            simulator.close();
        }
    }

    @Test
    void shouldHandleEveryHostileMessageAndObjectAndStayHealthy() throws Exception {
        FuzzRun run = FuzzRun.of("ingest.sqs.service");
        String prefix = IngestHarness.topics("sqs-fuzz");
        String eventsQueue = sqs.createQueue(b -> b.queueName(IngestHarness.uniqueName("fuzz-events"))).queueUrl();
        String s3Queue = sqs.createQueue(b -> b.queueName(IngestHarness.uniqueName("fuzz-s3"))).queueUrl();

        int notJson = 0;
        HostileJson events = new HostileJson(run.random(), HostileJson.corpusSamples(
                List.of("guardduty/guardduty_soar_eventbridge_samples.jsonl", "securityhub/asr_eventbridge_events.jsonl")));
        for (int i = 0; i < BODIES; i++) {
            String body = events.next().text();
            if (send(run, eventsQueue, body) && !parses(body)) {
                notJson++;
            }
        }
        int badNotifications = 0;
        HostileJson notifications = new HostileJson(run.random(), List.of(notification("any")));
        for (int i = 0; i < BODIES; i++) {
            String body = notifications.next().text();
            if (send(run, s3Queue, body) && !namesObjects(body)) {
                badNotifications++;
            }
        }
        HostileJson files = new HostileJson(run.random(), List.of(Json.parse(logFile(0, 3))));
        for (int i = 0; i < OBJECTS; i++) {
            byte[] object = files.next().bytes();
            String key = "AWSLogs/fuzz/" + i + ".json.gz";
            s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromBytes(i % 2 == 0 ? gzip(object) : object));
            send(run, s3Queue, Json.write(notification(key)));
        }
        for (int i = 0; i < MISSING; i++) {
            send(run, s3Queue, Json.write(notification("AWSLogs/fuzz/missing-" + i + ".json.gz")));
        }
        s3.putObject(b -> b.bucket(BUCKET).key("AWSLogs/good.json"), RequestBody.fromString(logFile(1000, 3)));
        send(run, s3Queue, Json.write(notification("AWSLogs/good.json")));
        String goodFindingId = sendGoodFinding(run, eventsQueue);

        Map<String, Object> p = IngestHarness.properties(prefix, simulator.endpoint().toString(), List.of("s3", "eventbridge"),
                Instant.parse("2026-10-31T00:00:00Z"));
        p.put("tripline.ingest.accounts[0].s3-queue-url", s3Queue);
        p.put("tripline.ingest.accounts[0].events-queue-url", eventsQueue);
        EmbeddedServer server = IngestHarness.startWithServer(p);
        try {
            boolean drained = IngestHarness.eventually(Duration.ofMinutes(3), () -> empty(eventsQueue) && empty(s3Queue));
            List<ConsumerRecord<String, TrailEvent>> trail = IngestHarness.await(Topics.RAW_CLOUDTRAIL, prefix,
                    Duration.ofMinutes(1), r -> r.stream().anyMatch(e -> e.key().equals(CloudTrailFiles.eventId(1000))));
            List<ConsumerRecord<String, SecurityFinding>> findings = IngestHarness.await(Topics.RAW_GUARDDUTY, prefix,
                    Duration.ofMinutes(1), r -> r.stream().anyMatch(f -> f.key().equals(goodFindingId)));
            List<DeadLetter> dlq = IngestHarness.read(Topics.DLQ, prefix).stream().map(ConsumerRecord::value).toList();
            JsonNode health = Json.parse(IngestHarness.get(server, "/health").body());

            long eventLetters = dlq.stream().filter(l -> "eventbridge".equals(l.getSource())).count();
            long s3Letters = dlq.stream().filter(l -> "s3".equals(l.getSource())).count();
            long missingLetters = dlq.stream().filter(l -> l.getReason().contains("NoSuchKey")).count();
            run.add("dlq.eventbridge", eventLetters);
            run.add("dlq.s3", s3Letters);
            run.add("dlq.s3.missing-objects", missingLetters);
            run.add("good.cloudtrail", trail.size());
            run.add("good.findings", findings.size());
            run.report();

            assertThat(drained).as("every message deleted, " + run.reproduce()).isTrue();
            assertThat(eventLetters).isGreaterThanOrEqualTo(notJson);
            assertThat(s3Letters).isGreaterThanOrEqualTo(badNotifications + MISSING);
            assertThat(missingLetters).isGreaterThanOrEqualTo(MISSING);
            assertThat(dlq).allSatisfy(letter -> assertThat(letter.getReason()).isNotBlank());
            assertThat(trail).extracting(ConsumerRecord::key).contains(CloudTrailFiles.eventId(1000), CloudTrailFiles.eventId(1002));
            assertThat(findings).extracting(ConsumerRecord::key).contains(goodFindingId);
            assertThat(health.path("status").asText()).as("health: %s", health).isEqualTo("UP");
        } finally {
            server.getApplicationContext().close();
        }
    }

    /** Sends a body; SQS itself refuses some (too large, characters outside its set), which is counted. */
    private static boolean send(FuzzRun run, String queue, String body) {
        try {
            sqs.sendMessage(b -> b.queueUrl(queue).messageBody(body));
            run.count("sent");
            return true;
        } catch (software.amazon.awssdk.core.exception.SdkException refused) {
            run.count("refused-by-sqs");
            return false;
        }
    }

    private static boolean parses(String body) {
        try {
            SqsBodies.unwrap(body);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static boolean namesObjects(String body) {
        try {
            SqsBodies.s3Objects(SqsBodies.unwrap(body));
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static String sendGoodFinding(FuzzRun run, String queue) {
        for (Corpus.Line line : Corpus.lines("guardduty/guardduty_soar_eventbridge_samples.jsonl")) {
            try {
                List<SourceItem> items = SourceShapes.unwrap(line.json());
                SecurityFinding finding = (SecurityFinding) new Normalizers().normalize(items.get(0));
                send(run, queue, Json.write(line.json()));
                return finding.getSourceId().toString();
            } catch (NormalizationException notThisOne) {
                // try the next sample
            }
        }
        throw new IllegalStateException("no GuardDuty EventBridge sample normalizes");
    }

    private static JsonNode notification(String key) {
        return Json.parse("{\"Records\":[{\"eventVersion\":\"2.1\",\"eventSource\":\"aws:s3\",\"eventName\":\"ObjectCreated:Put\","
                + "\"s3\":{\"bucket\":{\"name\":\"" + BUCKET + "\"},\"object\":{\"key\":\"" + key + "\",\"size\":1}}}]}");
    }

    private static String logFile(int first, int count) {
        List<String> records = new ArrayList<>();
        for (int i = first; i < first + count; i++) {
            records.add(CloudTrailFiles.record(i));
        }
        return "{\"Records\":[" + String.join(",", records) + "]}";
    }

    private static boolean empty(String queue) {
        var attributes = sqs.getQueueAttributes(b -> b.queueUrl(queue).attributeNamesWithStrings(
                "ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible")).attributesAsStrings();
        return "0".equals(attributes.get("ApproximateNumberOfMessages"))
                && "0".equals(attributes.get("ApproximateNumberOfMessagesNotVisible"));
    }

    private static byte[] gzip(byte[] content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(content);
        }
        return out.toByteArray();
    }
}
