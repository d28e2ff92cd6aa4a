package io.tripline.simulator.control;

import com.fasterxml.jackson.databind.JsonNode;
import io.tripline.simulator.core.SimJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A small client of the control API for other modules' tests: reset, play a scenario and wait for it,
 * move the clock, read state, counters and faults. Uses only {@code java.net.http}.
 */
public final class SimulatorControl {

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public SimulatorControl(URI endpoint) {
        this.base = endpoint;
    }

    public JsonNode reset() {
        return send("POST", "/reset", "");
    }

    /** Loads and starts a scenario: a built-in name, a file path, or inline YAML/JSON. */
    public JsonNode playScenario(String nameOrPathOrInline) {
        return send("POST", "/scenario", nameOrPathOrInline);
    }

    public JsonNode scenarioStatus() {
        return send("GET", "/scenario/status", null);
    }

    /** Polls the scenario status until it is DONE/FAILED/STOPPED or {@code timeout} passes. */
    public JsonNode awaitScenario(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode status = scenarioStatus();
        while (!finished(status) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return status;
            }
            status = scenarioStatus();
        }
        return status;
    }

    public JsonNode clock() {
        return send("GET", "/clock", null);
    }

    public JsonNode advanceClock(Duration by) {
        return send("POST", "/clock/advance?by=" + by, "");
    }

    public JsonNode pauseClock() {
        return send("POST", "/clock/pause", "");
    }

    public JsonNode startClock() {
        return send("POST", "/clock/start", "");
    }

    public JsonNode clockSpeed(double factor) {
        return send("POST", "/clock/speed?factor=" + factor, "");
    }

    public JsonNode state() {
        return send("GET", "/state", null);
    }

    public JsonNode counters() {
        return send("GET", "/counters", null);
    }

    public JsonNode faults() {
        return send("GET", "/faults", null);
    }

    /** Replaces the fault settings, e.g. {@code {"seed":1,"rules":[{"service":"guardduty","throttleRate":0.5}]}}. */
    public JsonNode putFaults(String settingsJson) {
        return send("PUT", "/faults", settingsJson);
    }

    private static boolean finished(JsonNode status) {
        String state = status.path("state").asText();
        return state.equals("DONE") || state.equals("FAILED") || state.equals("STOPPED");
    }

    private JsonNode send(String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("/_tripline" + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = SimJson.parse(response.body());
            if (response.statusCode() >= 400) {
                throw new IllegalStateException("Control API " + method + " " + path + " answered "
                        + response.statusCode() + ": " + json.path("error").asText());
            }
            return json;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted calling the control API", e);
        }
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
