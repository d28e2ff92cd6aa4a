package io.tripline.simulator.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tripline.simulator.core.AwsError;
import io.tripline.simulator.core.CallContext;
import io.tripline.simulator.core.SimJson;
import io.tripline.simulator.core.SimRequest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The SQS operations of one call. Data-plane calls (Send/Receive/Delete) are not recorded in CloudTrail,
 * as in AWS where they are data events LookupEvents never returns; queue management calls are.
 */
final class SqsOperations {

    private static final String SOURCE = "sqs.amazonaws.com";
    private static final int MAX_BODY = 262_144;

    private final SqsService service;
    private final SimRequest request;
    private final CallContext ctx;

    SqsOperations(SqsService service, SimRequest request, CallContext ctx) {
        this.service = service;
        this.request = request;
        this.ctx = ctx;
    }

    private SqsState state() {
        return SqsService.state(ctx.account(), ctx.region());
    }

    private String url(SqsQueue queue) {
        String host = request.header("host") == null ? "127.0.0.1" : request.header("host");
        return "http://" + host + "/" + queue.getAccountId() + "/" + queue.getName();
    }

    private SqsQueue queue(JsonNode in) {
        return service.queue(ctx, SimJson.text(in, "QueueUrl", null));
    }

    JsonNode createQueue(JsonNode in) {
        String name = SimJson.text(in, "QueueName", null);
        SqsService.validateName(name);
        SqsQueue queue = state().create(name, ctx.clock().now().toEpochMilli());
        in.path("Attributes").fields().forEachRemaining(e -> queue.getAttributes().put(e.getKey(), e.getValue().asText()));
        ObjectNode out = SimJson.object().put("QueueUrl", url(queue));
        ctx.recordEvent(SOURCE, "CreateQueue", SimJson.object().put("queueName", name), out.deepCopy());
        return out;
    }

    JsonNode getQueueUrl(JsonNode in) {
        String name = SimJson.text(in, "QueueName", null);
        String owner = SimJson.text(in, "QueueOwnerAWSAccountId", ctx.account().id());
        SqsQueue queue = ctx.world().findAccount(owner).map(a -> SqsService.state(a, ctx.region()).find(name)).orElse(null);
        if (queue == null) {
            throw AwsError.badRequest("QueueDoesNotExist", "The specified queue does not exist.");
        }
        return SimJson.object().put("QueueUrl", url(queue));
    }

    JsonNode listQueues(JsonNode in) {
        String prefix = SimJson.text(in, "QueueNamePrefix", "");
        int max = in.path("MaxResults").asInt(1000);
        int from = Integer.parseInt(SimJson.text(in, "NextToken", "0"));
        List<SqsQueue> matching = state().getQueues().values().stream().filter(q -> q.getName().startsWith(prefix)).toList();
        ObjectNode out = SimJson.object();
        if (!matching.isEmpty()) {
            int to = Math.min(matching.size(), from + max);
            ArrayNode urls = out.putArray("QueueUrls");
            matching.subList(Math.min(from, to), to).forEach(q -> urls.add(url(q)));
            if (in.has("MaxResults") && to < matching.size()) {
                out.put("NextToken", String.valueOf(to));
            }
        }
        return out;
    }

    JsonNode deleteQueue(JsonNode in) {
        SqsQueue queue = queue(in);
        SqsService.state(ctx.world().account(queue.getAccountId()), ctx.region()).remove(queue.getName());
        ctx.recordEvent(SOURCE, "DeleteQueue", SimJson.object().put("queueUrl", url(queue)), null);
        return SimJson.object();
    }

    JsonNode purgeQueue(JsonNode in) {
        SqsQueue queue = queue(in);
        queue.purge();
        ctx.recordEvent(SOURCE, "PurgeQueue", SimJson.object().put("queueUrl", url(queue)), null);
        return SimJson.object();
    }

    JsonNode getQueueAttributes(JsonNode in) {
        SqsQueue queue = queue(in);
        List<String> names = new ArrayList<>();
        in.path("AttributeNames").forEach(n -> names.add(n.asText()));
        long[] counts = queue.counts();
        Map<String, String> all = new LinkedHashMap<>(queue.getAttributes());
        all.put("QueueArn", queue.getArn());
        all.put("ApproximateNumberOfMessages", String.valueOf(counts[0]));
        all.put("ApproximateNumberOfMessagesNotVisible", String.valueOf(counts[1]));
        all.put("ApproximateNumberOfMessagesDelayed", String.valueOf(counts[2]));
        all.put("CreatedTimestamp", String.valueOf(queue.getCreatedTimestamp() / 1000));
        all.put("LastModifiedTimestamp", String.valueOf(queue.getCreatedTimestamp() / 1000));
        ObjectNode attributes = SimJson.object();
        all.forEach((k, v) -> {
            if (names.contains("All") || names.contains(k)) {
                attributes.put(k, v);
            }
        });
        ObjectNode out = SimJson.object();
        if (!attributes.isEmpty()) {
            out.set("Attributes", attributes);
        }
        return out;
    }

