package io.tripline.ingest.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.tripline.core.normalize.Json;
import io.tripline.core.testing.FuzzRun;
import io.tripline.core.testing.HostileJson;
import io.tripline.ingest.kafka.Batch;
import io.tripline.ingest.source.Collector;
import io.tripline.ingest.source.RecentIds;
import io.tripline.ingest.source.RecordMapper;

/**
 * Issue 9, SQS paths, in volume (the broker-backed {@code SqsFuzzIT} runs a sample through the real
 * service, simulator SQS and S3): 10,000 hostile bodies per path and 10,000 hostile S3 objects. Every
 * message ends as records or dead letters (so the receiver commits and deletes it), and every object
 * that cannot be read fails in a way the receiver dead-letters — never an exception that would leave the
 * message to be redelivered forever.
 */
class SqsPathsFuzzTest {

    private final RecordMapper mapper = new RecordMapper(Clock.systemUTC());

    @Test
    void shouldTurnEveryHostileEventBridgeBodyIntoRecordsOrDeadLetters() {
        FuzzRun run = FuzzRun.of("ingest.sqs.eventbridge");
        HostileJson bodies = new HostileJson(run.random(), HostileJson.corpusSamples(List.of(
                "guardduty/guardduty_soar_eventbridge_samples.jsonl", "guardduty/cloud_custodian_eventbridge_guardduty.jsonl",
                "securityhub/asr_eventbridge_events.jsonl", "securityhub/cloud_custodian_eventbridge_securityhub.jsonl")));
        List<String> unhandled = new ArrayList<>();
        for (int i = 0; i < FuzzRun.count(); i++) {
            String body = snsWrappedSometimes(bodies.next().text(), run.random());
            Batch batch = new Batch();
            Collector collector = new Collector(mapper, "eventbridge", new RecentIds(100), batch, Instant.EPOCH);
            run.count("inputs");
            try {
                EventsSqsReceiver.collect(body, collector, batch, mapper);
            } catch (RuntimeException | StackOverflowError e) {
                unhandled.add("#" + i + ": " + e);
                continue;
            }
            run.add("records", batch.records().size());
            run.add("dlq", batch.deadLetters().size());
            assertThat(batch.deadLetters()).allSatisfy(letter -> assertThat(letter.getReason()).isNotBlank());
            if (batch.records().isEmpty() && batch.deadLetters().isEmpty()) {
                run.count("empty");
            }
        }
        run.report();
        assertThat(unhandled).as("bodies the receiver could not handle, " + run.reproduce()).isEmpty();
        assertThat(run.get("dlq")).isGreaterThan(FuzzRun.count() / 3);
        assertThat(run.get("records")).isPositive();
    }

    @Test
    void shouldRejectEveryHostileS3NotificationWithAReason() {
        FuzzRun run = FuzzRun.of("ingest.sqs.s3-notification");
        JsonNode notification = Json.parse("{\"Records\":[{\"eventVersion\":\"2.1\",\"eventSource\":\"aws:s3\","
                + "\"eventName\":\"ObjectCreated:Put\",\"s3\":{\"bucket\":{\"name\":\"trail-logs\"},\"object\":{\"key\":"
                + "\"AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/01/file.json.gz\",\"size\":1,\"eTag\":\"abc\"}}}]}");
        HostileJson bodies = new HostileJson(run.random(), List.of(notification));
        List<String> unhandled = new ArrayList<>();
        for (int i = 0; i < FuzzRun.count(); i++) {
            String body = snsWrappedSometimes(bodies.next().text(), run.random());
            run.count("inputs");
            try {
                run.add("objects", SqsBodies.s3Objects(SqsBodies.unwrap(body)).size());
            } catch (RuntimeException rejected) {
                // S3SqsReceiver dead-letters any RuntimeException here with the body
                assertThat(rejected.getMessage()).isNotBlank();
                run.count("dlq");
            } catch (StackOverflowError e) {
                unhandled.add("#" + i + ": " + e);
            }
        }
        run.report();
        assertThat(unhandled).as(run.reproduce()).isEmpty();
        assertThat(run.get("dlq")).isGreaterThan(FuzzRun.count() / 3);
        assertThat(run.get("objects")).isPositive();
    }

    @Test
    void shouldReadOrDeadLetterEveryHostileS3LogFile() {
        FuzzRun run = FuzzRun.of("ingest.sqs.s3-object");
        List<JsonNode> records = HostileJson.corpusSamples(List.of("cloudtrail/awsdocs_cloudtrail_examples.jsonl",
                "cloudtrail/panther_rule_tests.jsonl"));
        List<JsonNode> files = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            ArrayNode array = JsonNodeFactory.instance.arrayNode();
            for (int n = 1 + run.random().nextInt(5); n > 0; n--) {
                array.add(records.get(run.random().nextInt(records.size())));
            }
            files.add(JsonNodeFactory.instance.objectNode().set("Records", array));
        }
        HostileJson objects = new HostileJson(run.random(), files);
        List<String> unhandled = new ArrayList<>();
        for (int i = 0; i < FuzzRun.count(); i++) {
            byte[] object = maybeGzipped(objects.next().bytes(), run.random());
            Batch batch = new Batch();
            Collector collector = new Collector(mapper, "s3", new RecentIds(100), batch, Instant.EPOCH);
            run.count("inputs");
            try {
                RecordsFileReader.read(new ByteArrayInputStream(object), (index, record) -> collector.add(record));
                run.add("records", batch.records().size());
                run.add("dlq.records", batch.deadLetters().size());
            } catch (Exception e) {
                if (RecordsFileReader.unreadable(e)) {
                    run.count("dlq.objects");
                } else {
                    unhandled.add("#" + i + ": " + e);
                }
            } catch (StackOverflowError e) {
                unhandled.add("#" + i + ": " + e);
            }
        }
        run.report();
        assertThat(unhandled).as("failures that would redeliver the message forever, " + run.reproduce()).isEmpty();
        assertThat(run.get("dlq.objects")).isGreaterThan(FuzzRun.count() / 4);
        assertThat(run.get("records")).isPositive();
    }

    /** A third of the bodies in an SNS envelope, as S3 → SNS → SQS and EventBridge → SNS → SQS deliver them. */
    private static String snsWrappedSometimes(String body, Random random) {
        if (random.nextInt(3) != 0) {
            return body;
        }
        return Json.write(Json.MAPPER.createObjectNode().put("Type", "Notification")
                .put("TopicArn", "arn:aws:sns:us-east-1:111122223333:trail").put("Message", body));
    }

    /** Half gzipped (as CloudTrail writes them), a quarter of those truncated or corrupted. */
    private static byte[] maybeGzipped(byte[] content, Random random) {
        if (random.nextBoolean()) {
            return content;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] gz = out.toByteArray();
        switch (random.nextInt(8)) {
            case 0 -> gz = java.util.Arrays.copyOf(gz, 2 + random.nextInt(gz.length - 2));
            case 1 -> gz[2 + random.nextInt(gz.length - 2)] ^= (byte) (1 + random.nextInt(255));
            default -> { }
        }
        return gz;
    }
}
