package io.tripline.enrich.sigma;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Every SigmaHQ AWS rule of the shared corpus, loaded unmodified, against hand-built CloudTrail
 * records ({@code sigmahq-cases.jsonl}): each rule must fire on at least one matching record and stay
 * silent on at least one near miss (the same record with one meaningful change). Cases carrying a
 * {@code gap} document where the upstream rule, or the engine, does not do what the rule's title
 * promises on real CloudTrail; they are asserted as they behave today and listed in
 * {@link #DOCUMENTED_GAPS}, so a fix shows up as a failing case rather than silently.
 */
class SigmaHqRuleCoverageTest {

    private static final Path RULE_FILE = CorpusEvents.ROOT.resolve("reference/sigma_aws_rules.jsonl");
    private static final String CASE_FILE = "/sigmahq-cases.jsonl";

    private static final String CONSOLE_LOGIN_MONITORING = "313e72de-0c0d-4d65-8c95-87f4d546eceb";

    /** Values for the one SigmaHQ AWS rule that uses {@code |expand}. */
    private static final Map<String, List<String>> PLACEHOLDERS = Map.of(
            "Legitimate_Countries", List.of("DE", "FR"),
            "Legitimate_IP_Ranges", List.of("198.51.100.*"));

    /**
     * Rules with {@code gap} cases and why. The first three cannot fire on any real CloudTrail record;
     * their positive case is the record the rule literally asks for.
     */
    private static final Map<String, String> DOCUMENTED_GAPS = Map.ofEntries(
            entry("ccd6a6c8-bb4e-4a91-9d2a-07e632819374",
                    "never fires on CloudTrail: requires a 'status: success' member CloudTrail does not write"),
            entry("3940b5f1-3f46-44aa-b746-ebe615b879e0",
                    "never fires on CloudTrail: expects eventSource route53.amazonaws.com, domains are logged as route53domains"),
            entry("b056de1a-6e6e-4e40-a67e-97c9808cf41b",
                    "never fires on CloudTrail: expects eventSource route53.amazonaws.com, domains are logged as route53domains"),
            entry(CONSOLE_LOGIN_MONITORING,
                    "filters on src_ip/src_country, which CloudTrail does not write: legitimate logins are not excluded"),
            entry("0a5177f4-6ca9-44c2-aacf-d3f3d8b6e4d2",
                    "filter lacks |fieldref: self-created access keys are not excluded"),
            entry("055fb148-60f8-462d-ad16-26926ce050f1",
                    "fieldref compares a whole ARN with a user name: self-service changes are not excluded"),
            entry("1ab3c5ed-5baf-417b-bb6b-78ca33f6c3df",
                    "misses the UserData.Value form of ModifyInstanceAttribute"),
            entry("78b3756a-7804-4ef7-8555-7b9024a02e2d",
                    "three of its event names are API names CloudTrail never writes (PutBucketEncryption etc. are missed)"));

    private record Case(String rule, boolean expected, String description, String gap, JsonNode event) {

        boolean positive() {
            return expected && gap == null;
        }

        boolean nearMiss() {
            return !expected && gap == null;
        }
    }

    private static List<JsonNode> ruleDocuments;
    private static RuleSet configured;

    @BeforeAll
    static void load() {
        assumeTrue(CorpusEvents.available(), "shared corpus not present");
        ruleDocuments = CorpusEvents.readLines(RULE_FILE);
        configured = load(new RuleLoader(PLACEHOLDERS));
    }

    private static RuleSet load(RuleLoader loader) {
        for (int i = 0; i < ruleDocuments.size(); i++) {
            loader.addDocument("sigma_aws_rules.jsonl:" + (i + 1), ruleDocuments.get(i));
        }
        return loader.build();
    }

    @Test
    void shouldSkipOnlyThePlaceholderRuleAndNameThePlaceholderWhenNoValuesAreConfigured() {
        RuleSet unconfigured = load(new RuleLoader());

        assertThat(unconfigured.report().errors()).isEmpty();
        assertThat(unconfigured.report().skipped()).singleElement().satisfies(p -> {
            assertThat(p.ruleId()).isEqualTo(CONSOLE_LOGIN_MONITORING);
            assertThat(p.reason()).contains("%Legitimate_Countries%");
        });
        assertThat(unconfigured.rules()).hasSize(ruleDocuments.size() - 1);
    }

    @Test
    void shouldLoadEveryRuleOfTheFileWhenPlaceholderValuesAreConfigured() {
        assertThat(ruleDocuments).hasSize(58);
        assertThat(configured.report().problems()).isEmpty();
        assertThat(configured.rules()).extracting(SigmaRule::id).containsExactlyInAnyOrderElementsOf(ruleIds());
    }

    @Test
    void shouldHaveAFiringCaseAndANearMissForEveryRuleOfTheFile() {
        List<Case> cases = cases();
        Set<String> withPositive = cases.stream().filter(Case::positive).map(Case::rule).collect(Collectors.toSet());
        Set<String> withNearMiss = cases.stream().filter(Case::nearMiss).map(Case::rule).collect(Collectors.toSet());

        assertThat(withPositive).as("rules with a firing case").containsAll(ruleIds());
        assertThat(withNearMiss).as("rules with a near-miss case").containsAll(ruleIds());
        assertThat(cases).extracting(Case::rule).as("cases for rules not in the file").isSubsetOf(ruleIds());
    }

    @Test
    void shouldListEveryRuleWithADocumentedGapInTheTest() {
        Set<String> withGap = cases().stream().filter(c -> c.gap() != null).map(Case::rule)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(withGap).isEqualTo(new TreeSet<>(DOCUMENTED_GAPS.keySet()));
    }

    @Test
    void shouldBuildEveryCaseAsAFlatCloudTrailRecord() {
        for (Case c : cases()) {
            assertThat(c.event()).as(c.description()).isNotNull();
            for (String field : List.of("eventVersion", "eventID", "eventTime", "eventSource", "eventName",
                    "awsRegion", "sourceIPAddress", "userAgent", "eventType", "recipientAccountId")) {
                assertThat(c.event().path(field).isTextual()).as("%s: %s", c.description(), field).isTrue();
            }
            assertThat(c.event().path("userIdentity").path("type").isTextual()).as(c.description()).isTrue();
            assertThat(c.event().has("requestParameters")).as(c.description()).isTrue();
            assertThat(c.event().has("responseElements")).as(c.description()).isTrue();
        }
    }

    static Stream<Arguments> everyCase() {
        Map<String, String> titles = new LinkedHashMap<>();
        for (JsonNode rule : CorpusEvents.readLines(RULE_FILE)) {
            titles.put(rule.path("id").asText(), rule.path("title").asText());
        }
        return cases().stream().map(c -> arguments(
                titles.getOrDefault(c.rule(), c.rule()) + " " + (c.expected() ? "fires on " : "ignores ")
                        + c.description() + (c.gap() == null ? "" : " [documented gap]"),
                c));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyCase")
    void shouldFireExactlyWhereTheCaseSays(String name, Case c) {
        List<String> ids = configured.match(c.event()).stream().map(SigmaMatch::ruleId).toList();
        String why = c.gap() == null ? c.description() : c.description() + " (gap: " + c.gap() + ")";
        if (c.expected()) {
            assertThat(ids).as(why).contains(c.rule());
        } else {
            assertThat(ids).as(why).doesNotContain(c.rule());
        }
    }

    private static Set<String> ruleIds() {
        return ruleDocuments.stream().map(r -> r.path("id").asText()).collect(Collectors.toCollection(TreeSet::new));
    }

    private static List<Case> cases() {
        List<Case> out = new ArrayList<>();
        try (InputStream in = SigmaHqRuleCoverageTest.class.getResourceAsStream(CASE_FILE)) {
            assertThat(in).as(CASE_FILE + " on the test classpath").isNotNull();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n = CorpusEvents.json(line);
                out.add(new Case(n.path("rule").asText(), n.path("expected").asBoolean(), n.path("case").asText(),
                        n.hasNonNull("gap") ? n.get("gap").asText() : null, n.get("event")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
