package io.tripline.stack.demo;

import java.util.List;
import java.util.Map;

/**
 * What each shipped scenario must show at the end of a demo: an incident at or above a risk score and
 * the remediation actions that succeed and are verified, at least one notification, no dead letters.
 */
record DemoExpectations(int minRiskScore, List<String> actions) {

    static final List<String> SCENARIOS = List.of("ssh-brute-force", "compromised-user", "data-exposure");

    private static final Map<String, DemoExpectations> BY_SCENARIO = Map.of(
            "ssh-brute-force", new DemoExpectations(80, List.of("quarantine-instance", "snapshot-volumes")),
            "compromised-user", new DemoExpectations(80, List.of("disable-access-key")),
            "data-exposure", new DemoExpectations(80, List.of("block-s3-public-access")));

    static DemoExpectations of(String scenario) {
        return BY_SCENARIO.get(scenario);
    }
}
