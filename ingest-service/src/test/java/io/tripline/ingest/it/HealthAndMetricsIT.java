package io.tripline.ingest.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.micronaut.runtime.server.EmbeddedServer;
import io.tripline.core.normalize.Json;
import io.tripline.core.testing.Loopback;
import io.tripline.core.topic.Topics;
import io.tripline.simulator.AwsSimulator;
import io.tripline.simulator.SimulatorOptions;
import io.tripline.simulator.cloudtrail.CloudTrailRecorder;

/**
 * The service over real HTTP on 127.0.0.1: {@code /health} is UP while every source polls, names the
 * Security Hub source DOWN once all its calls fail (100 % 5xx injected through the simulator's control
 * API) while GuardDuty and CloudTrail keep delivering, and {@code /prometheus} carries the issue's
 * metrics with non-zero values.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HealthAndMetricsIT {

    private static final String GUARDDUTY = "guardduty/111122223333/us-east-1";
    private static final String SECURITYHUB = "securityhub/111122223333/us-east-1";
    private static final String CLOUDTRAIL = "cloudtrail/111122223333/us-east-1";

    private static AwsSimulator simulator;
    private static EmbeddedServer server;
    private static String prefix;

    @BeforeAll
    static void start() {
        simulator = AwsSimulator.start(SimulatorOptions.defaults().withSpeed(120).withEnforceLimits(true).withSeed(21));
        prefix = IngestHarness.topics("health");
        simulator.control().playScenario("ssh-brute-force");
        Map<String, Object> p = IngestHarness.properties(prefix, simulator.endpoint().toString(),
                List.of("guardduty", "securityhub", "cloudtrail"), Instant.parse("2026-10-31T00:00:00Z"));
        p.put("tripline.ingest.unhealthy-after-failures", 2);
        p.put("tripline.ingest.aws.max-attempts", 2);
        server = IngestHarness.startWithServer(p);
        simulator.control().awaitScenario(Duration.ofMinutes(2));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.getApplicationContext().close();
        }
        if (simulator != null) {
            simulator.close();
        }
    }

    private static JsonNode health() {
        HttpResponse<String> response = IngestHarness.get(server, "/health");
        JsonNode body = Json.parse(response.body());
        ((ObjectNode) body).put("httpStatus", response.statusCode());
        return body;
    }

    private static String sourceStatus(JsonNode health, String source) {
        return health.path("details").path("ingest-sources").path("details").path(source).path("status").asText();
    }

    @Test
    @Order(1)
    void shouldReportUpWhileEverySourcePollsAndTheBrokerAnswers() {
        assertThat(server.getHost()).isEqualTo("127.0.0.1");
        boolean up = IngestHarness.eventually(Duration.ofMinutes(2), () -> {
            JsonNode h = health();
            return h.path("httpStatus").asInt() == 200 && "UP".equals(h.path("status").asText())
                    && "UP".equals(sourceStatus(h, SECURITYHUB)) && !"null".equals(
                    h.path("details").path("ingest-sources").path("details").path(SECURITYHUB).path("lastSuccess").asText());
        });
        JsonNode h = health();
        assertThat(up).as("health: %s", h).isTrue();
        assertThat(h.path("details").path("kafka").path("status").asText()).isEqualTo("UP");
        assertThat(List.of(sourceStatus(h, GUARDDUTY), sourceStatus(h, CLOUDTRAIL))).containsOnly("UP");
    }

    @Test
    @Order(2)
    void shouldExposeTheIssueMetricsWithValuesAfterAPoll() {
        IngestHarness.await(Topics.RAW_CLOUDTRAIL, prefix, Duration.ofMinutes(2), r -> r.size() >= 4);
        // one record that cannot normalize (no eventSource) to give the DLQ counter a value
        ObjectNode bad = Json.MAPPER.createObjectNode().put("eventName", "Broken").putNull("eventSource");
        bad.putObject("userIdentity").put("type", "Root");
        CloudTrailRecorder.recordSupplied(simulator.world(), IngestHarness.ACCOUNT, IngestHarness.REGION, bad,
                simulator.world().clock().now());
        simulator.control().putFaults("{\"seed\":21,\"enforceLimits\":true,\"rules\":[{\"service\":\"guardduty\","
                + "\"operation\":\"*\",\"throttleRate\":0.5}]}");
        boolean complete = IngestHarness.eventually(Duration.ofMinutes(2), () -> {
            String text = IngestHarness.get(server, "/prometheus").body();
            return positive(text, "tripline_ingest_dlq_records_total", "cloudtrail")
                    && positive(text, "tripline_ingest_aws_throttles_total", "guardduty");
        });
        String text = IngestHarness.get(server, "/prometheus").body();
        assertThat(complete).as(text).isTrue();
        for (String source : List.of("guardduty", "securityhub", "cloudtrail")) {
            assertThat(positive(text, "tripline_ingest_records_published_total", "source=\"" + source + "\""))
                    .as("published by %s", source).isTrue();
            assertThat(positive(text, "tripline_ingest_poll_duration_seconds_count", "source=\"" + source + "\"")).isTrue();
            assertThat(positive(text, "tripline_ingest_cursor_lag_seconds", "source=\"" + source + "\"")).isTrue();
        }
        assertThat(text).contains("account=\"111122223333\"").contains("region=\"us-east-1\"");
        simulator.control().putFaults("{\"seed\":21,\"enforceLimits\":true,\"rules\":[]}");
    }

    @Test
    @Order(3)
    void shouldReportAFailingSourceDownWhileTheOthersKeepDelivering() {
        simulator.control().putFaults("{\"seed\":21,\"enforceLimits\":true,\"rules\":[{\"service\":\"securityhub\","
                + "\"operation\":\"*\",\"errorRate\":1.0}]}");
        boolean down = IngestHarness.eventually(Duration.ofMinutes(2), () -> "DOWN".equals(sourceStatus(health(), SECURITYHUB)));
        JsonNode h = health();
        assertThat(down).as("health: %s", h).isTrue();
        assertThat(h.path("httpStatus").asInt()).isEqualTo(503);
        assertThat(h.path("status").asText()).isEqualTo("DOWN");
        assertThat(h.path("details").path("ingest-sources").path("details").path(SECURITYHUB).path("lastError").asText())
                .isNotBlank();

        // the others go on: a new CloudTrail event arrives, and GuardDuty and CloudTrail stay UP
        ObjectNode record = Json.MAPPER.createObjectNode().put("eventSource", "iam.amazonaws.com").put("eventName", "ListUsers");
        record.putObject("userIdentity").put("type", "Root").put("arn", "arn:aws:iam::111122223333:root");
        String eventId = CloudTrailRecorder.recordSupplied(simulator.world(), IngestHarness.ACCOUNT, IngestHarness.REGION,
                record, simulator.world().clock().now()).path("eventID").asText();
        var events = IngestHarness.await(Topics.RAW_CLOUDTRAIL, prefix, Duration.ofMinutes(2),
                r -> r.stream().anyMatch(e -> e.key().equals(eventId)));
        assertThat(events).anySatisfy(e -> assertThat(e.key()).isEqualTo(eventId));
        JsonNode after = health();
        assertThat(List.of(sourceStatus(after, GUARDDUTY), sourceStatus(after, CLOUDTRAIL))).containsOnly("UP");
        assertThat(sourceStatus(after, SECURITYHUB)).isEqualTo("DOWN");
        String metrics = IngestHarness.get(server, "/prometheus").body();
        assertThat(positive(metrics, "tripline_ingest_aws_errors_total", "service=\"securityhub\"")).as(metrics).isTrue();
        assertThat(positive(metrics, "tripline_ingest_poll_failures_total", "source=\"securityhub\"")).isTrue();
    }

    /** Whether a sample of {@code metric} whose labels contain {@code label} has a value above zero. */
    static boolean positive(String exposition, String metric, String label) {
        return exposition.lines()
                .filter(line -> line.startsWith(metric + "{") && line.contains(label))
                .anyMatch(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)) > 0);
    }

    /** Health and metrics are for the operator's own scraper: loopback only unless micronaut.server.host says otherwise. */
    @Test
    @Order(4)
    void shouldListenOnLoopbackOnlyByDefault() {
        assertThat(server.getHost()).isEqualTo("127.0.0.1");
        assertThat(Loopback.assertLoopbackOnly("ingest's HTTP server", server.getPort())).as("non-loopback addresses tried")
                .isNotEmpty();
    }
}
