package io.tripline.simulator.securityhub;

/**
 * Severity label rules: GuardDuty's half-open bands (Low 1.0–3.9, Medium 4.0–6.9, High 7.0–8.9,
 * Critical 9.0–10.0) and ASFF's normalized bands (INFORMATIONAL 0, LOW 1–39, MEDIUM 40–69,
 * HIGH 70–89, CRITICAL 90–100).
 */
public final class SeverityLabels {

    private SeverityLabels() {
    }

    public static String fromGuardDuty(double severity) {
        if (severity >= 9.0) {
            return "CRITICAL";
        }
        if (severity >= 7.0) {
            return "HIGH";
        }
        if (severity >= 4.0) {
            return "MEDIUM";
        }
        return "LOW";
    }

    public static String fromNormalized(int normalized) {
        if (normalized >= 90) {
            return "CRITICAL";
        }
        if (normalized >= 70) {
            return "HIGH";
        }
        if (normalized >= 40) {
            return "MEDIUM";
        }
        return normalized >= 1 ? "LOW" : "INFORMATIONAL";
    }

    /** A normalized score inside a label's band, for findings that only carry a label. */
    public static int normalizedOf(String label) {
        return switch (label) {
            case "CRITICAL" -> 90;
            case "HIGH" -> 70;
            case "MEDIUM" -> 40;
            case "LOW" -> 1;
            default -> 0;
        };
    }
}
