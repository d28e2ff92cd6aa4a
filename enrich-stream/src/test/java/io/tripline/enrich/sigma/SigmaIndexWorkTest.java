package io.tripline.enrich.sigma;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static io.tripline.enrich.sigma.CorpusEvents.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Counts work instead of timing it: the number of rule evaluations per event must follow the
 * candidate buckets of the index, not the number of loaded rules. (Timing belongs in bench/.)
 */
class SigmaIndexWorkTest {

    private static final Logger LOG = LoggerFactory.getLogger(SigmaIndexWorkTest.class);
    private static final JsonNode STOP_LOGGING = json("""
            {"eventName":"StopLogging","eventSource":"cloudtrail.amazonaws.com","userIdentity":{"type":"IAMUser"}}""");

    private static RuleLoader baseLoader() {
        RuleLoader loader = new RuleLoader().addClasspathPack();
        if (CorpusEvents.available()) {
            List<JsonNode> sigmaHq = CorpusEvents.readLines(CorpusEvents.ROOT.resolve("reference/sigma_aws_rules.jsonl"));
            for (int i = 0; i < sigmaHq.size(); i++) {
                loader.addDocument("sigmahq:" + (i + 1), sigmaHq.get(i));
            }
        }
        return loader;
    }

    /** N extra rules, each constrained to its own event name (a third of them by prefix). */
    private static RuleLoader withSynthetic(RuleLoader loader, int n) {
        for (int i = 0; i < n; i++) {
            String eventName = i % 3 == 0 ? "eventName|startswith: SyntheticPrefix" + i + "V" : "eventName: Synthetic" + i;
            String id = UUID.nameUUIDFromBytes(("synthetic-" + i).getBytes()).toString();
            loader.addYaml("synthetic-" + i, SigmaTestRules.ruleYaml(id, "sel:\n  " + eventName + "\n  userIdentity.type: IAMUser\ncondition: sel"));
        }
        return loader;
    }

    private static long evaluationsFor(RuleSet rules, JsonNode event) {
        long before = rules.evaluationCount();
        rules.match(event);
        return rules.evaluationCount() - before;
    }

    @Test
    void shouldEvaluateTheSameNumberOfRulesPerEventWhateverTheRuleCount() {
        RuleSet small = baseLoader().build();
        RuleSet large = withSynthetic(baseLoader(), 3000).build();
        assertThat(large.rules().size()).isGreaterThanOrEqualTo(small.rules().size() + 3000);

        long smallWork = evaluationsFor(small, STOP_LOGGING);
        long largeWork = evaluationsFor(large, STOP_LOGGING);
        LOG.info("rule evaluations for one StopLogging event: {} with {} rules, {} with {} rules ({} always-evaluated)",
                smallWork, small.rules().size(), largeWork, large.rules().size(), large.alwaysEvaluatedCount());
        assertThat(largeWork).isEqualTo(smallWork);
        assertThat(largeWork).isEqualTo(large.candidateCount(STOP_LOGGING));
        assertThat(largeWork).isLessThan(30);
    }

    @Test
    void shouldReachSyntheticRulesThroughTheirExactAndPrefixBuckets() {
        RuleSet large = withSynthetic(baseLoader(), 300).build();
        int always = large.alwaysEvaluatedCount();
        JsonNode exact = json("{\"eventName\":\"Synthetic17\",\"userIdentity\":{\"type\":\"IAMUser\"}}");
        JsonNode prefixed = json("{\"eventName\":\"SyntheticPrefix18V20150331\",\"userIdentity\":{\"type\":\"IAMUser\"}}");
        assertThat(evaluationsFor(large, exact)).isEqualTo(always + 1);
        assertThat(large.match(exact)).extracting(m -> m.rule().title()).contains("Test rule " + UUID.nameUUIDFromBytes("synthetic-17".getBytes()));
        assertThat(evaluationsFor(large, prefixed)).isEqualTo(always + 1);
        assertThat(large.match(prefixed)).hasSize(1);
    }

    @Test
    void shouldFindExactlyWhatEvaluatingEveryRuleFinds() throws Exception {
        assumeTrue(CorpusEvents.available(), "shared corpus not present");
        RuleSet rules = baseLoader().build();
        int events = 0;
        try (Stream<Path> files = Files.list(CorpusEvents.ROOT.resolve("cloudtrail"))) {
            for (Path file : files.sorted().toList()) {
                for (JsonNode line : CorpusEvents.readLines(file)) {
                    JsonNode event = CorpusEvents.unwrap(line);
                    List<String> indexed = rules.match(event).stream().map(SigmaMatch::ruleId).toList();
                    List<String> bruteForce = rules.rules().stream().filter(r -> r.matches(event)).map(SigmaRule::id).toList();
                    assertThat(indexed).as("event %s of %s", events, file.getFileName()).isEqualTo(bruteForce);
                    events++;
                }
            }
        }
        assertThat(events).isGreaterThan(500);
    }
}
