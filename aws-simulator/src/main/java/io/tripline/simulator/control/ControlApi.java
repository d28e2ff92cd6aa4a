package io.tripline.simulator.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.tripline.simulator.core.SimClock;
import io.tripline.simulator.core.SimJson;
import io.tripline.simulator.core.World;
import io.tripline.simulator.fault.FaultInjector;
import io.tripline.simulator.fault.FaultSettings;
import io.tripline.simulator.scenario.Scenario;
import io.tripline.simulator.scenario.ScenarioPlayer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control API under {@code /_tripline/} (no SigV4): reset, scenario load/status, clock
 * start/pause/advance/speed/set, state dump, faults get/put, counters. JSON in, JSON out; 400 with
 * {@code {"error":...}} for bad input, 404 for unknown paths.
 */
public final class ControlApi implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ControlApi.class);

    private final World world;
    private final FaultInjector faults;
    private final ScenarioPlayer scenarios;

    public ControlApi(World world, FaultInjector faults, ScenarioPlayer scenarios) {
        this.world = world;
        this.faults = faults;
        this.scenarios = scenarios;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath().substring("/_tripline".length());
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int status = 200;
            JsonNode answer;
            try {
                answer = route(method, path, query, body);
                if (answer == null) {
                    status = 404;
                    answer = SimJson.object().put("error", "No control endpoint " + method + " " + path);
                }
            } catch (IllegalArgumentException | java.time.format.DateTimeParseException e) {
                status = 400;
                answer = SimJson.object().put("error", e.getMessage());
            } catch (RuntimeException e) {
                LOG.error("Control API failure on {} {}", method, path, e);
                status = 500;
                answer = SimJson.object().put("error", String.valueOf(e.getMessage()));
            }
            byte[] bytes = SimJson.write(answer).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private JsonNode route(String method, String path, Map<String, String> query, String body) {
        SimClock clock = world.clock();
        String key = method + " " + path;
        switch (key) {
            case "POST /reset" -> {
                scenarios.stop();
                world.clear();
                world.ids().reset();
                faults.counters().clear();
                faults.configure(FaultSettings.none(faults.settings().seed(), faults.settings().enforceLimits()));
                return SimJson.object().put("reset", true);
            }
            case "POST /scenario" -> {
                if (body.isBlank()) {
                    throw new IllegalArgumentException("Body must be a scenario name, file path or inline YAML/JSON");
                }
                Scenario scenario = scenarios.load(body);
                scenarios.play(scenario);
                return SimJson.MAPPER.valueToTree(scenarios.status());
            }
            case "GET /scenario/status" -> {
                return SimJson.MAPPER.valueToTree(scenarios.status());
            }
            case "GET /clock" -> {
                return clockJson(clock);
            }
            case "POST /clock/start" -> clock.start();
            case "POST /clock/pause" -> clock.pause();
            case "POST /clock/advance" -> clock.advance(Duration.parse(required(query, "by")));
            case "POST /clock/speed" -> clock.speed(Double.parseDouble(required(query, "factor")));
            case "POST /clock/set" -> clock.set(Instant.parse(required(query, "at")));
            case "GET /state" -> {
                return StateDump.dump(world);
            }
            case "GET /faults" -> {
                return SimJson.MAPPER.valueToTree(faults.settings());
            }
            case "PUT /faults", "POST /faults" -> {
                try {
                    faults.configure(SimJson.MAPPER.readValue(body, FaultSettings.class));
                } catch (IOException e) {
                    throw new IllegalArgumentException("Bad fault settings: " + e.getMessage(), e);
                }
                return SimJson.MAPPER.valueToTree(faults.settings());
            }
            case "GET /counters" -> {
                return faults.counters().toJson();
            }
            default -> {
                return null;
            }
        }
        return clockJson(clock);
    }

    private static ObjectNode clockJson(SimClock clock) {
        return SimJson.object().put("now", clock.now().toString()).put("speed", clock.speed()).put("running", clock.running());
    }

    private static String required(Map<String, String> query, String name) {
        String value = query.get(name);
        if (value == null) {
            throw new IllegalArgumentException("Missing query parameter '" + name + "'");
        }
        return value;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return out;
    }
}
