package io.tripline.enrich.sigma;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.tripline.core.normalize.Json;
import io.tripline.core.normalize.NormalizationException;

/**
 * The topology evaluates rules on a projection of each record ({@link RuleSet#parse}): only the fields the
 * rules read are built. It must give exactly what the whole record gives: the same rule hits, and the same
 * group keys and counted values for every correlation a hit feeds.
 */
class FieldProjectionTest {

    @Test
    void shouldMatchEveryCorpusRecordAsTheWholeRecordDoes() throws IOException {
        assumeTrue(CorpusEvents.available(), "shared corpus not present");
        RuleSet rules = fullPack();
        List<String> records = new ArrayList<>();
        try (Stream<Path> files = Files.list(CorpusEvents.ROOT.resolve("cloudtrail"))) {
            files.sorted().forEach(file -> CorpusEvents.readLines(file)
                    .forEach(line -> records.add(CorpusEvents.unwrap(line).toString())));
        }
        try (InputStream in = getClass().getResourceAsStream("/sigmahq-cases.jsonl")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    records.add(Json.parse(line).get("event").toString());
                }
            }
        }

        int hits = 0;
        int grouped = 0;
        for (String raw : records) {
            JsonNode whole = Json.parse(raw);
            JsonNode projected = rules.parse(raw);
            List<SigmaMatch> expected = rules.match(whole);
            assertThat(rules.match(projected)).as("hits on %s", raw).isEqualTo(expected);
            for (SigmaMatch match : expected) {
                for (CorrelationRule correlation : match.correlations()) {
                    assertThat(correlation.groupKey(match.rule(), projected)).as("%s group of %s", correlation.id(), raw)
                            .isEqualTo(correlation.groupKey(match.rule(), whole));
                    assertThat(correlation.countedValue(match.rule(), projected)).isEqualTo(correlation.countedValue(match.rule(), whole));
                    assertThat(rules.matchFor(correlation, projected)).isEqualTo(rules.matchFor(correlation, whole));
                    grouped++;
                }
            }
            hits += expected.size();
        }
        assertThat(records).hasSizeGreaterThan(200);
        assertThat(hits).as("rule hits compared").isGreaterThan(100);
        assertThat(grouped).as("correlation inputs compared").isPositive();
    }

    @Test
    void shouldBuildOnlyTheFieldsTheRulesRead() {
        RuleSet rules = fullPack();
        String raw = """
                {"eventVersion":"1.08","eventTime":"2026-11-01T10:00:00Z","eventSource":"s3.amazonaws.com",
                 "eventName":"GetObject","awsRegion":"us-east-1","sourceIPAddress":"198.51.100.7",
                 "userIdentity":{"type":"IAMUser","arn":"arn:aws:iam::111122223333:user/carol","accountId":"111122223333"},
                 "requestParameters":{"bucketName":"b","key":"k"},
                 "additionalEventData":{"bytesTransferredOut":123,"x-amz-id-2":"abc"},"tlsDetails":{"tlsVersion":"TLSv1.3"}}""";

        JsonNode projected = rules.parse(raw);

        assertThat(projected.get("eventName").asText()).isEqualTo("GetObject");
        assertThat(projected.at("/userIdentity/type").asText()).isEqualTo("IAMUser");
        assertThat(projected.has("tlsDetails")).as("a field no rule reads").isFalse();
        assertThat(projected.has("eventVersion")).isFalse();
        assertThat(projected.size()).isLessThan(Json.parse(raw).size());
    }

    @Test
    void shouldKeepPathsThroughArraysElementByElement() {
        FieldProjection projection = FieldProjection.of(List.of("requestParameters.ipPermissions.items.ipRanges.items.cidrIp"));
        String raw = """
                {"requestParameters":{"groupId":"sg-1","ipPermissions":{"items":[
                  {"ipProtocol":"tcp","ipRanges":{"items":[{"cidrIp":"0.0.0.0/0","description":"x"}]}},
                  {"ipProtocol":"udp","ipRanges":{"items":[{"cidrIp":"10.0.0.0/8"},{"cidrIp":"::/0"}]}}]}}}""";

        JsonNode projected = projection.parse(raw);

        assertThat(FieldPath.of("requestParameters.ipPermissions.items.ipRanges.items.cidrIp").values(projected))
                .extracting(JsonNode::asText).containsExactly("0.0.0.0/0", "10.0.0.0/8", "::/0");
        assertThat(projected.toString()).doesNotContain("ipProtocol", "description", "groupId");
    }

    @Test
    void shouldKeepAWholeSubtreeWhereAPathEndsAndAFlattenedKeySpellingAPath() {
        FieldProjection projection = FieldProjection.of(List.of("requestParameters.policyDocument", "a.b.c"));
        String raw = """
                {"requestParameters":{"policyDocument":{"Statement":[{"Effect":"Allow","Action":"*","n":1.5,"big":12345678901234}]},
                 "other":1},"a":{"b.c":"flat","x":2},"z":true}""";

        JsonNode projected = projection.parse(raw);
        JsonNode whole = Json.parse(raw);

        assertThat(projected.at("/requestParameters/policyDocument")).isEqualTo(whole.at("/requestParameters/policyDocument"));
        assertThat(FieldPath.of("a.b.c").values(projected)).extracting(JsonNode::asText).containsExactly("flat");
        assertThat(projected.has("z")).isFalse();
        assertThat(projected.at("/requestParameters").has("other")).isFalse();
    }

    @Test
    void shouldBuildTheNodeTypesAWholeParseBuilds() {
        FieldProjection projection = FieldProjection.of(List.of("v"));
        String raw = """
                {"v":[1, 12345678901, 123456789012345678901234567890, 1.25, -0.0, 1e400, "s", true, false, null, {}, []]}""";

        assertThat(projection.parse(raw)).isEqualTo(Json.parse(raw));
        assertThat(FieldProjection.everything().parse(raw)).isEqualTo(Json.parse(raw));
    }

    @Test
    void shouldRejectInvalidJsonAlsoInsideASkippedSubtree() {
        FieldProjection projection = FieldProjection.of(List.of("eventName"));

        assertThatThrownBy(() -> projection.parse("{\"eventName\":\"x\",\"skipped\":{\"a\":[1,2}}"))
                .isInstanceOf(NormalizationException.class).hasMessageStartingWith("not valid JSON");
        assertThatThrownBy(() -> projection.parse("{\"eventName\":\"x\""))
                .isInstanceOf(NormalizationException.class).hasMessageStartingWith("not valid JSON");
    }

    @Test
    void shouldReadTheWholeRecordWhenARuleSearchesKeywords() {
        RuleSet keywords = SigmaTestRules.ruleSet(SigmaTestRules.ruleYaml("kw", """
                    keywords:
                      - 'evil.example'
                    condition: keywords
                """));
        String raw = "{\"eventName\":\"GetObject\",\"deep\":{\"deeper\":[\"https://evil.example/x\"]}}";

        assertThat(keywords.parse(raw)).isEqualTo(Json.parse(raw));
        assertThat(keywords.match(keywords.parse(raw))).hasSize(1);
    }

    private static RuleSet fullPack() {
        RuleLoader loader = new RuleLoader(Map.of("Legitimate_Countries", List.of("DE"),
                "Legitimate_IP_Ranges", List.of("198.51.100.*"))).addClasspathPack();
        if (CorpusEvents.available()) {
            List<JsonNode> sigmaHq = CorpusEvents.readLines(CorpusEvents.ROOT.resolve("reference/sigma_aws_rules.jsonl"));
            for (int i = 0; i < sigmaHq.size(); i++) {
                loader.addDocument("sigma_aws_rules.jsonl:" + (i + 1), sigmaHq.get(i));
            }
        }
        return loader.build();
    }
}
