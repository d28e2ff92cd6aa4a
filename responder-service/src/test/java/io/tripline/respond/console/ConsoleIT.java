package io.tripline.respond.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.tripline.core.topic.Topics;
import io.tripline.respond.ResponderHarness;
import io.tripline.respond.action.SimulatedAws;
import io.tripline.respond.engine.TestIncidents;
import io.tripline.schema.v1.ActionState;
import io.tripline.schema.v1.Detection;
import io.tripline.schema.v1.Entity;
import io.tripline.schema.v1.EntityType;
import io.tripline.schema.v1.Incident;
import io.tripline.schema.v1.RemediationAction;
import io.tripline.schema.v1.RuleLevel;
import io.tripline.simulator.AwsSimulator;
import io.tripline.simulator.SimulatorOptions;
import io.tripline.stack.testing.SharedStack;

/**
 * The console over real HTTP on the running responder (approve mode, shared broker, aws-simulator):
 * login required, wrong tokens refused, incidents by score, hostile data escaped, CSRF-protected
 * decisions recorded with the logged-in operator, the audit trail.
 */
class ConsoleIT {

    private static final String INSTANCE = "i-0a1b2c3d4e5f60718";
    private static final String HOSTILE = "<script>alert('pwned')</script> on " + INSTANCE;
    private static AwsSimulator sim;
    private static ResponderHarness harness;
    private static RemediationAction quarantine;

