package io.tripline.respond.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.micronaut.http.uri.UriMatchTemplate;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;
import io.tripline.core.testing.Loopback;
import io.tripline.respond.ResponderHarness;
import io.tripline.respond.console.ConsoleSessions;
import io.tripline.simulator.AwsSimulator;
import io.tripline.simulator.SimulatorOptions;

/**
 * Every route the responder serves, enumerated from its router so a new one cannot be forgotten: the
 * approvals API answers 401 without a token and 403 with a wrong one; the console's pages and forms send a
 * visitor without a session (or with a forged session cookie) to the login page and show nothing else, and
 * its login refuses a wrong token with 401. The server listens on 127.0.0.1 only by default.
 */
class AccessControlIT {

    /**
     * Routes anyone may reach: the console's entry (a redirect to the incident list), the login form, and
     * logging out (which only ends a session it is given).
     */
    private static final List<String> PUBLIC = List.of("GET /console", "GET /console/login", "POST /console/login",
            "POST /console/logout");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private static AwsSimulator sim;
    private static ResponderHarness harness;

    @BeforeAll
    static void start() {
        sim = AwsSimulator.start(SimulatorOptions.defaults().withSeed(23));
        harness = new ResponderHarness(sim).start();
    }

    @AfterAll
    static void stop() {
        harness.close();
        sim.close();
    }

    @Test
    void shouldRefuseEveryApiRouteWithoutTheTokenAndEveryConsolePageWithoutASession() throws Exception {
        List<UriRouteInfo<?, ?>> routes = harness.bean(Router.class).uriRoutes().toList();
        assertThat(routes).extracting(r -> r.getHttpMethodName() + " " + r.getUriMatchTemplate().toPathString())
                .contains("GET /actions", "POST /actions/{id}/approve", "GET /console/incidents");
        int guarded = 0;
        for (UriRouteInfo<?, ?> route : routes) {
            String method = route.getHttpMethodName();
            String path = concrete(route.getUriMatchTemplate());
            String name = method + " " + route.getUriMatchTemplate().toPathString();
            // Micronaut answers HEAD for every GET route: same access as the GET.
            if (PUBLIC.contains(name.replaceFirst("^HEAD ", "GET "))) {
                continue;
            }
            guarded++;
            if (path.startsWith("/actions")) {
                assertThat(call(method, path, null, null).statusCode()).as(name + " without a token").isEqualTo(401);
                assertThat(call(method, path, "Bearer wrong-token-0123456789", null).statusCode()).as(name + " with a wrong token")
                        .isEqualTo(403);
            } else {
                for (String cookie : new String[] {null, ConsoleSessions.COOKIE + "=forged-session-id"}) {
                    HttpResponse<String> response = call(method, path, "Bearer " + ResponderHarness.TOKEN, cookie);
                    assertThat(response.statusCode()).as(name + " with cookie " + cookie).isEqualTo(303);
                    assertThat(response.headers().firstValue("Location")).as(name).hasValue("/console/login");
                    assertThat(response.body()).as(name).isEmpty();
                }
            }
        }
        assertThat(guarded).as("guarded routes").isGreaterThanOrEqualTo(10);
        HttpResponse<String> login = HTTP.send(HttpRequest.newBuilder(URI.create(harness.baseUrl() + "/console/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("user=mallory&token=wrong-token-0123456789")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(401);
        assertThat(login.headers().allValues("Set-Cookie")).isEmpty();
    }

    @Test
    void shouldListenOnLoopbackOnlyByDefault() {
        EmbeddedServer server = harness.bean(EmbeddedServer.class);
        assertThat(server.getHost()).isEqualTo("127.0.0.1");
        assertThat(Loopback.assertLoopbackOnly("the responder's API", server.getPort())).as("non-loopback addresses tried")
                .isNotEmpty();
    }

    private static String concrete(UriMatchTemplate template) {
        return template.toPathString().replaceAll("\\{[^}]+}", "act-0000000000000000");
    }

    private static HttpResponse<String> call(String method, String path, String authorization, String cookie) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(harness.baseUrl() + path))
                .timeout(Duration.ofSeconds(30)).method(method, method.matches("GET|HEAD") ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(path.startsWith("/actions") ? "{\"actor\":\"mallory\"}" : "csrf=x"))
                .header("Content-Type", path.startsWith("/actions") ? "application/json" : "application/x-www-form-urlencoded");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
