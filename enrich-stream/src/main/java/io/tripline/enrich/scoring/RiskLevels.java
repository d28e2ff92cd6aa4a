package io.tripline.enrich.scoring;

import io.tripline.schema.v1.RiskLevel;

/**
 * Score bands to risk levels, and the OCSF {@code risk_level_id} of each. The bands mirror the 0-100
 * normalized severity bands of ASFF above 40 so an analyst reads "HIGH" the same way on both.
 */
public final class RiskLevels {

    private RiskLevels() {
    }

    /** 0-19 INFO, 20-39 LOW, 40-69 MEDIUM, 70-89 HIGH, 90-100 CRITICAL. */
    public static RiskLevel of(int score) {
        if (score >= 90) {
            return RiskLevel.CRITICAL;
        }
        if (score >= 70) {
            return RiskLevel.HIGH;
        }
        if (score >= 40) {
            return RiskLevel.MEDIUM;
        }
        if (score >= 20) {
            return RiskLevel.LOW;
        }
        return RiskLevel.INFO;
    }

    /** OCSF risk_level_id: 0 Info, 1 Low, 2 Medium, 3 High, 4 Critical, 99 Other. */
    public static int ocsfId(RiskLevel level) {
        return switch (level) {
            case INFO -> 0;
            case LOW -> 1;
            case MEDIUM -> 2;
            case HIGH -> 3;
            case CRITICAL -> 4;
            default -> 99;
        };
    }

    /** OCSF caption of {@link #ocsfId}. */
    public static String ocsfCaption(RiskLevel level) {
        return switch (level) {
            case INFO -> "Info";
            case LOW -> "Low";
            case MEDIUM -> "Medium";
            case HIGH -> "High";
            case CRITICAL -> "Critical";
            default -> "Other";
        };
    }
}
