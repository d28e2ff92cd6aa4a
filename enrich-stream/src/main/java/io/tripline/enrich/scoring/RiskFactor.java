package io.tripline.enrich.scoring;

import java.util.List;

/**
 * One explainable contribution to a risk score: a name an engineer can look up in docs/scoring.md, the
 * points it added (negative for reductions) and the member ids or tactic uids it rests on.
 */
public record RiskFactor(String name, int points, List<String> evidence) {

    public RiskFactor {
        evidence = List.copyOf(evidence);
    }
}