    JsonNode setQueueAttributes(JsonNode in) {
        SqsQueue queue = queue(in);
        in.path("Attributes").fields().forEachRemaining(e -> queue.getAttributes().put(e.getKey(), e.getValue().asText()));
        ObjectNode params = SimJson.object().put("queueUrl", url(queue));
        params.set("attributes", in.path("Attributes").deepCopy());
        ctx.recordEvent(SOURCE, "SetQueueAttributes", params, null);
        return SimJson.object();
    }

    JsonNode sendMessage(JsonNode in) {
        return send(queue(in), in, SimJson.object());
    }

    private ObjectNode send(SqsQueue queue, JsonNode in, ObjectNode out) {
        String body = SimJson.text(in, "MessageBody", null);
        if (body == null || body.isEmpty()) {
            throw AwsError.badRequest("MissingParameter", "The request must contain the parameter MessageBody.");
        }
        if (body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_BODY) {
            throw AwsError.badRequest("InvalidParameterValue", "One or more parameters are invalid. Reason: Message must be"
                    + " shorter than 262144 bytes.");
        }
        Map<String, SqsMessage.Attribute> attributes = readAttributes(in.path("MessageAttributes"));
        int delay = in.has("DelaySeconds") ? in.get("DelaySeconds").asInt()
                : Integer.parseInt(queue.getAttributes().getOrDefault("DelaySeconds", "0"));
        SqsMessage message = queue.send(ctx.world().ids().uuid(), body, attributes, ctx.caller().principalId(),
                ctx.clock().now().toEpochMilli(), delay);
        out.put("MessageId", message.getMessageId()).put("MD5OfMessageBody", SqsMd5.ofBody(body));
        String attributesMd5 = SqsMd5.ofAttributes(attributes);
        if (attributesMd5 != null) {
            out.put("MD5OfMessageAttributes", attributesMd5);
        }
        return out;
    }

    JsonNode sendMessageBatch(JsonNode in) {
        SqsQueue queue = queue(in);
        ObjectNode out = SimJson.object();
        ArrayNode ok = out.putArray("Successful");
        ArrayNode failed = out.putArray("Failed");
        for (JsonNode entry : in.path("Entries")) {
            String id = SimJson.text(entry, "Id", null);
            try {
                ok.add(send(queue, entry, SimJson.object().put("Id", id)));
            } catch (AwsError e) {
                failed.addObject().put("Id", id).put("SenderFault", true).put("Code", e.code()).put("Message", e.getMessage());
            }
        }
        return out;
    }

    JsonNode receiveMessage(JsonNode in) {
        SqsQueue queue = queue(in);
        int max = in.path("MaxNumberOfMessages").asInt(1);
        if (max < 1 || max > 10) {
            throw AwsError.badRequest("InvalidParameterValue", "Value " + max + " for parameter MaxNumberOfMessages is"
                    + " invalid. Reason: Must be between 1 and 10, if provided.");
        }
        int wait = in.has("WaitTimeSeconds") ? in.get("WaitTimeSeconds").asInt()
                : Integer.parseInt(queue.getAttributes().getOrDefault("ReceiveMessageWaitTimeSeconds", "0"));
        if (wait < 0 || wait > 20) {
            throw AwsError.badRequest("InvalidParameterValue", "Value " + wait + " for parameter WaitTimeSeconds is"
                    + " invalid. Reason: Must be >= 0 and <= 20, if provided.");
        }
        int visibility = in.has("VisibilityTimeout") ? in.get("VisibilityTimeout").asInt()
                : Integer.parseInt(queue.getAttributes().getOrDefault("VisibilityTimeout", "30"));
        List<SqsMessage> received;
        try {
            received = queue.receive(max, visibility, TimeUnit.SECONDS.toNanos(wait), ctx.clock().now().toEpochMilli());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            received = List.of();
        }
        List<String> systemNames = names(in.path("AttributeNames"));
        systemNames.addAll(names(in.path("MessageSystemAttributeNames")));
        List<String> attributeNames = names(in.path("MessageAttributeNames"));
        ObjectNode out = SimJson.object();
        if (!received.isEmpty()) {
            ArrayNode messages = out.putArray("Messages");
            for (SqsMessage m : received) {
                messages.add(render(m, systemNames, attributeNames));
            }
        }
        return out;
    }

