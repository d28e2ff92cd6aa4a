package io.tripline.enrich.scoring;

import java.util.List;

import io.tripline.schema.v1.RiskLevel;

/** A 0-100 risk score, its level and the factors that add up to it (before clamping to 0-100). */
public record RiskAssessment(int score, RiskLevel level, List<RiskFactor> factors) {

    public RiskAssessment {
        factors = List.copyOf(factors);
    }
}
