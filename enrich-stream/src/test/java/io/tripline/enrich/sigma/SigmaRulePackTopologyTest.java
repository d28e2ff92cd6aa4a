package io.tripline.enrich.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

import io.tripline.enrich.detect.DetectionStages;
import io.tripline.enrich.detect.SigmaDetectionStage;
import io.tripline.enrich.detect.TopologyHarness;
import io.tripline.schema.v1.Detection;

/**
 * Every inline case of the rule pack, run through the whole topology: a positive case of a rule that
 * alerts on its own produces that rule's detection on tripline.detections, a negative case does not.
 */
class SigmaRulePackTopologyTest {

    private static SigmaDetectionStage stage;

    @BeforeAll
    static void load() throws Exception {
        stage = (SigmaDetectionStage) DetectionStages.fromRules(null, Map.of(), warning -> { });
    }

    @ParameterizedTest(name = "rule {0} expected {1}")
    @MethodSource("io.tripline.enrich.sigma.SigmaRulePackTest#cases")
    void shouldPublishTheRulesDetectionThroughTheTopologyExactlyForItsPositiveCases(String ruleId, boolean positive,
                                                                                     JsonNode event) {
        // Rules feeding only a non-generating correlation (single login failures) never alert alone.
        boolean alertsAlone = stage.rules().match(event).stream()
                .filter(m -> m.ruleId().equals(ruleId)).anyMatch(SigmaMatch::emitDetection);
        try (TopologyHarness topology = new TopologyHarness(stage)) {
            // The inline cases omit awsRegion, which a CloudTrail record always has and the normalizer requires.
            com.fasterxml.jackson.databind.node.ObjectNode record = event.deepCopy();
            record.putIfAbsent("awsRegion", com.fasterxml.jackson.databind.node.TextNode.valueOf("us-east-1"));
            topology.pipe(record);
            boolean published = topology.detections().stream().map(Detection::getRuleId).anyMatch(ruleId::equals);
            assertThat(published).isEqualTo(positive && alertsAlone);
            if (positive && !alertsAlone) {
                assertThat(stage.rules().match(event)).extracting(SigmaMatch::ruleId).contains(ruleId);
            }
        }
    }
}
