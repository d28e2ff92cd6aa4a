package io.tripline.enrich.sigma;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.tripline.enrich.sigma.CorpusEvents.json;
import static io.tripline.enrich.sigma.SigmaTestRules.ruleYaml;
import static org.assertj.core.api.Assertions.assertThat;

/** Loading from the classpath pack and directories, with per-document problem reporting. */
class SigmaRuleLoaderTest {

    private static final String GOOD = ruleYaml("11111111-1111-1111-1111-111111111111",
            "sel: {eventName: StopLogging}\ncondition: sel");

    @Test
    void shouldLoadTheClasspathPackWithoutProblems() {
        RuleSet pack = new RuleLoader().addClasspathPack().build();
        assertThat(pack.report().problems()).isEmpty();
        assertThat(pack.rules()).hasSizeGreaterThanOrEqualTo(25);
        assertThat(pack.correlations()).hasSize(3);
        assertThat(pack.rules()).allSatisfy(r -> assertThat(r.source()).startsWith("classpath:rules/"));
    }

    @Test
    void shouldReportAMalformedFileWithItsNameAndStillLoadTheOthers(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("a_good.yml"), GOOD);
        Files.writeString(dir.resolve("b_broken.yml"), "title: [unclosed\nid: x");
        Files.writeString(dir.resolve("c_no_condition.yml"), ruleYaml("22222222-2222-2222-2222-222222222222", "sel: {eventName: X}"));
        Files.writeString(dir.resolve("d_bad_modifier.yml"), ruleYaml("33333333-3333-3333-3333-333333333333",
                "sel: {eventName|sounds_like: X}\ncondition: sel"));
        Files.writeString(dir.resolve("notes.txt"), "not a rule");

        RuleSet set = new RuleLoader().addDirectory(dir).build();

        assertThat(set.rules()).extracting(SigmaRule::id).containsExactly("11111111-1111-1111-1111-111111111111");
        assertThat(set.report().errors()).hasSize(3);
        assertThat(set.report().errors()).anySatisfy(p -> {
            assertThat(p.source()).endsWith("b_broken.yml");
            assertThat(p.reason()).contains("invalid YAML");
        });
        assertThat(set.report().errors()).anySatisfy(p -> {
            assertThat(p.source()).endsWith("c_no_condition.yml");
            assertThat(p.ruleId()).isEqualTo("22222222-2222-2222-2222-222222222222");
            assertThat(p.reason()).contains("condition");
        });
        assertThat(set.report().errors()).anySatisfy(p -> assertThat(p.reason()).contains("sounds_like"));
    }

    @Test
    void shouldReportDuplicateIdsAndKeepTheFirst(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("a.yml"), GOOD);
        Files.writeString(dir.resolve("b.yml"), GOOD.replace("Test rule", "Copy of rule"));
        RuleSet set = new RuleLoader().addDirectory(dir).build();
        assertThat(set.rules()).singleElement().satisfies(r -> assertThat(r.source()).endsWith("a.yml"));
        assertThat(set.report().errors()).singleElement().satisfies(p -> {
            assertThat(p.source()).endsWith("b.yml");
            assertThat(p.reason()).contains("duplicate");
        });
    }

    @Test
    void shouldLoadEveryDocumentOfAMultiDocumentFile() {
        String yaml = GOOD + "---\n" + ruleYaml("44444444-4444-4444-4444-444444444444", "sel: {eventName: DeleteTrail}\ncondition: sel");
        RuleSet set = new RuleLoader().addYaml("multi.yml", yaml).build();
        assertThat(set.rules()).extracting(SigmaRule::source).containsExactly("multi.yml#1", "multi.yml#2");
    }

    @Test
    void shouldRejectACorrelationThatReferencesAnUnknownRule() {
        String yaml = GOOD + """
                ---
                title: Burst
                id: 55555555-5555-5555-5555-555555555555
                correlation:
                  type: event_count
                  rules: [no_such_rule]
                  group-by: [sourceIPAddress]
                  timespan: 5m
                  condition: {gte: 3}
                """;
        RuleSet set = new RuleLoader().addYaml("corr.yml", yaml).build();
        assertThat(set.correlations()).isEmpty();
        assertThat(set.report().errors()).singleElement()
                .satisfies(p -> assertThat(p.reason()).contains("no_such_rule"));
    }

    @Test
    void shouldSkipRulesForOtherLogSources() {
        String yaml = GOOD.replace("service: cloudtrail", "service: okta")
                .replace("11111111-1111-1111-1111-111111111111", "66666666-6666-6666-6666-666666666666");
        RuleSet set = new RuleLoader().addYaml("okta.yml", yaml).build();
        assertThat(set.rules()).isEmpty();
        assertThat(set.report().skipped()).singleElement().satisfies(p -> assertThat(p.reason()).contains("okta"));
    }

    @Test
    void shouldAcceptTheSameRuleAsJson() {
        RuleSet set = new RuleLoader().addDocument("rule.json", json("""
                {"id":"77777777-7777-7777-7777-777777777777","title":"JSON rule","level":"high",
                 "logsource":{"product":"aws","service":"cloudtrail"},
                 "detection":{"sel":{"eventName":"StopLogging"},"condition":"sel"}}""")).build();
        assertThat(set.match(json("{\"eventName\":\"StopLogging\"}"))).singleElement()
                .satisfies(m -> assertThat(m.rule().level()).isEqualTo("high"));
    }

    @Test
    void shouldSkipFewerThanCorrelationsBecauseTheyNeedWindowClose() {
        String yaml = GOOD.replace("Test rule", "Base").replace("title: Base", "title: Base\nname: base") + """
                ---
                title: Too quiet
                id: 88888888-8888-8888-8888-888888888888
                correlation:
                  type: event_count
                  rules: [base]
                  group-by: [sourceIPAddress]
                  timespan: 1h
                  condition: {lt: 3}
                """;
        RuleSet set = new RuleLoader().addYaml("quiet.yml", yaml).build();
        assertThat(set.rules()).hasSize(1);
        assertThat(set.correlations()).isEmpty();
        assertThat(set.report().skipped()).singleElement().satisfies(p -> assertThat(p.reason()).contains("lt"));
    }
}
