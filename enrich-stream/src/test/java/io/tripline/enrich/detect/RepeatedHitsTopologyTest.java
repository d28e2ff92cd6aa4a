package io.tripline.enrich.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.tripline.core.normalize.Json;
import io.tripline.enrich.sigma.RuleLoader;
import io.tripline.enrich.sigma.RuleSet;
import io.tripline.schema.v1.Detection;

/**
 * Suppression of repeated single-event hits in the topology: per rule and entity, within the rule's window of
 * event time either side of the newest published hit; other levels, other entities and correlation rules are
 * untouched, and the store forgets entries two windows behind stream time.
 */
class RepeatedHitsTopologyTest {

    private static final String LOW = "00000000-0000-4000-8000-00000000000a";
    private static final String HIGH = "00000000-0000-4000-8000-00000000000b";
    private static final String ALICE = "arn:aws:iam::111122223333:user/alice";
    private static final String BOB = "arn:aws:iam::111122223333:user/bob";

    private static final RuleSet RULES = new RuleLoader()
            .addYaml("low.yml", rule(LOW, "Secret read", "low"))
            .addYaml("high.yml", rule(HIGH, "Secret read, loudly", "high"))
            .build();

    @Test
    void shouldPublishTheFirstLowHitPerEntityWithinTheWindowAndEveryHighHit() {
        try (TopologyHarness topology = new TopologyHarness(new SigmaDetectionStage(RULES))) {
            topology.pipe(read("e1", ALICE, "2026-11-01T10:00:00Z"));
            topology.pipe(read("e2", ALICE, "2026-11-01T10:20:00Z"));
            topology.pipe(read("e3", ALICE, "2026-11-01T10:59:59Z"));
            topology.pipe(read("e4", BOB, "2026-11-01T10:30:00Z"));

            List<Detection> detections = topology.detections();
            assertThat(evidence(detections, LOW)).containsExactly("e1", "e4");
            assertThat(evidence(detections, HIGH)).containsExactly("e1", "e2", "e3", "e4");
            assertThat(topology.suppressedHits()).isEqualTo(2);
            assertThat(topology.ocsf()).hasSize(6);
        }
    }

    @Test
    void shouldPublishAgainOnceTheWindowHasPassedAndSuppressOutOfOrderHitsWithinIt() {
        try (TopologyHarness topology = new TopologyHarness(new SigmaDetectionStage(RULES))) {
            topology.pipe(read("e1", ALICE, "2026-11-01T10:00:00Z"));
            topology.pipe(read("e2", ALICE, "2026-11-01T11:00:00Z")); // a full window later: published
            topology.pipe(read("e3", ALICE, "2026-11-01T10:30:00Z")); // late, within a window of e2: suppressed
            topology.pipe(read("e4", ALICE, "2026-11-01T09:59:00Z")); // late, a window before e2: published
            topology.pipe(read("e5", ALICE, "2026-11-01T11:59:00Z")); // within a window of e2, the newest published

            assertThat(evidence(topology.detections(), LOW)).containsExactly("e1", "e2", "e4");
            assertThat(topology.suppressedHits()).isEqualTo(2);
        }
    }

    @Test
    void shouldPublishEveryHitWhenTurnedOffOrWhenTheRuleIsExempted() {
        Suppression exempt = Suppression.from(Map.of("rule." + LOW, "0s"));
        for (Suppression suppression : List.of(Suppression.none(), exempt)) {
            try (TopologyHarness topology = new TopologyHarness(new SigmaDetectionStage(RULES).withSuppression(suppression))) {
                topology.pipe(read("e1", ALICE, "2026-11-01T10:00:00Z"));
                topology.pipe(read("e2", ALICE, "2026-11-01T10:01:00Z"));

                assertThat(evidence(topology.detections(), LOW)).as(suppression.toString()).containsExactly("e1", "e2");
                assertThat(topology.suppressedHits()).isZero();
                assertThat(topology.suppressionKeys()).isEmpty();
            }
        }
    }

    @Test
    void shouldSuppressALevelForItsConfiguredWindow() {
        Suppression highs = Suppression.from(Map.of("high", "10m", "low", "0s"));
        try (TopologyHarness topology = new TopologyHarness(new SigmaDetectionStage(RULES).withSuppression(highs))) {
            topology.pipe(read("e1", ALICE, "2026-11-01T10:00:00Z"));
            topology.pipe(read("e2", ALICE, "2026-11-01T10:09:00Z"));
            topology.pipe(read("e3", ALICE, "2026-11-01T10:10:00Z"));

            List<Detection> detections = topology.detections();
            assertThat(evidence(detections, HIGH)).containsExactly("e1", "e3");
            assertThat(evidence(detections, LOW)).containsExactly("e1", "e2", "e3");
        }
    }

    @Test
    void shouldForgetEntriesTwoWindowsBehindStreamTime() {
        try (TopologyHarness topology = new TopologyHarness(new SigmaDetectionStage(RULES))) {
            topology.pipe(read("e1", ALICE, "2026-11-01T10:00:00Z"));
            topology.pipe(read("e2", BOB, "2026-11-01T11:30:00Z"));
            assertThat(topology.suppressionKeys()).containsExactlyInAnyOrder(LOW + "|" + ALICE, LOW + "|" + BOB);

            topology.pipe(read("e3", BOB, "2026-11-01T12:31:00Z")); // stream time past 10:00 plus two hours

            assertThat(topology.suppressionKeys()).containsExactly(LOW + "|" + BOB);
            assertThat(evidence(topology.detections(), LOW)).containsExactly("e1", "e2", "e3");
        }
    }

    @Test
    void shouldDefaultToAnHourForLowAndInformationalAndNothingForTheOtherLevels() {
        Suppression defaults = Suppression.defaults();
        assertThat(defaults.byLevel()).isEqualTo(Map.of("low", Duration.ofHours(1), "informational", Duration.ofHours(1)));
        assertThat(defaults.window(RULES.rule(LOW).orElseThrow())).isEqualTo(Duration.ofHours(1));
        assertThat(defaults.window(RULES.rule(HIGH).orElseThrow())).isZero();
    }

    private static List<String> evidence(List<Detection> detections, String rule) {
        return detections.stream().filter(d -> d.getRuleId().equals(rule)).map(d -> d.getEvidence().get(0)).toList();
    }

    private static JsonNode read(String id, String arn, String time) {
        ObjectNode record = Json.MAPPER.createObjectNode();
        record.put("eventVersion", "1.08").put("eventID", id).put("eventTime", time)
                .put("eventSource", "secretsmanager.amazonaws.com").put("eventName", "GetSecretValue")
                .put("awsRegion", "us-east-1").put("recipientAccountId", "111122223333")
                .put("sourceIPAddress", "203.0.113.9").put("eventType", "AwsApiCall");
        record.putObject("userIdentity").put("type", "IAMUser").put("arn", arn).put("accountId", "111122223333");
        return record;
    }

    private static String rule(String id, String title, String level) {
        return """
                title: %s
                id: %s
                status: test
                logsource:
                    product: aws
                    service: cloudtrail
                detection:
                    selection:
                        eventSource: secretsmanager.amazonaws.com
                        eventName: GetSecretValue
                    condition: selection
                level: %s
                """.formatted(title, id, level);
    }
}
