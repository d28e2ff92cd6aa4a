package io.tripline.enrich.incident;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.tripline.enrich.Durations;
import io.tripline.enrich.scoring.CriticalityRule;
import io.tripline.enrich.scoring.ScoringModel;

/**
 * Reads {@link IncidentSettings} from flat properties (what the application's typed configuration or a
 * replay option passes through), every key optional with the defaults of {@link IncidentSettings#defaults()}:
 * <pre>
 * cloudtrail-grace=PT15M   finding-grace=PT6H   open-delay=PT15M   window=PT24H   quiet-period=PT24H
 * login-failures=3         max-signals=200      max-per-fact=5    internal-cidrs=203.0.113.0/24,198.51.100.7/32
 * publish-interval=0s (every change at once; e.g. 1m coalesces updates per minute of stream time)
 * criticality.Environment=10:production,prod    criticality.DataClassification=10:confidential,restricted
 * </pre>
 * Any {@code criticality.*} key replaces the default tag rules as a whole, so the effective list is what is configured.
 */
public final class IncidentConfig {

    private IncidentConfig() {
    }

    public static IncidentSettings from(Map<String, String> properties) {
        IncidentSettings d = IncidentSettings.defaults();
        ScoringModel scoring = d.scoring();
        List<CriticalityRule> rules = new ArrayList<>();
        new TreeMap<>(properties).forEach((key, value) -> {
            if (key.startsWith("criticality.")) {
                String[] pointsAndValues = value.split(":", 2);
                if (pointsAndValues.length != 2) {
                    throw new IllegalArgumentException(key + " must be <points>:<value>[,<value>...], was " + value);
                }
                rules.add(new CriticalityRule(key.substring("criticality.".length()), Arrays.stream(pointsAndValues[1].split(","))
                        .map(String::trim).filter(v -> !v.isEmpty()).toList(), Integer.parseInt(pointsAndValues[0].trim())));
            }
        });
        if (!rules.isEmpty()) {
            scoring = new ScoringModel(scoring.severityPoints(), scoring.perExtraSource(), scoring.maxCorroboration(),
                    scoring.perExtraTactic(), scoring.maxKillChain(), scoring.perChain(), rules, scoring.maxCriticality(),
                    scoring.perCountDoubling(), scoring.maxRecurrence(), scoring.sampleMultiplier(), scoring.halfLifeMillis());
        }
        String cidrs = properties.get("internal-cidrs");
        return new IncidentSettings(
                duration(properties, "cloudtrail-grace", d.cloudTrailGrace()),
                duration(properties, "finding-grace", d.findingGrace()),
                duration(properties, "open-delay", d.openDelay()),
                duration(properties, "window", d.window()),
                duration(properties, "quiet-period", d.quietPeriod()),
                number(properties, "login-failures", d.loginFailures()),
                number(properties, "max-signals", d.maxSignals()),
                number(properties, "max-per-fact", d.maxPerFact()),
                cidrs == null || cidrs.isBlank() ? d.internalCidrs()
                        : Arrays.stream(cidrs.split(",")).map(String::trim).filter(c -> !c.isEmpty()).toList(),
                scoring,
                duration(properties, "publish-interval", d.publishInterval()));
    }

    private static int number(Map<String, String> properties, String key, int fallback) {
        String value = properties.get(key);
        try {
            return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("tripline.enrich.incident." + key + " must be a whole number, got '" + value + "'");
        }
    }

    private static Duration duration(Map<String, String> properties, String key, Duration fallback) {
        String value = properties.get(key);
        return value == null || value.isBlank() ? fallback : Durations.parse("tripline.enrich.incident." + key, value);
    }
}
