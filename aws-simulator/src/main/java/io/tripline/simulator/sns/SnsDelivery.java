package io.tripline.simulator.sns;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tripline.simulator.core.SimJson;
import io.tripline.simulator.core.World;
import io.tripline.simulator.sqs.SqsMessage;
import io.tripline.simulator.sqs.SqsQueue;
import io.tripline.simulator.sqs.SqsService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fans one published message out to a topic's subscriptions: the standard SNS JSON envelope (or the
 * raw message with RawMessageDelivery) into SQS queues synchronously — so a test that publishes can
 * receive right away — and HTTP POSTs to loopback endpoints asynchronously, so a slow receiver never
 * blocks Publish.
 */
final class SnsDelivery {

    private static final Logger LOG = LoggerFactory.getLogger(SnsDelivery.class);

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
            .executor(Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "sns-http-delivery");
                t.setDaemon(true);
                return t;
            })).build();

    /** One Publish: what was sent, with its id and time. */
    record Publication(String messageId, String topicArn, String subject, String message, JsonNode structured,
                       Map<String, SqsMessage.Attribute> attributes, Instant timestamp, String region) {
    }

    private SnsDelivery() {
    }

    static void deliver(World world, SnsTopic topic, Publication pub) {
        for (SnsTopic.Subscription sub : topic.getSubscriptions()) {
            String message = messageFor(pub, sub.protocol());
            switch (sub.protocol()) {
                case "sqs" -> toQueue(world, sub, pub, message);
                case "http", "https" -> toHttp(sub, pub, message);
                default -> LOG.debug("SNS protocol {} is not delivered by the simulator (subscription {})",
                        sub.protocol(), sub.subscriptionArn());
            }
        }
    }

    /** With MessageStructure=json the protocol's own key wins over "default". */
    private static String messageFor(Publication pub, String protocol) {
        if (pub.structured() == null) {
            return pub.message();
        }
        JsonNode specific = pub.structured().get(protocol);
        return specific != null ? specific.asText() : pub.structured().get("default").asText();
    }

    private static void toQueue(World world, SnsTopic.Subscription sub, Publication pub, String message) {
        SqsQueue queue = SqsService.findByArn(world, sub.endpoint()).orElse(null);
        if (queue == null) {
            // SNS drops deliveries to a missing queue silently (they only show in delivery-failure metrics).
            LOG.warn("SNS delivery of {} to missing queue {} dropped", pub.messageId(), sub.endpoint());
            return;
        }
        String body = sub.rawMessageDelivery() ? message : envelope(sub, pub, message);
        Map<String, SqsMessage.Attribute> attributes = sub.rawMessageDelivery() ? pub.attributes() : Map.of();
        queue.send(world.ids().uuid(), body, attributes, "AIDAIT2UOQQY3AUEKVGXU", pub.timestamp().toEpochMilli(), 0);
    }

    private static void toHttp(SnsTopic.Subscription sub, Publication pub, String message) {
        String body = sub.rawMessageDelivery() ? message : envelope(sub, pub, message);
        HttpRequest request = HttpRequest.newBuilder(URI.create(sub.endpoint()))
                .timeout(Duration.ofSeconds(5))
                .header("Content-Type", "text/plain; charset=UTF-8")
                .header("x-amz-sns-message-type", "Notification")
                .header("x-amz-sns-message-id", pub.messageId())
                .header("x-amz-sns-topic-arn", pub.topicArn())
                .header("x-amz-sns-subscription-arn", sub.subscriptionArn())
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        HTTP.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
            if (error != null) {
                LOG.warn("SNS delivery of {} to {} failed: {}", pub.messageId(), sub.endpoint(), error.toString());
            } else if (response.statusCode() >= 300) {
                LOG.warn("SNS delivery of {} to {} answered {}", pub.messageId(), sub.endpoint(), response.statusCode());
            }
        });
    }

    /** The notification JSON SNS delivers, members in AWS's order. */
    static String envelope(SnsTopic.Subscription sub, Publication pub, String message) {
        ObjectNode json = SimJson.object().put("Type", "Notification").put("MessageId", pub.messageId())
                .put("TopicArn", pub.topicArn());
        if (pub.subject() != null) {
            json.put("Subject", pub.subject());
        }
        String endpoint = "https://sns." + pub.region() + ".amazonaws.com";
        json.put("Message", message).put("Timestamp", SimJson.isoMillis(pub.timestamp()))
                .put("SignatureVersion", "1")
                .put("Signature", Base64.getEncoder().encodeToString(("tripline-simulator:" + pub.messageId())
                        .getBytes(StandardCharsets.UTF_8)))
                .put("SigningCertURL", endpoint + "/SimpleNotificationService-tripline-simulator.pem")
                .put("UnsubscribeURL", endpoint + "/?Action=Unsubscribe&SubscriptionArn=" + sub.subscriptionArn());
        if (!pub.attributes().isEmpty()) {
            ObjectNode attributes = json.putObject("MessageAttributes");
            pub.attributes().forEach((name, value) -> attributes.putObject(name).put("Type", value.dataType())
                    .put("Value", value.binaryValue() != null
                            ? Base64.getEncoder().encodeToString(value.binaryValue()) : value.stringValue()));
        }
        return SimJson.write(json);
    }
}
