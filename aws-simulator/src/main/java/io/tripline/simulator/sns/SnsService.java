package io.tripline.simulator.sns;

import com.fasterxml.jackson.databind.JsonNode;
import io.tripline.simulator.core.Account;
import io.tripline.simulator.core.AwsError;
import io.tripline.simulator.core.AwsService;
import io.tripline.simulator.core.CallContext;
import io.tripline.simulator.core.Protocol;
import io.tripline.simulator.core.Seedable;
import io.tripline.simulator.core.SimRequest;
import io.tripline.simulator.core.SimResponse;
import io.tripline.simulator.core.World;
import io.tripline.simulator.ec2.QueryParams;

/**
 * Simulated Amazon SNS (Query protocol): topics, subscriptions and Publish with fan-out to SQS queues
 * and loopback HTTP endpoints, which is how the responder's notifications reach a test or the demo.
 */
public final class SnsService implements AwsService, Seedable {

    static final String NAMESPACE = "http://sns.amazonaws.com/doc/2010-03-31/";

    @Override
    public String signingName() {
        return "sns";
    }

    @Override
    public Protocol protocol() {
        return Protocol.QUERY_XML;
    }

    @Override
    public String operationName(SimRequest request) {
        return request.formParams().get("Action");
    }

    /** SNS state of an account in a region. */
    public static SnsState state(Account account, String region) {
        return account.regional(region, SnsState.class, () -> new SnsState(account.id(), region));
    }

    @Override
    public SimResponse handle(SimRequest request, CallContext context) {
        QueryParams p = new QueryParams(request.formParams());
        String action = p.get("Action") == null ? "" : p.get("Action");
        SnsOperations ops = new SnsOperations(p, context, context.world().ids().uuid());
        String xml = switch (action) {
            case "CreateTopic" -> ops.createTopic();
            case "DeleteTopic" -> ops.deleteTopic();
            case "ListTopics" -> ops.listTopics();
            case "GetTopicAttributes" -> ops.getTopicAttributes();
            case "Subscribe" -> ops.subscribe();
            case "Unsubscribe" -> ops.unsubscribe();
            case "ListSubscriptionsByTopic" -> ops.listSubscriptionsByTopic();
            case "Publish" -> ops.publish();
            default -> throw AwsError.badRequest("InvalidAction", "The action " + action + " is not valid for this web service.");
        };
        return SimResponse.xml(200, xml);
    }

    @Override
    public void seed(World world, Account account, String region, JsonNode spec) {
        SnsState state = state(account, region);
        for (JsonNode node : spec.path("topics")) {
            SnsTopic topic = state.create(node.path("name").asText());
            node.path("tags").fields().forEachRemaining(e -> topic.getTags().put(e.getKey(), e.getValue().asText()));
            for (JsonNode sub : node.path("subscriptions")) {
                // Scenario files may write ACCOUNT for the account the topic lives in.
                String endpoint = sub.path("endpoint").asText().replace("ACCOUNT", account.id());
                SnsOperations.addSubscription(topic, sub.path("protocol").asText("sqs"), endpoint, account.id(),
                        sub.path("rawMessageDelivery").asBoolean(false), world.ids().uuid());
            }
        }
    }
}
