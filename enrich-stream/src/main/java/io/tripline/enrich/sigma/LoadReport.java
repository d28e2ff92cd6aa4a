package io.tripline.enrich.sigma;

import java.util.List;

/**
 * What happened when a rule set was loaded: how many rules are active and, per rejected rule,
 * where it came from and why. Rejections never stop the other rules from loading.
 *
 * @param detectionRules   detection rules loaded
 * @param correlationRules correlation rules loaded
 * @param problems         rejected or skipped documents, in load order
 */
public record LoadReport(int detectionRules, int correlationRules, List<Problem> problems) {

    public LoadReport {
        problems = List.copyOf(problems);
    }

    /**
     * One rejected document.
     *
     * @param source  file, classpath resource or corpus line the document came from
     * @param ruleId  the rule id if one could be read, else {@code null}
     * @param reason  human-readable reason (names the placeholder, modifier or field at fault)
     * @param skipped true for a valid rule deliberately not loaded (missing placeholder value,
     *                unsupported feature), false for a malformed or duplicate one
     */
    public record Problem(String source, String ruleId, String reason, boolean skipped) {
    }

    /** Rules that were valid Sigma but not loaded. */
    public List<Problem> skipped() {
        return problems.stream().filter(Problem::skipped).toList();
    }

    /** Malformed documents, duplicate ids and unresolved correlation references. */
    public List<Problem> errors() {
        return problems.stream().filter(p -> !p.skipped()).toList();
    }
}
