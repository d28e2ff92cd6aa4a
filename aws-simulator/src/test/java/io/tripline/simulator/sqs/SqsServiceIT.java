package io.tripline.simulator.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tripline.simulator.AwsSimulator;
import io.tripline.simulator.SimulatorOptions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/** Contract test: the real SDK v2 SQS client (JSON protocol, MD5 validation on) against the simulated SQS. */
class SqsServiceIT {

    private static AwsSimulator sim;
    private static SqsClient sqs;

    @BeforeAll
    static void start() {
        sim = AwsSimulator.start(SimulatorOptions.defaults());
        sqs = SqsClient.builder().endpointOverride(sim.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTRIPLINETEST", "secret")))
                .httpClientBuilder(ApacheHttpClient.builder().socketTimeout(Duration.ofSeconds(30))).build();
    }

    @AfterAll
    static void stop() {
        sqs.close();
        sim.close();
    }

    @Test
    void shouldRoundTripMessageWithAttributesPassingSdkMd5Checks() {
        String url = sqs.createQueue(r -> r.queueName("roundtrip")).queueUrl();
        assertThat(url).isEqualTo(sim.endpoint() + "/123456789012/roundtrip");
        sqs.sendMessage(r -> r.queueUrl(url).messageBody("{\"hello\":\"world\"}").messageAttributes(java.util.Map.of(
                "severity", MessageAttributeValue.builder().dataType("Number").stringValue("8.5").build(),
                "source", MessageAttributeValue.builder().dataType("String").stringValue("guardduty").build(),
                "blob", MessageAttributeValue.builder().dataType("Binary")
                        .binaryValue(software.amazon.awssdk.core.SdkBytes.fromUtf8String("x")).build())));

        List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10)
                .messageAttributeNames("All").messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();

        assertThat(messages).singleElement().satisfies(m -> {
            assertThat(m.body()).isEqualTo("{\"hello\":\"world\"}");
            assertThat(m.messageAttributes().get("severity").stringValue()).isEqualTo("8.5");
            assertThat(m.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)).isEqualTo("1");
            assertThat(m.attributes()).containsKey(MessageSystemAttributeName.SENT_TIMESTAMP);
        });
        sqs.deleteMessage(r -> r.queueUrl(url).receiptHandle(messages.get(0).receiptHandle()));
        assertThat(sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.ALL)).attributes()
                .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).isEqualTo("0");
    }

    @Test
    void shouldRedeliverAfterVisibilityTimeoutAndCountReceives() throws Exception {
        String url = sqs.createQueue(r -> r.queueName("redeliver")).queueUrl();
        sqs.sendMessage(r -> r.queueUrl(url).messageBody("again"));
        assertThat(sqs.receiveMessage(r -> r.queueUrl(url).visibilityTimeout(1)).messages()).hasSize(1);
        assertThat(sqs.receiveMessage(r -> r.queueUrl(url)).messages()).isEmpty();
        Message second = sqs.receiveMessage(r -> r.queueUrl(url).waitTimeSeconds(3)
                .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)).messages().get(0);
        assertThat(second.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)).isEqualTo("2");
    }

    @Test
    void shouldWakeLongPollingReceiverWhenMessageArrives() throws Exception {
        String url = sqs.createQueue(r -> r.queueName("longpoll")).queueUrl();
        long started = System.nanoTime();
        CompletableFuture<List<Message>> receive = CompletableFuture.supplyAsync(
                () -> sqs.receiveMessage(r -> r.queueUrl(url).waitTimeSeconds(20)).messages());
        Thread.sleep(300);
        sqs.sendMessage(r -> r.queueUrl(url).messageBody("wake up"));
        assertThat(receive.get(10, TimeUnit.SECONDS)).extracting(Message::body).containsExactly("wake up");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void shouldRaiseQueueDoesNotExistForUnknownQueue() {
        assertThatThrownBy(() -> sqs.getQueueUrl(r -> r.queueName("missing")))
                .isInstanceOf(QueueDoesNotExistException.class);
        assertThatThrownBy(() -> sqs.sendMessage(r -> r.queueUrl(sim.endpoint() + "/123456789012/missing").messageBody("x")))
                .isInstanceOf(QueueDoesNotExistException.class);
    }

    @Test
    void shouldListQueuesByPrefixAndPurge() {
        String url = sqs.createQueue(r -> r.queueName("purge-me")).queueUrl();
        sqs.sendMessage(r -> r.queueUrl(url).messageBody("1"));
        assertThat(sqs.listQueues(r -> r.queueNamePrefix("purge")).queueUrls()).containsExactly(url);
        sqs.purgeQueue(r -> r.queueUrl(url));
        assertThat(sqs.receiveMessage(r -> r.queueUrl(url)).messages()).isEmpty();
    }
}
