package io.tripline.simulator.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.tripline.simulator.AwsSimulator;
import io.tripline.simulator.SdkClients;
import io.tripline.simulator.SimulatorOptions;
import io.tripline.simulator.core.SimJson;
import io.tripline.simulator.securityhub.SecurityHubFindings;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The load generator emits exactly its planned rates for its duration, each source through its door:
 * GuardDuty findings (with their Security Hub copies), native Security Hub findings, and CloudTrail log
 * files that a real SDK client finds through the queue's S3 notifications and reads back gzipped.
 */
class LoadGeneratorIT {

    private static final String ACCOUNT = "111122223333";

    @Test
    void shouldEmitThePlannedSignalsThroughOneDoorPerSourceAndRecordThem() throws Exception {
        LoadPlan plan = new LoadPlan(ACCOUNT, "us-east-1", 50, 25, 400, Duration.ofSeconds(2), "load-trail",
                "load-trail-queue", 11, Duration.ofMillis(500), 5);
        try (AwsSimulator simulator = AwsSimulator.start(SimulatorOptions.defaults().withSeed(1));
             LoadGenerator load = LoadGenerator.start(simulator.world(), plan)) {
            assertThat(load.awaitFinished(Duration.ofSeconds(60))).isTrue();
            LoadLedger ledger = load.ledger();
            assertThat(ledger.guardDutyIds()).hasSize(100);
            assertThat(ledger.securityHubIds()).hasSize(50);
            assertThat(ledger.cloudTrailEventIds()).hasSize(800).doesNotHaveDuplicates();
            assertThat(load.achievedPerSecond()).isGreaterThan(0);

            var account = simulator.world().account(ACCOUNT);
            // every GuardDuty finding (one version each) is copied into the hub next to the native findings
            assertThat(SecurityHubFindings.state(account, "us-east-1").snapshot()).hasSize(150);

            assertThat(eventIdsDeliveredThroughS3(simulator)).containsExactlyInAnyOrderElementsOf(ledger.cloudTrailEventIds());
        }
    }

    private static List<String> eventIdsDeliveredThroughS3(AwsSimulator simulator) throws IOException {
        SqsClient sqs = SdkClients.build(SqsClient.builder(), simulator.endpoint(), ACCOUNT);
        S3Client s3 = SdkClients.build(S3Client.builder().forcePathStyle(true), simulator.endpoint(), ACCOUNT);
        String queueUrl = sqs.getQueueUrl(b -> b.queueName("load-trail-queue")).queueUrl();
        List<String> eventIds = new ArrayList<>();
        List<Message> messages;
        do {
            messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(0)).messages();
            for (Message message : messages) {
                JsonNode s3Event = SimJson.parse(message.body()).path("Records").path(0).path("s3");
                try (InputStream in = new GZIPInputStream(s3.getObject(b -> b.bucket(s3Event.path("bucket").path("name").asText())
                        .key(s3Event.path("object").path("key").asText())))) {
                    SimJson.MAPPER.readTree(in).path("Records").forEach(r -> eventIds.add(r.path("eventID").asText()));
                }
                sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
            }
        } while (!messages.isEmpty());
        return eventIds;
    }
}
