package io.tripline.stack.demo;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.tripline.core.normalize.Json;
import io.tripline.simulator.AwsSimulator;
import io.tripline.simulator.core.Seedable;
import io.tripline.simulator.core.World;
import io.tripline.stack.process.ChildJvm;

/**
 * Starts the three services as separate JVMs, each from its module's build output with its own log in
 * {@code logs/}, the way the demo runs them, and gives the simulated account what they need: an IAM user
 * per service (each calls AWS as itself, as in production, so CloudTrail shows tripline-responder
 * remediating rather than the account root), and an SNS topic for notifications with an SQS queue
 * subscribed to it. Shared by the demo and the fault suite.
 */
public final class PipelineServices {

    /** The SNS topic the responder notifies and the SQS queue subscribed to it. */
    public static final String ALERTS = "tripline-alerts";
    public static final String INGEST_KEY = "AKIATRIPLINEINGEST01";
    public static final String RESPOND_KEY = "AKIATRIPLINERESPOND1";
    /** The secret key of both users where a run does not generate its own (the demo does, see DemoSecrets). */
    public static final String SIMULATED_SECRET = "simulated";
    private static final List<String> CHILD_JVM = ServiceConfigs.JVM_OPTIONS;

    private PipelineServices() {
    }

    /** Seeds the services' IAM users, with these secret keys, and the alerts topic + queue into {@code account}. */
    public static void seedAccount(AwsSimulator simulator, String account, String region, String ingestSecretKey,
                                   String respondSecretKey) {
        World world = simulator.world();
        var accountState = world.account(account);
        Seedable sqs = (Seedable) simulator.services().find("sqs").orElseThrow();
        Seedable sns = (Seedable) simulator.services().find("sns").orElseThrow();
        Seedable iam = (Seedable) simulator.services().find("iam").orElseThrow();
        iam.seed(world, accountState, null, Json.parse("{\"users\":["
                + "{\"userName\":\"tripline-ingest\",\"accessKeys\":[{\"accessKeyId\":\"" + INGEST_KEY
                + "\",\"secretAccessKey\":\"" + ingestSecretKey + "\",\"status\":\"Active\"}]},"
                + "{\"userName\":\"tripline-responder\",\"accessKeys\":[{\"accessKeyId\":\"" + RESPOND_KEY
                + "\",\"secretAccessKey\":\"" + respondSecretKey + "\",\"status\":\"Active\"}]}]}"));
        sqs.seed(world, accountState, region, Json.parse("{\"queues\":[{\"name\":\"" + ALERTS + "\"}]}"));
        sns.seed(world, accountState, region, Json.parse("{\"topics\":[{\"name\":\"" + ALERTS + "\",\"subscriptions\":"
                + "[{\"protocol\":\"sqs\",\"endpoint\":\"arn:aws:sqs:" + region + ":" + account + ":" + ALERTS + "\"}]}]}"));
    }

    /** The alerts topic's ARN in {@code account}. */
    public static String alertsTopicArn(String account, String region) {
        return "arn:aws:sns:" + region + ":" + account + ":" + ALERTS;
    }

    /** The ingest service, calling AWS with the ingest user's key. */
    public static ChildJvm ingest(Path root, Path dir, Path config, String region, String secretKey) throws IOException {
        return ChildJvm.start("ingest", root, "ingest-service", "io.tripline.ingest.IngestApplication",
                List.of("--config", config.toString()), Map.of("AWS_ACCESS_KEY_ID", INGEST_KEY,
                        "AWS_SECRET_ACCESS_KEY", secretKey, "AWS_REGION", region),
                CHILD_JVM, dir.resolve("logs/ingest.log"));
    }

    public static ChildJvm enrich(Path root, Path dir, Path config) throws IOException {
        return ChildJvm.start("enrich", root, "enrich-stream", "io.tripline.enrich.EnrichApplication",
                List.of("--config", config.toString()), Map.of(), CHILD_JVM, dir.resolve("logs/enrich.log"));
    }

    /** The responder; its AWS key is in its configuration file. */
    public static ChildJvm respond(Path root, Path dir, Path config) throws IOException {
        return ChildJvm.start("respond", root, "responder-service", "io.tripline.respond.ResponderApplication",
                List.of("--config", config.toString()), Map.of(), CHILD_JVM, dir.resolve("logs/respond.log"));
    }
}
