package io.tripline.enrich.sigma;

import java.util.List;
import java.util.Map;

/** Builds small rule sets from inline YAML for the unit tests. */
final class SigmaTestRules {

    private SigmaTestRules() {
    }

    /** One detection rule with the given {@code detection:} body (indented YAML lines). */
    static String ruleYaml(String id, String detection) {
        return "title: Test rule " + id + "\n"
                + "id: " + id + "\n"
                + "status: test\n"
                + "level: medium\n"
                + "tags: [attack.defense-evasion, attack.t1562.008]\n"
                + "logsource: {product: aws, service: cloudtrail}\n"
                + "detection:\n" + detection.stripTrailing().indent(4);
    }

    static RuleSet ruleSet(String yaml) {
        return ruleSet(yaml, Map.of());
    }

    static RuleSet ruleSet(String yaml, Map<String, List<String>> placeholders) {
        return new RuleLoader(placeholders).addYaml("inline.yml", yaml).build();
    }

    /** Compiles a single detection body and returns the rule; fails if it does not load. */
    static SigmaRule rule(String detection) {
        RuleSet set = ruleSet(ruleYaml("00000000-0000-0000-0000-000000000001", detection));
        if (set.rules().size() != 1) {
            throw new AssertionError("rule did not load: " + set.report().problems());
        }
        return set.rules().get(0);
    }
}
