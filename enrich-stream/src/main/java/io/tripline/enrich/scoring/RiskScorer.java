package io.tripline.enrich.scoring;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Scores an incident 0-100 from its members and recognised chains: base severity with age decay, asset
 * criticality, corroboration, kill-chain progression, recurrence, chains, and a sample-finding
 * reduction. Pure and deterministic: the same members give the same factors in the same order.
 */
public final class RiskScorer {

    private final ScoringModel model;

    public RiskScorer(ScoringModel model) {
        this.model = model;
    }

    /**
     * @param signals the members
     * @param chains  recognised chains by name, with the member ids they rest on
     */
    public RiskAssessment score(List<RiskSignal> signals, Map<String, List<String>> chains) {
        // Resolved members no longer raise the risk, unless nothing else is left to score.
        List<RiskSignal> active = signals.stream().filter(s -> !s.closed()).toList();
        if (active.isEmpty()) {
            active = signals;
        }
        List<RiskSignal> real = active.stream().filter(s -> !s.sample()).toList();
        boolean onlySamples = real.isEmpty() && !active.isEmpty();
        List<RiskSignal> scored = onlySamples ? active : real;
        long latest = scored.stream().mapToLong(RiskSignal::time).max().orElse(0);

        List<RiskFactor> factors = new ArrayList<>(ScoringFactors.base(scored, latest, model));
        factors.addAll(ScoringFactors.criticality(scored, model));
        add(factors, ScoringFactors.corroboration(scored, model));
        add(factors, ScoringFactors.killChain(scored, model));
        add(factors, ScoringFactors.recurrence(scored, model));
        factors.addAll(ScoringFactors.chains(chains, model));
        if (onlySamples) {
            add(factors, ScoringFactors.sample(sum(factors), scored, model));
        }
        int score = Math.max(0, Math.min(100, sum(factors)));
        return new RiskAssessment(score, RiskLevels.of(score), factors);
    }

    private static void add(List<RiskFactor> factors, RiskFactor factor) {
        if (factor != null) {
            factors.add(factor);
        }
    }

    private static int sum(List<RiskFactor> factors) {
        return factors.stream().mapToInt(RiskFactor::points).sum();
    }
}
