package io.tripline.simulator.sns;

import com.fasterxml.jackson.databind.JsonNode;
import io.tripline.simulator.core.AwsError;
import io.tripline.simulator.core.CallContext;
import io.tripline.simulator.core.SimJson;
import io.tripline.simulator.ec2.QueryParams;
import io.tripline.simulator.ec2.XmlWriter;
import io.tripline.simulator.sqs.SqsMessage;
import java.net.URI;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The SNS operations of one call. Management calls are recorded in CloudTrail; Publish is a data
 * event in AWS (not returned by LookupEvents), so it is not.
 */
final class SnsOperations {

    private static final String SOURCE = "sns.amazonaws.com";
    private static final Pattern TOPIC_NAME = Pattern.compile("[A-Za-z0-9_-]{1,256}(\\.fifo)?");
    private static final int PAGE = 100;

    private final QueryParams p;
    private final CallContext ctx;
    private final String requestId;

    SnsOperations(QueryParams p, CallContext ctx, String requestId) {
        this.p = p;
        this.ctx = ctx;
        this.requestId = requestId;
    }

    private SnsState state() {
        return SnsService.state(ctx.account(), ctx.region());
    }

    /** The topic an ARN names, possibly in another account of the simulated organization. */
    private SnsTopic topic(String arn) {
        String[] parts = arn == null ? new String[0] : arn.split(":");
        SnsTopic topic = parts.length == 6 && "sns".equals(parts[2])
                ? ctx.world().findAccount(parts[4]).map(a -> SnsService.state(a, parts[3]).find(parts[5])).orElse(null)
                : null;
        if (topic == null) {
            if (parts.length != 6) {
                throw AwsError.badRequest("InvalidParameter", "Invalid parameter: TopicArn");
            }
            throw AwsError.notFound("NotFound", "Topic does not exist");
        }
        return topic;
    }

    String createTopic() {
        String name = p.require("Name");
        if (!TOPIC_NAME.matcher(name).matches()) {
            throw AwsError.badRequest("InvalidParameter", "Invalid parameter: Topic Name");
        }
        SnsTopic topic = state().create(name);
        topic.getAttributes().putAll(p.entries("Attributes.entry", "key", "value"));
        topic.getTags().putAll(p.entries("Tags.member", "Key", "Value"));
        ctx.recordEvent(SOURCE, "CreateTopic", SimJson.object().put("name", name),
                SimJson.object().put("topicArn", topic.getArn()));
        return XmlWriter.queryResponse("CreateTopic", SnsService.NAMESPACE).leaf("TopicArn", topic.getArn())
                .finishQuery(requestId);
    }

    String deleteTopic() {
        SnsTopic topic = topic(p.require("TopicArn"));
        SnsService.state(ctx.world().account(topic.getArn().split(":")[4]), topic.getArn().split(":")[3])
                .remove(topic.getName());
        ctx.recordEvent(SOURCE, "DeleteTopic", SimJson.object().put("topicArn", topic.getArn()), null);
        return XmlWriter.queryResponse("DeleteTopic", SnsService.NAMESPACE).finishQuery(requestId);
    }

    String listTopics() {
        List<SnsTopic> all = List.copyOf(state().getTopics().values());
        int from = offset();
        int to = Math.min(all.size(), from + PAGE);
        XmlWriter xml = XmlWriter.queryResponse("ListTopics", SnsService.NAMESPACE).start("Topics");
        all.subList(Math.min(from, to), to).forEach(t -> xml.start("member").leaf("TopicArn", t.getArn()).end());
        return xml.end().leaf("NextToken", to < all.size() ? String.valueOf(to) : null).finishQuery(requestId);
    }

    String getTopicAttributes() {
        SnsTopic topic = topic(p.require("TopicArn"));
        Map<String, String> attributes = new LinkedHashMap<>(topic.getAttributes());
        attributes.put("TopicArn", topic.getArn());
        attributes.put("Owner", topic.getArn().split(":")[4]);
        attributes.putIfAbsent("DisplayName", "");
        attributes.put("SubscriptionsConfirmed", String.valueOf(topic.getSubscriptions().size()));
        attributes.put("SubscriptionsPending", "0");
        attributes.put("SubscriptionsDeleted", "0");
        XmlWriter xml = XmlWriter.queryResponse("GetTopicAttributes", SnsService.NAMESPACE).start("Attributes");
        attributes.forEach((k, v) -> xml.start("entry").leaf("key", k).leaf("value", v).end());
        return xml.finishQuery(requestId);
    }

    String subscribe() {
        SnsTopic topic = topic(p.require("TopicArn"));
        String protocol = p.require("Protocol").toLowerCase(java.util.Locale.ROOT);
        String endpoint = p.get("Endpoint");
        switch (protocol) {
            case "sqs" -> {
                if (endpoint == null || !endpoint.startsWith("arn:aws:sqs:")) {
                    throw AwsError.badRequest("InvalidParameter", "Invalid parameter: SQS endpoint ARN");
                }
            }
            case "http", "https" -> requireLoopback(endpoint);
            case "email", "email-json", "sms", "lambda", "application", "firehose" -> {
                // Accepted and listed; the simulator does not deliver to these.
            }
            default -> throw AwsError.badRequest("InvalidParameter", "Invalid parameter: Amazon SNS does not support this protocol string: " + protocol);
        }
        Map<String, String> attributes = p.entries("Attributes.entry", "key", "value");
        boolean raw = Boolean.parseBoolean(attributes.getOrDefault("RawMessageDelivery", "false"));
        SnsTopic.Subscription existing = topic.getSubscriptions().stream()
                .filter(s -> s.protocol().equals(protocol) && s.endpoint().equals(endpoint)).findFirst().orElse(null);
        SnsTopic.Subscription sub = existing != null ? existing
                : addSubscription(topic, protocol, endpoint, ctx.account().id(), raw, ctx.world().ids().uuid());
        ctx.recordEvent(SOURCE, "Subscribe", SimJson.object().put("topicArn", topic.getArn()).put("protocol", protocol)
                .put("endpoint", endpoint), SimJson.object().put("subscriptionArn", sub.subscriptionArn()));
        return XmlWriter.queryResponse("Subscribe", SnsService.NAMESPACE).leaf("SubscriptionArn", sub.subscriptionArn())
                .finishQuery(requestId);
    }