    @BeforeAll
    static void start() throws Exception {
        sim = AwsSimulator.start(SimulatorOptions.defaults().withSeed(29));
        sim.control().playScenario("ssh-brute-force");
        harness = new ResponderHarness(sim).with("tripline.respond.mode", "approve").start();
        produceDetection(Detection.newBuilder().setDetectionId("det-ssh-1").setRuleId("aws_ec2_ssh_brute_force")
                .setRuleTitle("SSH brute force <b>from</b> 203.0.113.9").setLevel(RuleLevel.HIGH).setTags(List.of())
                .setEntity(Entity.newBuilder().setType(EntityType.INSTANCE).setId(INSTANCE).build())
                .setAccountId(SimulatedAws.SSH_ACCOUNT).setRegion("us-east-1")
                .setEventTime(Instant.parse("2026-11-01T02:01:00Z")).setFirstEventTime(null)
                .setEvidence(List.of("ct-event-0001", "ct-event-0002")).setCorrelation(null).setDescription(null).build());
        harness.produce(Incident.newBuilder(TestIncidents.incident("inc-hostile", "Instance", INSTANCE, SimulatedAws.SSH_ACCOUNT, 95))
                .setTitle(HOSTILE).setMembers(List.of("det-ssh-1", "f-unseen")).build(), false);
        harness.produce(Incident.newBuilder(TestIncidents.incident("inc-low", "ACCOUNT", SimulatedAws.USER_ACCOUNT, SimulatedAws.USER_ACCOUNT, 40))
                .setTitle("Unusual console sign-in").build(), false);
        harness.produce(Incident.newBuilder(TestIncidents.incident("inc-mid", "ACCOUNT", SimulatedAws.DATA_ACCOUNT, SimulatedAws.DATA_ACCOUNT, 75))
                .setTitle("Bucket policy made public").build(), false);
        quarantine = harness.awaitAction(a -> a.getActionType().equals("quarantine-instance"), "quarantine proposal");
        harness.awaitAction(a -> a.getActionType().equals("notify") && a.getState() == ActionState.SUCCEEDED, "notify");
        ConsoleClient client = loggedIn("carol");
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!client.get("/console/incidents").body().contains("inc-mid") && System.nanoTime() < deadline) {
            ResponderHarness.sleep(100);
        }
    }

    @AfterAll
    static void stop() {
        if (harness != null) {
            harness.close();
        }
        if (sim != null) {
            sim.close();
        }
    }

    private static void produceDetection(Detection detection) {
        SharedStack stack = SharedStack.get();
        try (KafkaProducer<String, Detection> producer = new KafkaProducer<>(new HashMap<>(stack.clientConfig()),
                Topics.DETECTIONS.keySerde(stack.serdeConfig()).serializer(),
                Topics.DETECTIONS.valueSerde(stack.serdeConfig()).serializer())) {
            producer.send(new ProducerRecord<>(harness.prefix + Topics.DETECTIONS.name(), detection.getDetectionId(), detection));
            producer.flush();
        }
    }

    private static ConsoleClient loggedIn(String user) throws Exception {
        ConsoleClient client = new ConsoleClient(harness.baseUrl());
        assertThat(client.login(user, ResponderHarness.TOKEN).statusCode()).isEqualTo(303);
        return client;
    }

    @Test
    void shouldSendVisitorsWithoutASessionToTheLoginPage() throws Exception {
        ConsoleClient anonymous = new ConsoleClient(harness.baseUrl());
        for (String page : List.of("/console", "/console/incidents", "/console/incidents/inc-hostile", "/console/approvals",
                "/console/audit")) {
            HttpResponse<String> response = anonymous.get(page);
            assertThat(response.statusCode()).as(page).isEqualTo(303);
            assertThat(response.headers().firstValue("Location")).as(page).hasValueSatisfying(l -> assertThat(l).endsWith("/console"
                    + (page.equals("/console") ? "/incidents" : "/login")));
        }
        HttpResponse<String> login = anonymous.get("/console/login");
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.body()).contains("name=\"token\"");
    }

    @Test
    void shouldSetAnHttpOnlySameSiteStrictCookieWhenTheTokenIsRight() throws Exception {
        HttpResponse<String> response = new ConsoleClient(harness.baseUrl()).login("alice@example.com", ResponderHarness.TOKEN);

        assertThat(response.statusCode()).isEqualTo(303);
        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/console/incidents"));
        assertThat(response.headers().firstValue("Set-Cookie")).hasValueSatisfying(c -> assertThat(c)
                .startsWith(ConsoleSessions.COOKIE + "=").containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Strict"));
    }

    @Test
    void shouldRefuseAWrongTokenWithAnErrorAndKeepTheApiAnswering401And403() throws Exception {
        ConsoleClient client = new ConsoleClient(harness.baseUrl());
        HttpResponse<String> refused = client.login("mallory", "not-the-token-0123456789");

        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body()).contains("That token is not accepted.");
        assertThat(refused.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(client.get("/console/incidents").statusCode()).isEqualTo(303);

        ConsoleClient api = new ConsoleClient(harness.baseUrl());
        assertThat(api.get("/actions").statusCode()).isEqualTo(401);
        HttpRequest wrong = HttpRequest.newBuilder(URI.create(harness.baseUrl() + "/actions"))
                .header("Authorization", "Bearer not-the-token-0123456789").build();
        assertThat(HttpClient.newHttpClient().send(wrong, HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(403);
    }

    @Test
    void shouldListIncidentsHighestRiskScoreFirstWithEntityStatusAndTopFactors() throws Exception {
        String page = loggedIn("alice").get("/console/incidents").body();

        assertThat(page).contains("inc-hostile", "inc-mid", "inc-low");
        assertThat(page.indexOf("data-id=\"inc-hostile\"")).isLessThan(page.indexOf("data-id=\"inc-mid\""));
        assertThat(page.indexOf("data-id=\"inc-mid\"")).isLessThan(page.indexOf("data-id=\"inc-low\""));
        assertThat(page).contains("Instance " + INSTANCE, "OPEN", "GuardDuty High finding (+40)",
                "Credential use outside AWS (+25)", "Production tag (+20)").doesNotContain("Open SSH (+5)");
    }

    @Test
    void shouldEscapeAHostileIncidentTitleAndEvidenceOnEveryPage() throws Exception {
        ConsoleClient client = loggedIn("alice");
        for (String path : List.of("/console/incidents", "/console/incidents/inc-hostile", "/console/approvals")) {
            HttpResponse<String> response = client.get(path);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).as(path).doesNotContain("<script>")
                    .contains("&lt;script&gt;alert(&#39;pwned&#39;)&lt;/script&gt;");
            assertThat(response.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                    assertThat(csp).startsWith("default-src 'none'"));
        }
        assertThat(client.get("/console/incidents/inc-hostile").body()).doesNotContain("<b>from</b>")
                .contains("SSH brute force &lt;b&gt;from&lt;/b&gt; 203.0.113.9");
    }

    @Test
    void shouldShowTheEvidenceTimelineScoreFactorsAndActionsOfAnIncident() throws Exception {
        String page = loggedIn("alice").get("/console/incidents/inc-hostile").body();

        assertThat(page).contains("2026-11-01T02:01:00Z", "rule aws_ec2_ssh_brute_force", "ct-event-0001", "ct-event-0002",
                "f-unseen", "not seen by this responder");
        assertThat(page).contains("Open SSH", "+5", "<code>f-2</code>");
        assertThat(page).contains("id=\"action-" + quarantine.getActionId() + "\"", "snapshot-volumes", "notify");
        assertThat(loggedIn("alice").get("/console/incidents/inc-nope").statusCode()).isEqualTo(404);
    }

    @Test
    void shouldRequireTheSessionsCsrfTokenToApproveAndRecordTheLoggedInOperator() throws Exception {
        String snapshot = harness.ledger().all().stream().filter(a -> a.getActionType().equals("snapshot-volumes")
                && a.getIncidentId().equals("inc-hostile")).findFirst().orElseThrow().getActionId();
        ConsoleClient dave = loggedIn("dave@example.com");
        ConsoleClient erin = loggedIn("erin@example.com");
        String erinsToken = ConsoleClient.csrf(erin.get("/console/approvals").body());
        String path = "/console/actions/" + snapshot + "/approve";

        assertThat(dave.post(path, Map.of()).statusCode()).isEqualTo(403);
        assertThat(dave.post(path, Map.of("csrf", erinsToken)).statusCode()).isEqualTo(403);
        assertThat(new ConsoleClient(harness.baseUrl()).post(path, Map.of("csrf", erinsToken)).statusCode()).isEqualTo(303);
        assertThat(harness.ledger().get(snapshot).orElseThrow().getState()).isEqualTo(ActionState.PROPOSED);

        String davesToken = ConsoleClient.csrf(dave.get("/console/approvals").body());
        HttpResponse<String> rejected = dave.post("/console/actions/" + snapshot + "/reject", Map.of("csrf", davesToken));

        assertThat(rejected.statusCode()).isEqualTo(303);
        assertThat(rejected.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).contains("/console/incidents/inc-hostile"));
        RemediationAction recorded = harness.ledger().get(snapshot).orElseThrow();
        assertThat(recorded.getState()).isEqualTo(ActionState.REJECTED);
        assertThat(recorded.getActor()).isEqualTo("dave@example.com");
        assertThat(dave.post("/console/actions/" + snapshot + "/approve", Map.of("csrf", davesToken)).statusCode()).isEqualTo(409);
    }

    @Test
    void shouldShowTheAuditTrailWithTransitionsActorsAndHashes() throws Exception {
        String page = loggedIn("alice").get("/console/audit").body();

        assertThat(page).contains("Hash chain intact", "APPROVED", "playbook:ec2-test", "SUCCEEDED", "notify");
        assertThat(page).containsPattern("EXECUTING</span>\\s*</td>|EXECUTING → ");
        assertThat(page).containsPattern("<code>[0-9a-f]{12}</code>");
    }
}
