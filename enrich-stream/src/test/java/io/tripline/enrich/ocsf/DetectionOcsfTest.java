package io.tripline.enrich.ocsf;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.tripline.core.normalize.Json;
import io.tripline.core.testing.Corpus;
import io.tripline.enrich.sigma.RuleLoader;
import io.tripline.enrich.sigma.SigmaRule;
import io.tripline.schema.v1.Detection;
import io.tripline.schema.v1.Entity;
import io.tripline.schema.v1.EntityType;
import io.tripline.schema.v1.RuleLevel;

/**
 * A detection's OCSF text, assembled from per-rule parts, is the text Jackson writes for the same record built as a
 * tree, byte for byte: over every rule of the pack and of SigmaHQ's AWS rules, and random values, including strings that need escaping.
 */
class DetectionOcsfTest {

    private static final String[] AWKWARD = {"", "plain", "quote \" and back\\slash", "tab\tnew\nline\r",
            "control \u0001\u001f\u007f", "unicode é ü 東京 😀", "slash / and </script>", "\u2028\u2029"};

    private final OcsfMapper mapper = new OcsfMapper("0.1.0-\"dev\"");

    @Test
    void shouldWriteEveryRulesDetectionsAsJacksonWritesTheirTree() throws Exception {
        Random random = new Random(7);
        RuleLoader loader = new RuleLoader().addClasspathPack();
        for (Corpus.Line rule : Corpus.lines("reference/sigma_aws_rules.jsonl")) {
            loader.addDocument(rule.toString(), rule.json());
        }
        List<SigmaRule> rules = loader.build().rules();
        assertThat(rules).hasSizeGreaterThan(80);
        int compared = 0;
        for (SigmaRule rule : rules) {
            for (int i = 0; i < 5; i++) {
                Detection detection = detection(random, rule.id(), rule.title(), rule.description(),
                        level(rule.level()), rule.tags());
                assertThat(mapper.detection(detection)).as(rule.id()).isEqualTo(reference(detection));
                compared++;
            }
        }
        assertThat(compared).isEqualTo(rules.size() * 5);
    }

    @Test
    void shouldEscapeRuleTextsAndValuesAsTheGeneratorDoes() throws Exception {
        Random random = new Random(11);
        for (int i = 0; i < 2_000; i++) {
            RuleLevel level = RuleLevel.values()[random.nextInt(RuleLevel.values().length)];
            List<String> tags = random.nextBoolean() ? List.of("attack.persistence", "attack.t1098")
                    : random.nextBoolean() ? List.of() : List.of(awkward(random), "attack.t1562.008");
            Detection detection = detection(random, awkward(random) + i, awkward(random),
                    random.nextBoolean() ? null : awkward(random), level, tags);
            assertThat(mapper.detection(detection)).isEqualTo(reference(detection));
        }
    }

    @Test
    void shouldKeepOneTemplatePerRuleContentSoAChangedTitleIsWrittenAnew() throws Exception {
        Random random = new Random(3);
        Detection first = detection(random, "rule-1", "Old title", null, RuleLevel.HIGH, List.of("attack.impact"));
        Detection renamed = Detection.newBuilder(first).setRuleTitle("New title").build();
        assertThat(mapper.detection(first)).contains("\"title\":\"Old title\"");
        assertThat(mapper.detection(renamed)).contains("\"title\":\"New title\"").isEqualTo(reference(renamed));
    }

