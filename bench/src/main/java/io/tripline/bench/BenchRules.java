package io.tripline.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.tripline.core.normalize.Json;
import io.tripline.enrich.detect.SigmaDetectionStage;
import io.tripline.enrich.sigma.RuleLoader;
import io.tripline.enrich.sigma.RuleSet;

/** The rule sets the bench compares: one rule, and the full pack (Tripline's own plus SigmaHQ's AWS rules). */
final class BenchRules {

    static final String ONE_RULE = "rules/logging/aws_cloudtrail_tampering.yml";
    static final Path SIGMAHQ = Path.of("..", "shared", "corpus", "reference", "sigma_aws_rules.jsonl");

    private BenchRules() {
    }

    static SigmaDetectionStage oneRule() throws IOException {
        try (InputStream in = BenchRules.class.getClassLoader().getResourceAsStream(ONE_RULE)) {
            if (in == null) {
                throw new IOException("rule " + ONE_RULE + " is not on the classpath");
            }
            return new SigmaDetectionStage(new RuleLoader().addYaml(ONE_RULE,
                    new String(in.readAllBytes(), StandardCharsets.UTF_8)).build());
        }
    }

    /** Tripline's pack plus the SigmaHQ AWS rules from the sample corpus when it sits beside the repository. */
    static SigmaDetectionStage fullPack() throws IOException {
        RuleLoader loader = new RuleLoader(Map.of()).addClasspathPack();
        if (Files.isRegularFile(SIGMAHQ)) {
            int line = 0;
            for (String text : Files.readAllLines(SIGMAHQ)) {
                line++;
                if (!text.isBlank()) {
                    loader.addDocument(SIGMAHQ + ":" + line, Json.parse(text));
                }
            }
        }
        return new SigmaDetectionStage(loader.build());
    }

    static int size(RuleSet rules) {
        return rules.rules().size() + rules.correlations().size();
    }
}
