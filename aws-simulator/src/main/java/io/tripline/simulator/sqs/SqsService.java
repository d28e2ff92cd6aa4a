package io.tripline.simulator.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import io.tripline.simulator.core.Account;
import io.tripline.simulator.core.AwsError;
import io.tripline.simulator.core.AwsService;
import io.tripline.simulator.core.CallContext;
import io.tripline.simulator.core.Protocol;
import io.tripline.simulator.core.Seedable;
import io.tripline.simulator.core.SimJson;
import io.tripline.simulator.core.SimRequest;
import io.tripline.simulator.core.SimResponse;
import io.tripline.simulator.core.World;
import java.net.URI;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Simulated Amazon SQS on the JSON 1.0 protocol the SDK 2.40 uses ({@code X-Amz-Target:
 * AmazonSQS.Operation}). Queue URLs are {@code http://HOST/ACCOUNT/NAME} with the host the client
 * called, so they work as-is with an endpoint override.
 */
public final class SqsService implements AwsService, Seedable {

    private static final Pattern QUEUE_NAME = Pattern.compile("[A-Za-z0-9_-]{1,80}(\\.fifo)?");

    @Override
    public String signingName() {
        return "sqs";
    }

    @Override
    public Protocol protocol() {
        return Protocol.JSON_1_0;
    }

    @Override
    public String operationName(SimRequest request) {
        return request.target();
    }

    @Override
    public SimResponse handle(SimRequest request, CallContext context) {
        String operation = request.target();
        JsonNode in = SimJson.parse(request.bodyText());
        SqsOperations ops = new SqsOperations(this, request, context);
        JsonNode out = switch (operation == null ? "" : operation) {
            case "CreateQueue" -> ops.createQueue(in);
            case "GetQueueUrl" -> ops.getQueueUrl(in);
            case "ListQueues" -> ops.listQueues(in);
            case "DeleteQueue" -> ops.deleteQueue(in);
            case "PurgeQueue" -> ops.purgeQueue(in);
            case "GetQueueAttributes" -> ops.getQueueAttributes(in);
            case "SetQueueAttributes" -> ops.setQueueAttributes(in);
            case "SendMessage" -> ops.sendMessage(in);
            case "SendMessageBatch" -> ops.sendMessageBatch(in);
            case "ReceiveMessage" -> ops.receiveMessage(in);
            case "DeleteMessage" -> ops.deleteMessage(in);
            case "DeleteMessageBatch" -> ops.deleteMessageBatch(in);
            case "ChangeMessageVisibility" -> ops.changeMessageVisibility(in);
            default -> throw new AwsError(400, "UnsupportedOperation", "Operation " + operation + " is not supported.");
        };
        return SimResponse.json10(SimJson.write(out));
    }

    /** SQS state of an account in a region. */
    public static SqsState state(Account account, String region) {
        return account.regional(region, SqsState.class, () -> new SqsState(account.id(), region));
    }

    /** The queue named by an ARN ({@code arn:aws:sqs:REGION:ACCOUNT:NAME}), in any account; for SNS fan-out. */
    public static Optional<SqsQueue> findByArn(World world, String arn) {
        String[] parts = arn == null ? new String[0] : arn.split(":");
        if (parts.length != 6 || !"sqs".equals(parts[2])) {
            return Optional.empty();
        }
        return world.findAccount(parts[4]).map(a -> state(a, parts[3]).find(parts[5]));
    }

    /** The queue a QueueUrl names; its account may differ from the caller's (cross-account queues). */
    SqsQueue queue(CallContext context, String queueUrl) {
        if (queueUrl == null || queueUrl.isEmpty()) {
            throw AwsError.badRequest("MissingParameter", "The request must contain the parameter QueueUrl.");
        }
        String path;
        try {
            path = URI.create(queueUrl).getPath();
        } catch (IllegalArgumentException e) {
            throw AwsError.badRequest("InvalidAddress", "The address " + queueUrl + " is not valid for this endpoint.");
        }
        String[] segments = path == null ? new String[0] : path.replaceAll("^/+", "").split("/");
        if (segments.length != 2) {
            throw AwsError.badRequest("InvalidAddress", "The address " + queueUrl + " is not valid for this endpoint.");
        }
        SqsQueue queue = context.world().findAccount(segments[0])
                .map(a -> state(a, context.region()).find(segments[1])).orElse(null);
        if (queue == null) {
            throw AwsError.badRequest("QueueDoesNotExist", "The specified queue does not exist.");
        }
        return queue;
    }

    static void validateName(String name) {
        if (name == null || !QUEUE_NAME.matcher(name).matches()) {
            throw AwsError.badRequest("InvalidParameterValue", "Can only include alphanumeric characters, hyphens, or "
                    + "underscores. 1 to 80 in length");
        }
    }

    @Override
    public void seed(World world, Account account, String region, JsonNode spec) {
        SqsState state = state(account, region);
        long now = world.clock().now().toEpochMilli();
        for (JsonNode node : spec.path("queues")) {
            String name = node.path("name").asText();
            validateName(name);
            SqsQueue queue = state.create(name, now);
            node.path("attributes").fields().forEachRemaining(e -> queue.getAttributes().put(e.getKey(), e.getValue().asText()));
        }
    }
}
