package io.tripline.enrich.sigma;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Holds Tripline's rule pack against independent upstream unit tests: for every corpus label whose
 * rule is mapped (rules-tests/label-mapping.json) to a Tripline rule of the same intent, the rule's
 * verdict must equal the label. Exclusions need a written reason in the mapping file.
 */
class SigmaLabelAgreementTest {

    private static final Logger LOG = LoggerFactory.getLogger(SigmaLabelAgreementTest.class);
    private static RuleSet pack;
    private static JsonNode mapping;

    @BeforeAll
    static void load() throws IOException {
        pack = new RuleLoader().addClasspathPack().build();
        try (InputStream in = SigmaLabelAgreementTest.class.getResourceAsStream("/rules-tests/label-mapping.json")) {
            mapping = CorpusEvents.JSON.readTree(in);
        }
    }

    @Test
    void shouldAgreeWithEveryMappedUpstreamLabel() {
        assumeTrue(CorpusEvents.available(), "shared corpus not present");
        Map<String, String> ruleFor = new HashMap<>();
        mapping.get("mappings").forEach(m -> ruleFor.put(m.get("external").asText(), m.get("rule").asText()));
        Map<String, String> excluded = new HashMap<>();
        mapping.get("exclusions").forEach(e -> {
            assertThat(e.path("reason").asText()).as("exclusion needs a reason").hasSizeGreaterThan(20);
            excluded.put(e.get("file").asText() + ":" + e.get("line").asInt(), e.get("reason").asText());
        });
        ruleFor.values().forEach(id -> assertThat(pack.rule(id)).as("mapped rule %s is in the pack", id).isPresent());

        Map<String, int[]> perExternal = new TreeMap<>();
        List<String> disagreements = new ArrayList<>();
        int agree = 0;
        int total = 0;
        for (JsonNode label : CorpusEvents.readLines(CorpusEvents.ROOT.resolve("LABELS.jsonl"))) {
            String external = label.path("rule_id").asText();
            String file = label.path("file").asText();
            int line = label.path("line").asInt();
            if (!ruleFor.containsKey(external) || !"detection_rule_test".equals(label.path("label_kind").asText())
                    || excluded.containsKey(file + ":" + line)) {
                continue;
            }
            JsonNode event = CorpusEvents.record(file, line);
            boolean expected = label.path("expected").asBoolean();
            boolean actual = pack.rule(ruleFor.get(external)).orElseThrow().matches(event);
            int[] counts = perExternal.computeIfAbsent(external, k -> new int[2]);
            counts[1]++;
            total++;
            if (actual == expected) {
                counts[0]++;
                agree++;
            } else {
                disagreements.add(file + ":" + line + " " + external + " expected " + expected + " got " + actual);
            }
        }
        perExternal.forEach((k, v) -> LOG.info("label agreement {}: {}/{}", k, v[0], v[1]));
        LOG.info("label agreement overall: {}/{} mapped cases agree ({} excluded with reasons, {} upstream rules mapped)",
                agree, total, excluded.size(), ruleFor.size());
        assertThat(disagreements).isEmpty();
        assertThat(total).isGreaterThan(100);
    }
}