    private static ObjectNode render(SqsMessage m, List<String> systemNames, List<String> attributeNames) {
        ObjectNode node = SimJson.object().put("MessageId", m.getMessageId()).put("ReceiptHandle", m.receiptHandle())
                .put("MD5OfBody", SqsMd5.ofBody(m.getBody())).put("Body", m.getBody());
        Map<String, String> system = new LinkedHashMap<>();
        system.put("SenderId", m.getSenderId());
        system.put("SentTimestamp", String.valueOf(m.getSentTimestamp()));
        system.put("ApproximateReceiveCount", String.valueOf(m.getReceiveCount()));
        system.put("ApproximateFirstReceiveTimestamp", String.valueOf(m.firstReceiveTimestamp()));
        ObjectNode attrs = SimJson.object();
        system.forEach((k, v) -> {
            if (systemNames.contains("All") || systemNames.contains(k)) {
                attrs.put(k, v);
            }
        });
        if (!attrs.isEmpty()) {
            node.set("Attributes", attrs);
        }
        Map<String, SqsMessage.Attribute> selected = new LinkedHashMap<>();
        m.getAttributes().forEach((name, value) -> {
            if (wanted(name, attributeNames)) {
                selected.put(name, value);
            }
        });
        if (!selected.isEmpty()) {
            node.put("MD5OfMessageAttributes", SqsMd5.ofAttributes(selected));
            ObjectNode messageAttributes = node.putObject("MessageAttributes");
            selected.forEach((name, value) -> {
                ObjectNode v = messageAttributes.putObject(name).put("DataType", value.dataType());
                if (value.binaryValue() != null) {
                    v.put("BinaryValue", Base64.getEncoder().encodeToString(value.binaryValue()));
                } else {
                    v.put("StringValue", value.stringValue());
                }
            });
        }
        return node;
    }

    private static boolean wanted(String name, List<String> requested) {
        for (String r : requested) {
            if (r.equals("All") || r.equals(".*") || r.equals(name)
                    || (r.endsWith(".*") && name.startsWith(r.substring(0, r.length() - 1)))) {
                return true;
            }
        }
        return false;
    }

    JsonNode deleteMessage(JsonNode in) {
        SqsQueue queue = queue(in);
        String handle = SimJson.text(in, "ReceiptHandle", "");
        if (!queue.delete(handle)) {
            throw AwsError.badRequest("ReceiptHandleIsInvalid", "The input receipt handle \"" + handle + "\" is not a valid"
                    + " receipt handle.");
        }
        return SimJson.object();
    }

    JsonNode deleteMessageBatch(JsonNode in) {
        SqsQueue queue = queue(in);
        ObjectNode out = SimJson.object();
        ArrayNode ok = out.putArray("Successful");
        ArrayNode failed = out.putArray("Failed");
        for (JsonNode entry : in.path("Entries")) {
            String id = SimJson.text(entry, "Id", null);
            if (queue.delete(SimJson.text(entry, "ReceiptHandle", ""))) {
                ok.addObject().put("Id", id);
            } else {
                failed.addObject().put("Id", id).put("SenderFault", true).put("Code", "ReceiptHandleIsInvalid")
                        .put("Message", "The input receipt handle is not a valid receipt handle.");
            }
        }
        return out;
    }

    JsonNode changeMessageVisibility(JsonNode in) {
        SqsQueue queue = queue(in);
        String handle = SimJson.text(in, "ReceiptHandle", "");
        if (!queue.changeVisibility(handle, in.path("VisibilityTimeout").asInt(0))) {
            throw AwsError.badRequest("ReceiptHandleIsInvalid", "The input receipt handle \"" + handle + "\" is not a valid"
                    + " receipt handle.");
        }
        return SimJson.object();
    }

    /** Message attributes from the JSON request shape {@code {name: {DataType, StringValue|BinaryValue}}}. */
    static Map<String, SqsMessage.Attribute> readAttributes(JsonNode node) {
        Map<String, SqsMessage.Attribute> out = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> {
            JsonNode v = e.getValue();
            String type = SimJson.text(v, "DataType", null);
            if (type == null) {
                throw AwsError.badRequest("InvalidParameterValue", "The message attribute '" + e.getKey()
                        + "' must contain a non-empty attribute type.");
            }
            byte[] binary = v.hasNonNull("BinaryValue") ? Base64.getDecoder().decode(v.get("BinaryValue").asText()) : null;
            out.put(e.getKey(), new SqsMessage.Attribute(type, SimJson.text(v, "StringValue", null), binary));
        });
        return out;
    }

    private static List<String> names(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