    private static Detection detection(Random random, String ruleId, String title, String description, RuleLevel level,
                                       List<String> tags) {
        List<String> evidence = new ArrayList<>();
        int events = 1 + random.nextInt(random.nextInt(10) == 0 ? 40 : 2);
        for (int e = 0; e < events; e++) {
            evidence.add(random.nextInt(20) == 0 ? awkward(random) : "ev-" + random.nextLong());
        }
        long time = random.nextLong(-2_000_000_000_000L, 4_000_000_000_000L);
        return Detection.newBuilder()
                .setDetectionId(random.nextInt(30) == 0 ? awkward(random) : "det-" + Long.toHexString(random.nextLong()))
                .setRuleId(ruleId)
                .setRuleTitle(title)
                .setLevel(level)
                .setTags(tags)
                .setEntity(Entity.newBuilder().setType(EntityType.values()[random.nextInt(EntityType.values().length)])
                        .setId(random.nextInt(30) == 0 ? awkward(random) : "arn:aws:iam::1111:user/u" + random.nextInt(99)).build())
                .setAccountId(random.nextInt(4) == 0 ? null : random.nextInt(30) == 0 ? awkward(random) : "111122223333")
                .setRegion(random.nextInt(4) == 0 ? null : random.nextInt(30) == 0 ? awkward(random) : "eu-west-1")
                .setEventTime(Instant.ofEpochMilli(time))
                .setFirstEventTime(random.nextBoolean() ? null : Instant.ofEpochMilli(time - random.nextInt(3_600_000)))
                .setEvidence(evidence)
                .setCorrelation(null)
                .setDescription(description)
                .build();
    }

    private static RuleLevel level(String level) {
        try {
            return RuleLevel.valueOf(level.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            return RuleLevel.UNKNOWN;
        }
    }

    private static String awkward(Random random) {
        return AWKWARD[random.nextInt(AWKWARD.length)];
    }

    /** The record as a tree in OCSF's field order (the mapping the generator wrote), written by Jackson. */
    private String reference(Detection d) throws Exception {
        int severityId = OcsfMapper.severityId(d.getLevel());
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("class_uid", 2004).put("class_name", "Detection Finding").put("category_uid", 2)
                .put("category_name", "Findings").put("activity_id", 1).put("activity_name", "Create")
                .put("type_uid", 200401L).put("type_name", "Detection Finding: Create").put("severity_id", severityId)
                .put("severity", OcsfMapper.severityCaption(severityId)).put("time", d.getEventTime().toEpochMilli());
        ObjectNode info = root.putObject("finding_info");
        info.put("uid", d.getDetectionId()).put("title", d.getRuleTitle());
        if (d.getDescription() != null) {
            info.put("desc", d.getDescription());
        }
        info.putArray("types").add("Sigma/" + d.getRuleId());
        info.put("first_seen_time", (d.getFirstEventTime() == null ? d.getEventTime() : d.getFirstEventTime()).toEpochMilli());
        info.put("last_seen_time", d.getEventTime().toEpochMilli());
        info.putObject("analytic").put("uid", d.getRuleId()).put("name", d.getRuleTitle()).put("type_id", 1).put("type", "Rule");
        ArrayNode related = info.putArray("related_events");
        d.getEvidence().forEach(id -> related.addObject().put("uid", id).put("type", "CloudTrail"));
        JsonNode attacks = attacks(d.getTags());
        if (attacks != null) {
            root.set("attacks", attacks);
        }
        ObjectNode cloud = root.putObject("cloud").put("provider", "AWS");
        if (d.getRegion() != null) {
            cloud.put("region", d.getRegion());
        }
        if (d.getAccountId() != null) {
            cloud.putObject("account").put("uid", d.getAccountId()).put("type", "AWS Account").put("type_id", 10);
        }
        root.putArray("resources").addObject().put("uid", d.getEntity().getId()).put("type", d.getEntity().getType().name());
        root.put("status_id", 1).put("status", "New").put("is_alert", true);
        root.putArray("osint");
        ObjectNode metadata = root.putObject("metadata").put("version", OcsfMapper.OCSF_VERSION).put("uid", d.getDetectionId())
                .put("original_time", d.getEventTime().toString());
        metadata.putObject("product").put("name", "Tripline").put("vendor_name", "Tripline").put("version", "0.1.0-\"dev\"");
        return Json.MAPPER.writeValueAsString(root);
    }

    /** The attacks array as the mapper derives it from tags (tested in OcsfMapperTest), as a tree. */
    private JsonNode attacks(List<String> tags) {
        String written = mapper.detection(Detection.newBuilder()
                .setDetectionId("x").setRuleId("x").setRuleTitle("x").setLevel(RuleLevel.LOW).setTags(tags)
                .setEntity(Entity.newBuilder().setType(EntityType.IP).setId("x").build())
                .setEventTime(Instant.EPOCH).setEvidence(List.of()).build());
        return Json.parse(written).get("attacks");
    }
}
