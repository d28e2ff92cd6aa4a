package io.tripline.enrich.sigma;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static io.tripline.enrich.sigma.CorpusEvents.json;
import static io.tripline.enrich.sigma.SigmaTestRules.rule;
import static io.tripline.enrich.sigma.SigmaTestRules.ruleSet;
import static io.tripline.enrich.sigma.SigmaTestRules.ruleYaml;
import static org.assertj.core.api.Assertions.assertThat;

/** Sigma condition expressions: operators, precedence, quantifiers, condition lists. */
class SigmaConditionTest {

    private static final JsonNode EVENT = json("{\"a\":\"1\",\"b\":\"2\",\"c\":\"3\"}");
    private static final String SEARCHES = """
            sel_a: {a: '1'}
            sel_b: {b: '2'}
            sel_x: {c: 'x'}
            filter_c: {c: '3'}
            _helper: {a: 'nope'}
            """;

    private static boolean eval(String condition) {
        return rule(SEARCHES + "condition: " + condition).matches(EVENT);
    }

    @Test
    void shouldGiveNotPrecedenceOverAndAndAndOverOr() {
        assertThat(eval("sel_x and sel_a or sel_b")).isTrue();
        assertThat(eval("sel_x and (sel_a or sel_b)")).isFalse();
        assertThat(eval("not sel_x and sel_a")).isTrue();
        assertThat(eval("not (sel_a and sel_b)")).isFalse();
        assertThat(eval("sel_a AND NOT filter_c")).isFalse();
    }

    @Test
    void shouldResolveQuantifiedSelections() {
        assertThat(eval("1 of sel_*")).isTrue();
        assertThat(eval("all of sel_*")).isFalse();
        assertThat(eval("all of sel_a*")).isTrue();
        assertThat(eval("1 of them")).isTrue();
        assertThat(eval("all of them")).isFalse();
        assertThat(eval("sel_a and not 1 of filter*")).isFalse();
    }

    @Test
    void shouldExcludeUnderscoreIdentifiersFromThem() {
        String detection = "sel_a: {a: '1'}\n_helper: {a: 'nope'}\ncondition: all of them";
        assertThat(rule(detection).matches(EVENT)).isTrue();
    }

    @Test
    void shouldTreatAConditionListAsOr() {
        String detection = SEARCHES + "condition:\n  - sel_x\n  - sel_b";
        assertThat(rule(detection).matches(EVENT)).isTrue();
    }

    @Test
    void shouldReportUnknownIdentifiersAndBrokenSyntaxAsErrors() {
        RuleSet set = ruleSet(ruleYaml("00000000-0000-0000-0000-0000000000c1", "sel: {a: '1'}\ncondition: sel and missing")
                + "---\n" + ruleYaml("00000000-0000-0000-0000-0000000000c2", "sel: {a: '1'}\ncondition: (sel and")
                + "---\n" + ruleYaml("00000000-0000-0000-0000-0000000000c3", "sel: {a: '1'}\ncondition: sel | count() > 5"));
        assertThat(set.rules()).isEmpty();
        assertThat(set.report().errors()).extracting(LoadReport.Problem::reason)
                .anySatisfy(r -> assertThat(r).contains("missing"))
                .anySatisfy(r -> assertThat(r).contains("condition"));
        assertThat(set.report().skipped()).singleElement()
                .satisfies(p -> assertThat(p.reason()).contains("aggregation"));
    }
}
