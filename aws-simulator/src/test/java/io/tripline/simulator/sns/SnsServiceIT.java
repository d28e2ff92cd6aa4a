package io.tripline.simulator.sns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.tripline.simulator.AwsSimulator;
import io.tripline.simulator.SimulatorOptions;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.NotFoundException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** Contract test: SNS topics, subscriptions and Publish fan-out to SQS and loopback HTTP, via the real SDK. */
class SnsServiceIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static AwsSimulator sim;
    private static SnsClient sns;
    private static SqsClient sqs;

    @BeforeAll
    static void start() {
        sim = AwsSimulator.start(SimulatorOptions.defaults());
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTRIPLINETEST", "secret"));
        sns = SnsClient.builder().endpointOverride(sim.endpoint()).region(Region.US_EAST_1).credentialsProvider(credentials)
                .httpClientBuilder(ApacheHttpClient.builder()).build();
        sqs = SqsClient.builder().endpointOverride(sim.endpoint()).region(Region.US_EAST_1).credentialsProvider(credentials)
                .httpClientBuilder(ApacheHttpClient.builder()).build();
    }

    @AfterAll
    static void stop() {
        sns.close();
        sqs.close();
        sim.close();
    }

    private static String queueArn(String url) {
        return sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN)).attributes()
                .get(QueueAttributeName.QUEUE_ARN);
    }

    @Test
    void shouldDeliverSnsPublishToSubscribedQueueWithEnvelopeAndAttributes() throws Exception {
        String topicArn = sns.createTopic(r -> r.name("tripline-alerts")).topicArn();
        String url = sqs.createQueue(r -> r.queueName("alerts")).queueUrl();
        String subscriptionArn = sns.subscribe(r -> r.topicArn(topicArn).protocol("sqs").endpoint(queueArn(url)))
                .subscriptionArn();

        String messageId = sns.publish(r -> r.topicArn(topicArn).subject("Incident high").message("{\"incident\":\"inc-1\"}")
                .messageAttributes(Map.of("severity", MessageAttributeValue.builder().dataType("String")
                        .stringValue("HIGH").build()))).messageId();

        Message delivered = sqs.receiveMessage(r -> r.queueUrl(url).waitTimeSeconds(2)).messages().get(0);
        JsonNode envelope = JSON.readTree(delivered.body());
        assertThat(envelope.path("Type").asText()).isEqualTo("Notification");
        assertThat(envelope.path("MessageId").asText()).isEqualTo(messageId);
        assertThat(envelope.path("TopicArn").asText()).isEqualTo(topicArn);
        assertThat(envelope.path("Subject").asText()).isEqualTo("Incident high");
        assertThat(envelope.path("Message").asText()).isEqualTo("{\"incident\":\"inc-1\"}");
        assertThat(envelope.path("MessageAttributes").path("severity").path("Type").asText()).isEqualTo("String");
        assertThat(envelope.path("MessageAttributes").path("severity").path("Value").asText()).isEqualTo("HIGH");
        assertThat(envelope.path("UnsubscribeURL").asText()).contains(subscriptionArn);
        assertThat(envelope.has("Timestamp") && envelope.has("Signature") && envelope.has("SigningCertURL")).isTrue();
        assertThat(sns.listSubscriptionsByTopic(r -> r.topicArn(topicArn)).subscriptions())
                .singleElement().satisfies(s -> assertThat(s.endpoint()).isEqualTo(queueArn(url)));
    }

    @Test
    void shouldDeliverRawMessageWithSqsAttributesWhenRawDeliveryIsOn() {
        String topicArn = sns.createTopic(r -> r.name("raw")).topicArn();
        String url = sqs.createQueue(r -> r.queueName("raw-queue")).queueUrl();
        sns.subscribe(r -> r.topicArn(topicArn).protocol("sqs").endpoint(queueArn(url))
                .attributes(Map.of("RawMessageDelivery", "true")));
        sns.publish(r -> r.topicArn(topicArn).message("plain").messageAttributes(Map.of("k",
                MessageAttributeValue.builder().dataType("String").stringValue("v").build())));

        Message delivered = sqs.receiveMessage(r -> r.queueUrl(url).messageAttributeNames("All")).messages().get(0);
        assertThat(delivered.body()).isEqualTo("plain");
        assertThat(delivered.messageAttributes().get("k").stringValue()).isEqualTo("v");
    }

    @Test
    void shouldPickProtocolSpecificMessageForJsonStructure() throws Exception {
        String topicArn = sns.createTopic(r -> r.name("structured")).topicArn();
        String url = sqs.createQueue(r -> r.queueName("structured-queue")).queueUrl();
        sns.subscribe(r -> r.topicArn(topicArn).protocol("sqs").endpoint(queueArn(url)));
        sns.publish(r -> r.topicArn(topicArn).messageStructure("json").message("{\"default\":\"d\",\"sqs\":\"for sqs\"}"));
        JsonNode envelope = JSON.readTree(sqs.receiveMessage(r -> r.queueUrl(url)).messages().get(0).body());
        assertThat(envelope.path("Message").asText()).isEqualTo("for sqs");
    }

    @Test
    void shouldPostNotificationToLoopbackHttpSubscriber() throws Exception {
        CompletableFuture<String> received = new CompletableFuture<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            received.complete(exchange.getRequestHeaders().getFirst("x-amz-sns-message-type") + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        try {
            String topicArn = sns.createTopic(r -> r.name("http-topic")).topicArn();
            String endpoint = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
            sns.subscribe(r -> r.topicArn(topicArn).protocol("http").endpoint(endpoint));
            sns.publish(r -> r.topicArn(topicArn).message("to http"));
            assertThat(received.get(5, TimeUnit.SECONDS)).startsWith("Notification ").contains("\"Message\":\"to http\"");
        } finally {
            receiver.stop(0);
        }
    }

    @Test
    void shouldRaiseNotFoundForUnknownTopicAndListCreatedTopics() {
        assertThatThrownBy(() -> sns.publish(r -> r.topicArn("arn:aws:sns:us-east-1:123456789012:nope").message("x")))
                .isInstanceOf(NotFoundException.class);
        String arn = sns.createTopic(r -> r.name("listed")).topicArn();
        assertThat(sns.listTopics().topics()).extracting(t -> t.topicArn()).contains(arn);
    }
}
