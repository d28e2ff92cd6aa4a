package io.tripline.enrich.ocsf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.tripline.core.normalize.Json;
import io.tripline.core.normalize.Normalizers;
import io.tripline.core.testing.Corpus;
import io.tripline.schema.v1.Detection;
import io.tripline.schema.v1.Entity;
import io.tripline.schema.v1.EntityType;
import io.tripline.schema.v1.RuleLevel;
import io.tripline.schema.v1.SecurityFinding;

/**
 * OCSF output holds to the Detection Finding (2004) attribute tables in the corpus: every attribute we
 * write exists in the class or its objects, every required one is present, and evidence is cited.
 */
class OcsfMapperTest {

    private final OcsfMapper mapper = new OcsfMapper("0.1.0");

    @Test
    void shouldWriteARulesCachedTextsExactlyAsTheGeneratorWritesAString() throws IOException {
        List<String> texts = new java.util.ArrayList<>(List.of("", "plain", "quote \" and back\\slash", "tab\tnew\nline\r",
                "control \u0001\u001f\u007f", "unicode é ü 東京 😀", "slash / and </script>", "\u2028\u2029"));
        for (io.tripline.enrich.sigma.SigmaRule rule : new io.tripline.enrich.sigma.RuleLoader().addClasspathPack().build().rules()) {
            texts.add(rule.title());
            texts.add(rule.description() == null ? "" : rule.description());
        }
        for (String text : texts) {
            assertThat(OcsfMapper.literal(text)).as(text).isEqualTo(Json.MAPPER.writeValueAsString(text));
        }
    }

    @Test
    void shouldWriteOnlyAttributesOfTheDetectionFindingClassAndAllRequiredOnes() throws IOException {
        JsonNode schema = Json.parse(Files.readString(Corpus.file("reference/ocsf/ocsf_2004_detection_finding.resolved.json")));
        JsonNode objects = Json.parse(Files.readString(Corpus.file("reference/ocsf/ocsf_key_objects.resolved.json")));
        Set<String> allowed = new HashSet<>();
        Set<String> required = new HashSet<>();
        for (JsonNode attribute : schema.get("attributes")) {
            allowed.add(attribute.get("name").asText());
            if ("required".equals(attribute.path("requirement").asText())) {
                required.add(attribute.get("name").asText());
            }
        }

        for (String json : List.of(mapper.finding(sshFinding(), OcsfActivity.CREATE), mapper.detection(detection()))) {
            JsonNode event = Json.parse(json);
            assertThat(names(event)).isSubsetOf(allowed).containsAll(required);
            for (String object : List.of("finding_info", "cloud", "metadata")) {
                assertThat(names(event.get(object))).as(object).isSubsetOf(attributeNames(objects.get(object)));
            }
            assertThat(event.get("class_uid").asInt()).isEqualTo(2004);
            assertThat(event.path("metadata").path("product").path("name").asText()).isEqualTo("Tripline");
        }
    }

    @Test
    void shouldUseOnlyEnumValuesTheSchemaDefines() throws IOException {
        JsonNode schema = Json.parse(Files.readString(Corpus.file("reference/ocsf/ocsf_2004_detection_finding.resolved.json")));
        List<String> checked = new java.util.ArrayList<>();
        for (OcsfActivity activity : OcsfActivity.values()) {
            for (String json : List.of(mapper.finding(sshFinding(), activity), mapper.detection(detection()))) {
                JsonNode event = Json.parse(json);
                for (JsonNode attribute : schema.get("attributes")) {
                    String name = attribute.get("name").asText();
                    JsonNode values = attribute.get("enum");
                    // class_uid/category_uid enums are not resolved in the corpus table; the class fixes them.
                    if (values == null || !values.isObject() || !event.has(name) || name.endsWith("class_uid")
                            || name.equals("category_uid")) {
                        continue;
                    }
                    assertThat(values.has(event.get(name).asText())).as("%s=%s", name, event.get(name)).isTrue();
                    checked.add(name);
                }
            }
        }
        assertThat(checked).contains("activity_id", "severity_id", "status_id");
    }

    @Test
    void shouldCiteEvidenceAndAttackTechniquesOfADetection() {
        JsonNode event = Json.parse(mapper.detection(detection()));
        assertThat(event.path("finding_info").path("related_events")).extracting(e -> e.get("uid").asText())
                .containsExactly("ev-1", "ev-2");
        assertThat(event.path("attacks").get(0).path("technique").path("uid").asText()).isEqualTo("T1562.008");
        assertThat(event.path("attacks").get(0).path("tactic").path("name").asText()).isEqualTo("Defense Evasion");
        assertThat(event.get("severity_id").asInt()).isEqualTo(4);
        assertThat(event.path("cloud").path("account").path("uid").asText()).isEqualTo("111122223333");
        assertThat(event.path("cloud").path("region").asText()).isEqualTo("us-east-1");
        assertThat(event.get("type_uid").asLong()).isEqualTo(200401L);
    }

    @Test
    void shouldDeriveTacticsFromGuardDutyFindingTypes() {
        JsonNode event = Json.parse(mapper.finding(sshFinding(), OcsfActivity.UPDATE));
        assertThat(event.get("activity_id").asInt()).isEqualTo(2);
        assertThat(event.path("attacks").get(0).path("tactic").path("uid").asText()).isEqualTo("TA0001");
        assertThat(event.path("finding_info").path("types").get(0).asText()).isEqualTo("UnauthorizedAccess:EC2/SSHBruteForce");
    }

    @Test
    void shouldBeByteIdenticalForTheSameInput() {
        assertThat(mapper.finding(sshFinding(), OcsfActivity.CREATE)).isEqualTo(mapper.finding(sshFinding(), OcsfActivity.CREATE));
    }

    private static SecurityFinding sshFinding() {
        JsonNode json = Corpus.lines("guardduty/cartography_mock_getfindings.jsonl").get(0).json();
        SecurityFinding finding = new Normalizers().guardDuty().normalize(json);
        return SecurityFinding.newBuilder(finding).setTypes(List.of("UnauthorizedAccess:EC2/SSHBruteForce")).build();
    }

    private static Detection detection() {
        return Detection.newBuilder()
                .setDetectionId("det-1")
                .setRuleId("rule-stop-logging")
                .setRuleTitle("CloudTrail logging stopped")
                .setLevel(RuleLevel.HIGH)
                .setTags(List.of("attack.defense-evasion", "attack.t1562.008"))
                .setEntity(Entity.newBuilder().setType(EntityType.PRINCIPAL).setId("arn:aws:iam::111122223333:user/mallory").build())
                .setAccountId("111122223333")
                .setRegion("us-east-1")
                .setEventTime(Instant.parse("2026-11-01T10:00:00Z"))
                .setEvidence(List.of("ev-1", "ev-2"))
                .build();
    }

    private static Set<String> names(JsonNode node) {
        Set<String> names = new HashSet<>();
        Iterator<String> it = node.fieldNames();
        it.forEachRemaining(names::add);
        return names;
    }

    private static Set<String> attributeNames(JsonNode object) {
        Set<String> names = new HashSet<>();
        JsonNode attributes = object.get("attributes");
        if (attributes.isArray()) {
            attributes.forEach(a -> names.add(a.get("name").asText()));
        } else {
            attributes.fieldNames().forEachRemaining(names::add);
        }
        return names;
    }
}
