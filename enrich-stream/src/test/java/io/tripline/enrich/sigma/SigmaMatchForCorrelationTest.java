package io.tripline.enrich.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.tripline.enrich.detect.DetectionStages;
import io.tripline.enrich.detect.SigmaDetectionStage;

/**
 * The correlation processor matches a candidate event again, against the rules its correlation references
 * only: that must give exactly what the full match gives for those rules, in the same order.
 */
class SigmaMatchForCorrelationTest {

    @Test
    void shouldMatchTheReferencedRulesExactlyAsTheFullMatchDoes() throws Exception {
        RuleSet rules = ((SigmaDetectionStage) DetectionStages.fromRules(null, Map.of(), warning -> { })).rules();
        assertThat(rules.correlations()).isNotEmpty();
        List<JsonNode> events = new ArrayList<>();
        if (CorpusEvents.available()) {
            try (Stream<java.nio.file.Path> files = Files.list(CorpusEvents.ROOT.resolve("cloudtrail"))) {
                files.sorted().forEach(file -> CorpusEvents.readLines(file).forEach(line -> events.add(CorpusEvents.unwrap(line))));
            }
        }
        events.add(CorpusEvents.json("""
                {"eventVersion":"1.08","eventID":"ev-fail","eventTime":"2026-11-01T10:00:00Z","eventName":"ConsoleLogin",
                 "eventSource":"signin.amazonaws.com","awsRegion":"us-east-1","sourceIPAddress":"198.51.100.7",
                 "recipientAccountId":"111122223333",
                 "userIdentity":{"type":"IAMUser","arn":"arn:aws:iam::111122223333:user/carol","accountId":"111122223333",
                                 "userName":"carol"},
                 "responseElements":{"ConsoleLogin":"Failure"},"errorMessage":"Failed authentication"}"""));

        int referencedHits = 0;
        for (JsonNode event : events) {
            List<SigmaMatch> all = rules.match(event);
            for (CorrelationRule correlation : rules.correlations()) {
                List<SigmaMatch> expected = all.stream().filter(m -> m.correlations().contains(correlation)).toList();
                assertThat(rules.matchFor(correlation, event)).as("%s on %s", correlation.id(), event.path("eventID"))
                        .isEqualTo(expected);
                referencedHits += expected.size();
            }
        }
        assertThat(referencedHits).as("events that feed a correlation rule").isPositive();
    }
}
