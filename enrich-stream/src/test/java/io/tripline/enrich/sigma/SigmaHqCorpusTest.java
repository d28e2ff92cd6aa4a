package io.tripline.enrich.sigma;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

import static io.tripline.enrich.sigma.CorpusEvents.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Loads SigmaHQ's AWS CloudTrail rules from the shared corpus unmodified (one JSON rule per line)
 * and checks that the only skips are documented ones, then spot-checks verdicts on corpus events.
 */
class SigmaHqCorpusTest {

    private static final Logger LOG = LoggerFactory.getLogger(SigmaHqCorpusTest.class);
    private static RuleSet sigmaHq;
    private static int lines;

    @BeforeAll
    static void load() {
        assumeTrue(CorpusEvents.available(), "shared corpus not present");
        List<JsonNode> rules = CorpusEvents.readLines(CorpusEvents.ROOT.resolve("reference/sigma_aws_rules.jsonl"));
        lines = rules.size();
        RuleLoader loader = new RuleLoader();
        for (int i = 0; i < rules.size(); i++) {
            loader.addDocument("sigma_aws_rules.jsonl:" + (i + 1), rules.get(i));
        }
        sigmaHq = loader.build();
        LOG.info("SigmaHQ corpus: {} rules, {} loaded, {} skipped: {}", lines, sigmaHq.rules().size(),
                sigmaHq.report().skipped().size(), sigmaHq.report().skipped());
    }

    @Test
    void shouldLoadAllSigmaHqRulesExceptTheOneNeedingPlaceholderValues() {
        assertThat(lines).isEqualTo(58);
        assertThat(sigmaHq.report().errors()).isEmpty();
        assertThat(sigmaHq.report().skipped()).singleElement().satisfies(p -> {
            assertThat(p.ruleId()).isEqualTo("313e72de-0c0d-4d65-8c95-87f4d546eceb");
            assertThat(p.reason()).contains("%Legitimate_Countries%");
        });
        assertThat(sigmaHq.rules()).hasSize(57);
    }

    @Test
    void shouldLoadThePlaceholderRuleWhenValuesAreConfigured() {
        List<JsonNode> rules = CorpusEvents.readLines(CorpusEvents.ROOT.resolve("reference/sigma_aws_rules.jsonl"));
        RuleSet configured = new RuleLoader(java.util.Map.of(
                "Legitimate_Countries", List.of("DE"), "Legitimate_IP_Ranges", List.of("10.*")))
                .addDocument("line1", rules.get(0)).build();
        assertThat(configured.rules()).extracting(SigmaRule::id).containsExactly("313e72de-0c0d-4d65-8c95-87f4d546eceb");
    }

    @Test
    void shouldFlagStopLoggingFromTheCorpusWithSigmaHqTamperingRule() {
        // panther line 51: a successful StopLogging
        List<String> ids = sigmaHq.match(CorpusEvents.record("cloudtrail/panther_rule_tests.jsonl", 51))
                .stream().map(SigmaMatch::ruleId).toList();
        assertThat(ids).contains("4db60cc0-36fb-42b7-9b58-a5b53019fb74");
        List<String> start = sigmaHq.match(CorpusEvents.record("cloudtrail/panther_rule_tests.jsonl", 52))
                .stream().map(SigmaMatch::ruleId).toList();
        assertThat(start).doesNotContain("4db60cc0-36fb-42b7-9b58-a5b53019fb74");
    }

    @Test
    void shouldMatchRootConsoleLoginButNotAnUnrelatedCall() {
        assertThat(sigmaHq.match(CorpusEvents.record("cloudtrail/panther_rule_tests.jsonl", 85)))
                .extracting(m -> m.rule().title()).anySatisfy(t -> assertThat(t).containsIgnoringCase("root"));
        // line 86 is an assumed-role DescribeTable: not root, but SigmaHQ's broad "STS AssumeRole Misuse" fires
        assertThat(sigmaHq.match(CorpusEvents.record("cloudtrail/panther_rule_tests.jsonl", 86)))
                .extracting(SigmaMatch::ruleId).containsExactly("905d389b-b853-46d0-9d3d-dea0d3a3cd49");
    }

    @Test
    void shouldReturnMatchesInRuleIdOrder() {
        JsonNode event = json("""
                {"eventSource":"cloudtrail.amazonaws.com","eventName":"StopLogging","userIdentity":{"type":"Root"}}""");
        List<String> ids = sigmaHq.match(event).stream().map(SigmaMatch::ruleId).toList();
        assertThat(ids).isSorted().isNotEmpty();
    }
}
