package io.tripline.enrich.detect;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import io.tripline.enrich.sigma.LoadReport;
import io.tripline.enrich.sigma.RuleLoader;
import io.tripline.enrich.sigma.RuleSet;
import io.tripline.enrich.topology.DetectionStage;

/**
 * Builds the detection stage from Tripline's rule pack (classpath) plus an optional directory of the
 * operator's own Sigma rules, with values for {@code expand} placeholders. Rule problems are reported
 * through {@code warnings}; the other rules still load.
 */
public final class DetectionStages {

    private DetectionStages() {
    }

    public static DetectionStage fromRules(Path rulesDir, Map<String, List<String>> placeholders, Consumer<String> warnings)
            throws IOException {
        return fromRules(rulesDir, placeholders, Suppression.defaults(), warnings);
    }

    /** The same, suppressing repeated hits as {@code suppression} says. */
    public static DetectionStage fromRules(Path rulesDir, Map<String, List<String>> placeholders, Suppression suppression,
                                           Consumer<String> warnings) throws IOException {
        if (rulesDir != null && !Files.isDirectory(rulesDir)) {
            throw new IOException("rules directory not found: " + rulesDir);
        }
        RuleLoader loader = new RuleLoader(placeholders).addClasspathPack();
        if (rulesDir != null) {
            loader.addDirectory(rulesDir);
        }
        RuleSet rules = loader.build();
        for (LoadReport.Problem problem : rules.report().problems()) {
            warnings.accept((problem.skipped() ? "rule skipped: " : "rule not loaded: ") + problem.source()
                    + (problem.ruleId() == null ? "" : " (" + problem.ruleId() + ")") + ": " + problem.reason());
        }
        return new SigmaDetectionStage(rules).withSuppression(suppression);
    }
}