    static SnsTopic.Subscription addSubscription(SnsTopic topic, String protocol, String endpoint, String owner,
                                                 boolean raw, String id) {
        SnsTopic.Subscription sub = new SnsTopic.Subscription(topic.getArn() + ":" + id, topic.getArn(), protocol,
                endpoint, owner, raw);
        topic.getSubscriptions().add(sub);
        return sub;
    }

    private static void requireLoopback(String endpoint) {
        String host;
        try {
            host = endpoint == null ? null : URI.create(endpoint).getHost();
        } catch (IllegalArgumentException e) {
            host = null;
        }
        if (host == null || !(host.equals("127.0.0.1") || host.equals("localhost") || host.equals("[::1]"))) {
            // The simulator must never send traffic off this machine.
            throw AwsError.badRequest("InvalidParameter", "Invalid parameter: Endpoint (the simulator delivers only to"
                    + " 127.0.0.1/localhost)");
        }
    }

    String unsubscribe() {
        String arn = p.require("SubscriptionArn");
        String topicArn = arn.substring(0, Math.max(0, arn.lastIndexOf(':')));
        SnsTopic topic = topic(topicArn);
        if (!topic.getSubscriptions().removeIf(s -> s.subscriptionArn().equals(arn))) {
            throw AwsError.notFound("NotFound", "Subscription does not exist");
        }
        ctx.recordEvent(SOURCE, "Unsubscribe", SimJson.object().put("subscriptionArn", arn), null);
        return XmlWriter.queryResponse("Unsubscribe", SnsService.NAMESPACE).finishQuery(requestId);
    }

    String listSubscriptionsByTopic() {
        SnsTopic topic = topic(p.require("TopicArn"));
        List<SnsTopic.Subscription> all = List.copyOf(topic.getSubscriptions());
        int from = offset();
        int to = Math.min(all.size(), from + PAGE);
        XmlWriter xml = XmlWriter.queryResponse("ListSubscriptionsByTopic", SnsService.NAMESPACE).start("Subscriptions");
        all.subList(Math.min(from, to), to).forEach(s -> xml.start("member").leaf("SubscriptionArn", s.subscriptionArn())
                .leaf("Owner", s.owner()).leaf("Protocol", s.protocol()).leaf("Endpoint", s.endpoint())
                .leaf("TopicArn", s.topicArn()).end());
        return xml.end().leaf("NextToken", to < all.size() ? String.valueOf(to) : null).finishQuery(requestId);
    }

    String publish() {
        String arn = p.get("TopicArn") != null ? p.get("TopicArn") : p.get("TargetArn");
        if (arn == null) {
            throw AwsError.badRequest("InvalidParameter", "Invalid parameter: TopicArn or TargetArn Reason: no value for required parameter");
        }
        SnsTopic topic = topic(arn);
        String message = p.get("Message");
        if (message == null || message.isEmpty()) {
            throw AwsError.badRequest("InvalidParameter", "Invalid parameter: Empty message");
        }
        JsonNode structured = null;
        if ("json".equals(p.get("MessageStructure"))) {
            try {
                structured = SimJson.MAPPER.readTree(message);
            } catch (Exception e) {
                structured = null;
            }
            if (structured == null || !structured.isObject() || !structured.has("default")) {
                throw AwsError.badRequest("InvalidParameter", "Invalid parameter: Message Structure - No default entry in JSON message body");
            }
        }
        String subject = p.get("Subject");
        String messageId = ctx.world().ids().uuid();
        SnsDelivery.deliver(ctx.world(), topic, new SnsDelivery.Publication(messageId, topic.getArn(), subject, message,
                structured, attributes(), ctx.clock().now(), topic.getArn().split(":")[3]));
        return XmlWriter.queryResponse("Publish", SnsService.NAMESPACE).leaf("MessageId", messageId).finishQuery(requestId);
    }

    /** MessageAttributes.entry.N.Name / Value.DataType / Value.StringValue|BinaryValue. */
    private Map<String, SqsMessage.Attribute> attributes() {
        Map<String, SqsMessage.Attribute> out = new LinkedHashMap<>();
        for (QueryParams entry : p.structs("MessageAttributes.entry")) {
            String name = entry.require("Name");
            String type = entry.get("Value.DataType");
            if (type == null) {
                throw AwsError.badRequest("ParameterValueInvalid", "The message attribute '" + name + "' must contain a non-empty attribute type.");
            }
            String binary = entry.get("Value.BinaryValue");
            out.put(name, new SqsMessage.Attribute(type, entry.get("Value.StringValue"),
                    binary == null ? null : Base64.getDecoder().decode(binary)));
        }
        return out;
    }

    private int offset() {
        String token = p.get("NextToken");
        try {
            return token == null || token.isEmpty() ? 0 : Integer.parseInt(token);
        } catch (NumberFormatException e) {
            throw AwsError.badRequest("InvalidParameter", "Invalid parameter: NextToken");
        }
    }

}
