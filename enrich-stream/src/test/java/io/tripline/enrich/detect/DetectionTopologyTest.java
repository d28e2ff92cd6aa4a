package io.tripline.enrich.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.tripline.core.normalize.Json;
import io.tripline.enrich.topology.DetectionStage;
import io.tripline.schema.v1.Detection;
import io.tripline.schema.v1.EntityType;

/**
 * Sigma rules inside the topology: single-event rules become detections with their evidence, and
 * correlation rules fire in event time the same way whatever order the events arrive in.
 */
class DetectionTopologyTest {

    private static final String TRAIL_TAMPERING = "645cc88b-ddb0-4203-8eee-88bf6ad52103";
    private static final String USER_ARN = "arn:aws:iam::111122223333:user/mallory";
    private static DetectionStage stage;

    @BeforeAll
    static void loadRules() throws Exception {
        stage = DetectionStages.fromRules(null, Map.of(), warning -> { });
    }

    @Test
    void shouldDetectStopLoggingAndCiteTheEventAsEvidence() {
        try (TopologyHarness topology = new TopologyHarness(stage)) {
            topology.pipe(event("ev-stop", "cloudtrail.amazonaws.com", "StopLogging", "2026-11-01T10:00:00Z", null));

            List<Detection> detections = topology.detections();
            assertThat(detections).extracting(Detection::getRuleId).contains(TRAIL_TAMPERING);
            Detection tampering = detections.stream().filter(d -> d.getRuleId().equals(TRAIL_TAMPERING)).findFirst().orElseThrow();
            assertThat(tampering.getEvidence()).containsExactly("ev-stop");
            assertThat(tampering.getEntity().getType()).isEqualTo(EntityType.PRINCIPAL);
            assertThat(tampering.getEntity().getId()).isEqualTo(USER_ARN);
            JsonNode ocsf = topology.ocsf().stream()
                    .filter(o -> o.path("finding_info").path("analytic").path("uid").asText().equals(TRAIL_TAMPERING))
                    .findFirst().orElseThrow();
            assertThat(ocsf.path("finding_info").path("related_events").get(0).path("uid").asText()).isEqualTo("ev-stop");
            assertThat(ocsf.path("attacks").get(0).path("technique").path("uid").asText()).isEqualTo("T1562.008");
        }
    }

    @Test
    void shouldPublishDetectionsButNoOcsfWhenOcsfIsTurnedOff() {
        try (TopologyHarness topology = new TopologyHarness(stage, false)) {
            topology.pipe(event("ev-stop", "cloudtrail.amazonaws.com", "StopLogging", "2026-11-01T10:00:00Z", null));

            assertThat(topology.detections()).extracting(Detection::getRuleId).contains(TRAIL_TAMPERING);
            assertThat(topology.ocsf()).isEmpty();
        }
    }

    @Test
    void shouldFireALoginFailureBurstOnceWithTheSameEvidenceWhateverTheArrivalOrder() {
        List<JsonNode> failures = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            failures.add(event("fail-" + i, "signin.amazonaws.com", "ConsoleLogin",
                    Instant.parse("2026-11-01T10:00:00Z").plusSeconds(30L * i).toString(), "Failure"));
        }
        List<Detection> ordered = burstDetections(failures);
        List<JsonNode> shuffled = new ArrayList<>(failures);
        Collections.shuffle(shuffled, new Random(7));
        List<Detection> outOfOrder = burstDetections(shuffled);

        assertThat(ordered).hasSize(1);
        assertThat(ordered.get(0).getCorrelation()).isEqualTo("event_count");
        assertThat(ordered.get(0).getEvidence()).containsExactly("fail-0", "fail-1", "fail-2", "fail-3", "fail-4");
        assertThat(ordered.get(0).getEntity().getId()).isEqualTo(USER_ARN);
        assertThat(outOfOrder).hasSize(1);
        assertThat(outOfOrder.get(0).getEvidence()).hasSize(5);
    }

    @Test
    void shouldNotFireABurstSpreadBeyondTheTimespan() {
        List<JsonNode> failures = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            failures.add(event("slow-" + i, "signin.amazonaws.com", "ConsoleLogin",
                    Instant.parse("2026-11-01T10:00:00Z").plusSeconds(180L * i).toString(), "Failure"));
        }
        assertThat(burstDetections(failures)).isEmpty();
    }

    private static List<Detection> burstDetections(List<JsonNode> events) {
        try (TopologyHarness topology = new TopologyHarness(stage)) {
            events.forEach(topology::pipe);
            return topology.detections().stream().filter(d -> d.getCorrelation() != null)
                    .filter(d -> d.getEntity().getType() == EntityType.PRINCIPAL).toList();
        }
    }

    static JsonNode event(String id, String source, String name, String time, String consoleLogin) {
        ObjectNode record = Json.MAPPER.createObjectNode();
        record.put("eventVersion", "1.08").put("eventID", id).put("eventTime", time).put("eventSource", source)
                .put("eventName", name).put("awsRegion", "us-east-1").put("recipientAccountId", "111122223333")
                .put("sourceIPAddress", "203.0.113.9").put("eventType", "AwsApiCall");
        record.putObject("userIdentity").put("type", "IAMUser").put("arn", USER_ARN).put("accountId", "111122223333")
                .put("userName", "mallory");
        if (consoleLogin != null) {
            record.putObject("responseElements").put("ConsoleLogin", consoleLogin);
            record.putObject("additionalEventData").put("MFAUsed", "No");
        }
        return record;
    }
}
