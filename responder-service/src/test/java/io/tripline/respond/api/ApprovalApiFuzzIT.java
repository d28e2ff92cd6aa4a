package io.tripline.respond.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.tripline.core.normalize.Json;
import io.tripline.core.normalize.NormalizationException;
import io.tripline.core.testing.FuzzRun;
import io.tripline.core.testing.HostileHttp;
import io.tripline.core.testing.HostileHttp.Route;
import io.tripline.core.testing.HostileJson;
import io.tripline.core.testing.RawHttp;
import io.tripline.respond.ResponderHarness;
import io.tripline.respond.action.SimulatedAws;
import io.tripline.respond.engine.TestIncidents;
import io.tripline.schema.v1.ActionState;
import io.tripline.schema.v1.RemediationAction;
import io.tripline.simulator.AwsSimulator;
import io.tripline.simulator.SimulatorOptions;

/**
 * Issue 9, approvals API: 10,000 hostile requests against {@code /actions} while an action waits for
 * approval — without a token, with wrong or malformed ones, and with the right token but hostile ids,
 * paths, queries, bodies and content types, and the right token on the waiting action with a body that
 * is not JSON. None gets a 5xx or hangs, none without the token gets a 2xx, the waiting action is never
 * approved, rejected or rolled back, and the service still answers a good request afterwards.
 */
class ApprovalApiFuzzIT {

    private static final List<Route> ROUTES = List.of(new Route("GET", "/actions"), new Route("GET", "/actions/{}"),
            new Route("POST", "/actions/{}/approve"), new Route("POST", "/actions/{}/reject"),
            new Route("POST", "/actions/{}/rollback"));
    private static final List<Route> DECISIONS = ROUTES.subList(2, 5);
    private static AwsSimulator sim;

