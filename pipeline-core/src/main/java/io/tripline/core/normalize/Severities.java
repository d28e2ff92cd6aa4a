package io.tripline.core.normalize;

import io.tripline.schema.v1.SeverityLabel;

/**
 * Severity scales of the sources mapped onto one: GuardDuty's 1.0-10.0 in half-open bands (Low
 * [1.0, 4.0), Medium [4.0, 7.0), High [7.0, 9.0), Critical [9.0, 10.0]) and ASFF's labels and 0-100
 * normalized values (INFORMATIONAL 0, LOW 1-39, MEDIUM 40-69, HIGH 70-89, CRITICAL 90-100).
 */
public final class Severities {

    private Severities() {
    }

    public static SeverityLabel guardDutyLabel(double severity) {
        if (severity >= 9.0) {
            return SeverityLabel.CRITICAL;
        }
        if (severity >= 7.0) {
            return SeverityLabel.HIGH;
        }
        if (severity >= 4.0) {
            return SeverityLabel.MEDIUM;
        }
        if (severity >= 1.0) {
            return SeverityLabel.LOW;
        }
        return SeverityLabel.INFORMATIONAL;
    }

    /** GuardDuty 1.0-10.0 to 0-100. */
    public static int guardDutyNormalized(double severity) {
        return clamp((int) Math.round(severity * 10));
    }

    public static SeverityLabel fromNormalized(int normalized) {
        if (normalized >= 90) {
            return SeverityLabel.CRITICAL;
        }
        if (normalized >= 70) {
            return SeverityLabel.HIGH;
        }
        if (normalized >= 40) {
            return SeverityLabel.MEDIUM;
        }
        if (normalized >= 1) {
            return SeverityLabel.LOW;
        }
        return SeverityLabel.INFORMATIONAL;
    }

    /** A representative 0-100 value for a label, when the source gives only the label. */
    public static int normalizedOf(SeverityLabel label) {
        return switch (label) {
            case CRITICAL -> 90;
            case HIGH -> 70;
            case MEDIUM -> 40;
            case LOW -> 1;
            default -> 0;
        };
    }

    public static SeverityLabel parseLabel(String label) {
        if (label == null) {
            return SeverityLabel.UNKNOWN;
        }
        try {
            return SeverityLabel.valueOf(label.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return SeverityLabel.UNKNOWN;
        }
    }

    static int clamp(int value) {
        return Math.max(0, Math.min(100, value));
    }
}
