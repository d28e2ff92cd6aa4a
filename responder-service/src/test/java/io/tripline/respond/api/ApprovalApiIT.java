package io.tripline.respond.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.tripline.respond.ResponderHarness;
import io.tripline.respond.action.SimulatedAws;
import io.tripline.respond.aws.AwsClients;
import io.tripline.respond.engine.MutableClock;
import io.tripline.respond.engine.TestIncidents;
import io.tripline.schema.v1.ActionState;
import io.tripline.schema.v1.RemediationAction;
import io.tripline.simulator.AwsSimulator;
import io.tripline.simulator.SimulatorOptions;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.GroupIdentifier;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Approvals over real HTTP: actions in approve mode wait as PROPOSED, the API lists them and approves
 * or rejects with the configured bearer token only (401 without, 403 with a wrong one), records the
 * actor, rolls back; proposals past their TTL expire.
 */
class ApprovalApiIT {

    private static final String INSTANCE = "i-0a1b2c3d4e5f60718";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static AwsSimulator sim;
    private static AwsClients clients;
    private static Ec2Client ec2;

    @BeforeAll
    static void start() {
        sim = AwsSimulator.start(SimulatorOptions.defaults().withSeed(17));
        sim.control().playScenario("ssh-brute-force");
        clients = SimulatedAws.clients(sim);
        ec2 = clients.forAccount(SimulatedAws.SSH_ACCOUNT, "us-east-1").ec2();
    }

    @AfterAll
    static void stop() {
        clients.close();
        sim.close();
    }

    private static HttpResponse<String> call(ResponderHarness harness, String method, String path, String token, String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(harness.baseUrl() + path))
                .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> eniGroups() {
        return ec2.describeNetworkInterfaces(r -> r.networkInterfaceIds("eni-0a1b2c3d4e5f6a7b8")).networkInterfaces().get(0)
                .groups().stream().map(GroupIdentifier::groupId).toList();
    }

    @Test
    void shouldApproveWithTheRightTokenOnlyRecordTheActorAndRollBack() throws Exception {
        try (ResponderHarness harness = new ResponderHarness(sim).with("tripline.respond.mode", "approve").start()) {
            harness.produce(TestIncidents.incident("inc-approve", "Instance", INSTANCE, SimulatedAws.SSH_ACCOUNT, 85), false);
            RemediationAction pending = harness.awaitAction(a -> a.getActionType().equals("quarantine-instance"), "proposal");
            harness.awaitAction(a -> a.getActionType().equals("notify") && a.getState() == ActionState.SUCCEEDED, "notify");
            assertThat(pending.getState()).isEqualTo(ActionState.PROPOSED);
            String id = pending.getActionId();

            assertThat(call(harness, "GET", "/actions", null, null).statusCode()).isEqualTo(401);
            assertThat(call(harness, "GET", "/actions", "wrong-token-wrong-token", null).statusCode()).isEqualTo(403);
            HttpResponse<String> list = call(harness, "GET", "/actions", ResponderHarness.TOKEN, null);
            assertThat(list.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(list.body()).findValuesAsText("actionId")).contains(id);

            assertThat(call(harness, "POST", "/actions/" + id + "/approve", null, "{\"actor\":\"mallory\"}").statusCode()).isEqualTo(401);
            assertThat(call(harness, "POST", "/actions/" + id + "/approve", "x".repeat(24), "{\"actor\":\"mallory\"}").statusCode())
                    .isEqualTo(403);
            assertThat(harness.ledger().get(id).orElseThrow().getState()).isEqualTo(ActionState.PROPOSED);
            assertThat(eniGroups()).containsExactly("sg-0web1234");

            HttpResponse<String> approved = call(harness, "POST", "/actions/" + id + "/approve", ResponderHarness.TOKEN,
                    "{\"actor\":\"alice@example.com\"}");
            assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
            JsonNode view = JSON.readTree(approved.body());
            assertThat(view.path("state").asText()).isEqualTo("SUCCEEDED");
            assertThat(view.path("actor").asText()).isEqualTo("alice@example.com");
            assertThat(view.path("verified").asBoolean()).isTrue();
            assertThat(eniGroups()).containsExactly(view.path("details").path("quarantine-group").asText());

            String snapshotId = harness.ledger().all().stream().filter(a -> a.getActionType().equals("snapshot-volumes"))
                    .findFirst().orElseThrow().getActionId();
            HttpResponse<String> rejected = call(harness, "POST", "/actions/" + snapshotId + "/reject", ResponderHarness.TOKEN,
                    "{\"actor\":\"bob@example.com\"}");
            assertThat(JSON.readTree(rejected.body()).path("state").asText()).isEqualTo("REJECTED");
            assertThat(call(harness, "POST", "/actions/" + snapshotId + "/approve", ResponderHarness.TOKEN, null).statusCode())
                    .isEqualTo(409);

            HttpResponse<String> rolledBack = call(harness, "POST", "/actions/" + id + "/rollback", ResponderHarness.TOKEN,
                    "{\"actor\":\"alice@example.com\"}");
            assertThat(rolledBack.statusCode()).as(rolledBack.body()).isEqualTo(200);
            assertThat(JSON.readTree(rolledBack.body()).path("state").asText()).isEqualTo("ROLLED_BACK");
            assertThat(eniGroups()).containsExactly("sg-0web1234");

            List<Message> messages = harness.receive(Duration.ofSeconds(2));
            assertThat(messages).hasSize(1);
            String text = JSON.readTree(messages.get(0).body()).path("Message").asText();
            assertThat(text).contains("Actions pending:", "quarantine-instance " + INSTANCE + ": PROPOSED",
                    "/actions/<ACTION_ID>/approve", id);
        }
    }

    @Test
    void shouldExpireProposalsOnceTheirTtlHasPassed() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-01T03:00:00Z"));
        try (ResponderHarness harness = new ResponderHarness(sim).with("tripline.respond.mode", "approve")
                .with("tripline.respond.approval-ttl", "10m").start(clock)) {
            harness.produce(TestIncidents.incident("inc-expire", "Instance", INSTANCE, SimulatedAws.SSH_ACCOUNT, 85), false);
            RemediationAction pending = harness.awaitAction(a -> a.getIncidentId().equals("inc-expire")
                    && a.getActionType().equals("quarantine-instance"), "proposal");
            assertThat(pending.getExpiresAt()).isEqualTo(Instant.parse("2026-11-01T03:10:00Z"));

            clock.advance(Duration.ofMinutes(11));

            harness.awaitAction(a -> a.getActionId().equals(pending.getActionId()) && a.getState() == ActionState.EXPIRED,
                    "expiry");
            assertThat(call(harness, "POST", "/actions/" + pending.getActionId() + "/approve", ResponderHarness.TOKEN, null)
                    .statusCode()).isEqualTo(409);
            assertThat(eniGroups()).containsExactly("sg-0web1234");
        }
    }
}
