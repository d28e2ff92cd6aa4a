package io.tripline.stack.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.tripline.core.normalize.Json;
import io.tripline.core.testing.FuzzRun;
import io.tripline.core.testing.HostileHttp;
import io.tripline.core.testing.HostileHttp.Route;
import io.tripline.core.testing.HostileJson;
import io.tripline.core.testing.RawHttp;
import io.tripline.schema.v1.SecurityFinding;
import io.tripline.schema.v1.TrailEvent;

/**
 * Issue 9, registry API: 10,000 hostile requests (methods, paths, queries, bodies, content types, invalid
 * UTF-8, invalid Avro schemas, bodies past the 8 MB limit) against the registry over real HTTP. None gets
 * a 5xx or hangs; every rejection our handler writes is Confluent's error JSON; and the registry still
 * registers and serves a schema afterwards.
 */
class RegistryApiFuzzTest {

    private static final List<Route> ROUTES = List.of(
            new Route("GET", "/subjects"), new Route("GET", "/subjects/{}/versions"),
            new Route("POST", "/subjects/{}/versions"), new Route("POST", "/subjects/{}"),
            new Route("GET", "/subjects/{}/versions/{}"), new Route("GET", "/subjects/{}/versions/latest/schema"),
            new Route("DELETE", "/subjects/{}"), new Route("DELETE", "/subjects/{}/versions/{}"),
            new Route("GET", "/schemas/ids/{}"), new Route("GET", "/schemas/ids/{}/versions"),
            new Route("GET", "/config"), new Route("PUT", "/config"), new Route("PUT", "/config/{}"),
            new Route("POST", "/compatibility/subjects/{}/versions/{}"), new Route("GET", "/mode"), new Route("PUT", "/mode"));

    private static SchemaRegistryServer registry;

    @BeforeAll
    static void startRegistry() {
        registry = SchemaRegistryServer.startInMemory("127.0.0.1", 0);
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    @Test
    void shouldAnswerEveryHostileRequestWithA4xxOrSuccessNeverA5xxOrAHang() throws IOException {
        FuzzRun run = FuzzRun.of("registry.api");
        RegistryHttp http = new RegistryHttp(registry.url());
        String good = RegistryHttp.schemaBody(TrailEvent.getClassSchema().toString());
        assertThat(http.post("/subjects/fuzz-good-value/versions", good).status()).isEqualTo(200);

        HostileJson schemas = new HostileJson(run.random(), List.of(Json.parse(SecurityFinding.getClassSchema().toString()),
                Json.parse(TrailEvent.getClassSchema().toString())));
        HostileJson bodies = new HostileJson(run.random(), List.of(Json.parse(good),
                Json.parse("{\"compatibility\":\"BACKWARD\"}"), Json.parse("{\"mode\":\"READWRITE\"}"),
                Json.parse("{\"schema\":\"\\\"string\\\"\",\"schemaType\":\"AVRO\",\"references\":[]}")));
        HostileHttp requests = new HostileHttp(run.random(), ROUTES, List.of("fuzz-good-value", "1", "latest"), bodies,
                9 * 1024 * 1024, Map.of("Accept", RegistryHttpHandler.CONTENT_TYPE));
        RawHttp client = new RawHttp("127.0.0.1", registry.port(), 30_000);
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < FuzzRun.count(); i++) {
            HostileHttp.Request request = i % 10 == 0 ? invalidSchema(schemas, i) : requests.next();
            run.count("inputs");
            RawHttp.Reply reply = client.send(request);
            run.count(reply.status() == 0 ? "closed" : reply.status() / 100 + "xx");
            String problem = problem(request, reply);
            if (problem != null) {
                failures.add(request.kind() + " " + request.method() + " " + abbreviate(request.path()) + " -> " + reply.status()
                        + " " + problem + ": " + abbreviate(reply.body()));
            }
        }
        run.report();
        assertThat(failures).as("5xx, dropped connections or malformed errors, " + run.reproduce()).isEmpty();
        assertThat(run.get("4xx")).isGreaterThan(FuzzRun.count() / 2);

        RegistryHttp.Reply again = http.post("/subjects/fuzz-after-value/versions",
                RegistryHttp.schemaBody(SecurityFinding.getClassSchema().toString()));
        assertThat(again.status()).isEqualTo(200);
        assertThat(http.get("/schemas/ids/" + again.json().path("id").asInt()).status()).isEqualTo(200);
    }

    @Test
    void shouldRefuseATenThousandDeepBodyWithAReason() {
        RegistryHttp.Reply reply = new RegistryHttp(registry.url()).post("/subjects/deep-value/versions",
                HostileJson.nested(HostileJson.DEEP, true, true));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().path("error_code").asInt()).isEqualTo(400);
        assertThat(reply.json().path("message").asText()).contains("nesting depth").contains(String.valueOf(Json.MAX_NESTING));
    }

    /**
     * What is wrong with the answer, or null. The JDK HTTP server itself answers two kinds of request
     * before the registry sees them, as Jetty does for Confluent: a request target that is not a valid URI
     * (400, then it closes, and the reset can discard the answer) and an unsupported Transfer-Encoding (501).
     */
    static String problem(HostileHttp.Request request, RawHttp.Reply reply) {
        boolean httpLayer = !validUri(request.path()) || request.headers().containsKey("Transfer-Encoding")
                || request.kind() == HostileHttp.Kind.HUGE_BODY;
        if (reply.status() == 0) {
            return httpLayer ? null : "no answer";
        }
        if (reply.status() == 501 && request.headers().containsKey("Transfer-Encoding")) {
            return null;
        }
        if (reply.status() >= 500) {
            return "server error";
        }
        if (reply.status() >= 400 && !request.method().equals("HEAD") && !httpLayer) {
            if (!reply.contentType().startsWith(RegistryHttpHandler.CONTENT_TYPE)) {
                return "not Confluent's content type " + reply.contentType();
            }
            JsonNode error = Json.parse(reply.body());
            if (!error.path("error_code").isInt() || !error.path("message").isTextual()) {
                return "not Confluent's error JSON";
            }
        }
        return null;
    }

    private static boolean validUri(String path) {
        try {
            new java.net.URI(path);
            return path.chars().allMatch(c -> c < 0x80);
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    /** A registration whose schema text is a hostile mutation of a real schema. */
    private static HostileHttp.Request invalidSchema(HostileJson schemas, int i) {
        String schema = schemas.next().text();
        byte[] body = Json.write(Json.MAPPER.createObjectNode().put("schema", schema)).getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", RegistryHttpHandler.CONTENT_TYPE);
        return new HostileHttp.Request(HostileHttp.Kind.BAD_BODY, "POST",
                ("/subjects/fuzz-" + (i % 50) + "-value/versions").getBytes(StandardCharsets.UTF_8), headers, body);
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }
}