    @BeforeAll
    static void start() {
        sim = AwsSimulator.start(SimulatorOptions.defaults().withSeed(9));
        sim.control().playScenario("ssh-brute-force");
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @Test
    void shouldRefuseEveryHostileRequestWithoutEverDecidingTheWaitingAction() throws Exception {
        FuzzRun run = FuzzRun.of("responder.approvals-api");
        try (ResponderHarness harness = new ResponderHarness(sim).with("tripline.respond.mode", "approve").start()) {
            harness.produce(TestIncidents.incident("inc-fuzz", "Instance", "i-0a1b2c3d4e5f60718", SimulatedAws.SSH_ACCOUNT, 85),
                    false);
            String waiting = harness.awaitAction(a -> a.getActionType().equals("quarantine-instance"), "proposal").getActionId();
            URI base = URI.create(harness.baseUrl());
            RawHttp client = new RawHttp(base.getHost(), base.getPort(), 30_000);
            HostileJson bodies = new HostileJson(run.random(), List.of(Json.parse("{\"actor\":\"alice@example.com\"}")));
            HostileHttp withRealIds = new HostileHttp(run.random(), ROUTES, List.of(waiting), bodies, 11 * 1024 * 1024, Map.of());
            HostileHttp withHostileIds = new HostileHttp(run.random(), ROUTES, List.of(), bodies, 11 * 1024 * 1024, Map.of());
            List<String> failures = new ArrayList<>();
            for (int i = 0; i < FuzzRun.count(); i++) {
                int pick = run.random().nextInt(10);
                String category = pick < 5 ? "no-valid-token" : pick < 9 ? "token-hostile-id" : "token-garbage-body";
                HostileHttp.Request request = switch (category) {
                    case "no-valid-token" -> withAuthorization(withRealIds.next(), badAuthorization(run.random()));
                    case "token-hostile-id" -> withAuthorization(withHostileIds.next(), "Bearer " + ResponderHarness.TOKEN);
                    default -> garbageDecision(waiting, bodies, run.random());
                };
                run.count("inputs");
                run.count(category);
                RawHttp.Reply reply = client.send(request);
                run.count(category + "." + (reply.status() == 0 ? "closed" : reply.status() / 100 + "xx"));
                boolean success = reply.status() >= 200 && reply.status() < 300;
                if (reply.status() >= 500 || reply.status() == 0 && request.kind() != HostileHttp.Kind.HUGE_BODY
                        || success && !category.equals("token-hostile-id")) {
                    String body = request.body() == null ? "" : new String(request.body(), StandardCharsets.UTF_8);
                    failures.add(category + " " + request.kind() + " " + request.method() + " " + request.path()
                            + " body " + Json.MAPPER.valueToTree(body.substring(0, Math.min(120, body.length()))) + " -> "
                            + reply.status() + " " + reply.body().substring(0, Math.min(200, reply.body().length())));
                }
            }
            RemediationAction after = harness.ledger().get(waiting).orElseThrow();
            RawHttp.Reply good = client.send(withAuthorization(new HostileHttp.Request(HostileHttp.Kind.BAD_HEADER, "GET",
                    ("/actions/" + waiting).getBytes(StandardCharsets.UTF_8), new LinkedHashMap<>(), null),
                    "Bearer " + ResponderHarness.TOKEN));
            run.report();

            assertThat(failures).as("5xx, hangs, dropped connections or successes without the token, " + run.reproduce())
                    .isEmpty();
            assertThat(after.getState()).as("the waiting action").isEqualTo(ActionState.PROPOSED);
            assertThat(harness.ledger().all()).noneMatch(a -> a.getState() == ActionState.APPROVED
                    || a.getState() == ActionState.REJECTED || a.getState() == ActionState.ROLLED_BACK);
            assertThat(good.status()).isEqualTo(200);
            assertThat(Json.parse(good.body()).path("state").asText()).isEqualTo("PROPOSED");
            assertThat(harness.serviceRunning()).isTrue();
        }
    }

    private static HostileHttp.Request withAuthorization(HostileHttp.Request request, String authorization) {
        Map<String, String> headers = new LinkedHashMap<>(request.headers());
        headers.remove("Authorization");
        if (authorization != null) {
            headers.put("Authorization", authorization);
        }
        return new HostileHttp.Request(request.kind(), request.method(), request.rawPath(), headers, request.body());
    }

    /** No token, a wrong one, or the right one in a form that is not a bearer token. */
    private static String badAuthorization(Random random) {
        String token = ResponderHarness.TOKEN;
        String[] forms = {null, "Bearer wrong-token", "Bearer " + token + "x", "Bearer " + token.substring(1), token,
            "Basic " + Base64.getEncoder().encodeToString(("api:" + token).getBytes(StandardCharsets.UTF_8)), "Bearer",
            "Bearer  ", "Token " + token, "Bearer " + token.toUpperCase(java.util.Locale.ROOT), "Bearer " + "A".repeat(4000)};
        return forms[random.nextInt(forms.length)];
    }

    /** The right token on the waiting action, with a body that is not JSON at all (and not blank). */
    private static HostileHttp.Request garbageDecision(String waiting, HostileJson bodies, Random random) {
        byte[] body = bodies.next().bytes();
        while (parses(body)) {
            body = bodies.next().bytes();
        }
        Route route = DECISIONS.get(random.nextInt(DECISIONS.size()));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("Authorization", "Bearer " + ResponderHarness.TOKEN);
        return new HostileHttp.Request(HostileHttp.Kind.BAD_BODY, route.method(),
                route.template().replace("{}", waiting).getBytes(StandardCharsets.UTF_8), headers, body);
    }

    /**
     * Whether the body is JSON (RFC 8259 lets a reader skip a leading byte order mark, and Jackson does), or
     * blank (no body, which the API reads as "no actor given").
     */
    private static boolean parses(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8).replaceFirst("^\uFEFF", "");
        if (text.isBlank()) {
            return true;
        }
        try {
            Json.parse(text);
            return true;
        } catch (NormalizationException e) {
            return false;
        }
    }
}
