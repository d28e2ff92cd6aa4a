package io.tripline.simulator.fault;

import java.util.List;

/**
 * The fault configuration as {@code GET|PUT /_tripline/faults} exchanges it:
 * {@code {"seed":42,"enforceLimits":true,"rules":[{"service":"guardduty","operation":"ListFindings","throttleRate":0.5}]}}.
 *
 * @param seed          seed of the fault generator, so the same calls see the same faults
 * @param enforceLimits whether AWS's own rate limits (CloudTrail LookupEvents 2 rps, Security Hub
 *                      GetFindings 3 rps burst 6) are enforced with throttling errors
 * @param rules         fault rules, first match wins
 */
public record FaultSettings(Long seed, Boolean enforceLimits, List<FaultRule> rules) {

    public FaultSettings {
        seed = seed == null ? 0L : seed;
        enforceLimits = enforceLimits != null && enforceLimits;
        rules = rules == null ? List.of() : List.copyOf(rules);
    }

    public static FaultSettings none(long seed, boolean enforceLimits) {
        return new FaultSettings(seed, enforceLimits, List.of());
    }
}
