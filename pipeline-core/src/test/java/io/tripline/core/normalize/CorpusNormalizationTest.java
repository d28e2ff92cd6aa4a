package io.tripline.core.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.tripline.core.testing.Corpus;

/**
 * Every file of the public sample corpus goes through the doors: records in a documented shape
 * normalize, and what does not (placeholders such as "...", records without an eventID, insight
 * results) fails with a {@link NormalizationException} that names the problem, never another error.
 */
class CorpusNormalizationTest {

    private final Normalizers normalizers = new Normalizers();

    @ParameterizedTest(name = "{0}: at least {1} records normalize")
    @CsvSource({
        "guardduty/awscli_get_findings_example.jsonl, 1",
        "guardduty/cartography_mock_getfindings.jsonl, 5",
        "guardduty/cloud_custodian_eventbridge_guardduty.jsonl, 2",
        "guardduty/guardduty_soar_eventbridge_samples.jsonl, 15",
        "guardduty/panther_rule_tests.jsonl, 8",
        "guardduty/streamalert_rule_tests.jsonl, 0",
        "securityhub/asr_eventbridge_events.jsonl, 22",
        "securityhub/asr_test_findings.jsonl, 127",
        "securityhub/awscli_examples.jsonl, 2",
        "securityhub/awsdocs_guardduty_finding_in_asff.jsonl, 1",
        "securityhub/awsdocs_securityhub_examples.jsonl, 6",
        "securityhub/cloud_custodian_eventbridge_securityhub.jsonl, 3",
        "securityhub/cloud_custodian_placebo_findings.jsonl, 38",
        "securityhub/panther_rule_tests.jsonl, 10",
        "cloudtrail/awsdocs_cloudtrail_examples.jsonl, 14",
        "cloudtrail/cloud_custodian_eventbridge_cloudtrail.jsonl, 20",
        "cloudtrail/panther_rule_tests.jsonl, 407",
        "cloudtrail/streamalert_rule_tests.jsonl, 41",
    })
    void shouldNormalizeTheCorpusAndRejectTheRestWithAReason(String file, int expectedAtLeast) {
        int normalized = 0;
        List<String> unexpected = new ArrayList<>();
        for (Corpus.Line line : Corpus.lines(file)) {
            try {
                for (SourceItem item : SourceShapes.unwrap(line.json())) {
                    assertThat(normalizers.normalize(item)).isNotNull();
                    normalized++;
                }
            } catch (NormalizationException expected) {
                assertThat(expected.getMessage()).as(line.toString()).isNotBlank();
            } catch (RuntimeException e) {
                unexpected.add(line + ": " + e);
            }
        }
        assertThat(unexpected).as("failures other than NormalizationException").isEmpty();
        assertThat(normalized).isGreaterThanOrEqualTo(expectedAtLeast);
    }
}
