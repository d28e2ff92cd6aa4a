package io.tripline.enrich.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.tripline.enrich.scoring.CriticalityRule;

/** Incident settings from flat properties: defaults when absent, overrides when given, clear errors. */
class IncidentConfigTest {

    @Test
    void shouldUseTheDefaultsWhenNothingIsConfigured() {
        assertThat(IncidentConfig.from(Map.of())).isEqualTo(IncidentSettings.defaults());
    }

    @Test
    void shouldOverrideGracesWindowsNetworksAndCriticalityTags() {
        IncidentSettings settings = IncidentConfig.from(Map.of("cloudtrail-grace", "PT30M", "finding-grace", "PT2H",
                "quiet-period", "PT6H", "internal-cidrs", "203.0.113.0/24, 198.51.100.7/32",
                "criticality.Tier", "20:crown-jewel"));
        assertThat(settings.cloudTrailGrace()).isEqualTo(Duration.ofMinutes(30));
        assertThat(settings.findingGrace()).isEqualTo(Duration.ofHours(2));
        assertThat(settings.quietPeriod()).isEqualTo(Duration.ofHours(6));
        assertThat(settings.internalCidrs()).containsExactly("203.0.113.0/24", "198.51.100.7/32");
        assertThat(settings.scoring().criticality()).containsExactly(new CriticalityRule("Tier", List.of("crown-jewel"), 20));
    }

    @Test
    void shouldPublishAtOnceUnlessAPublishIntervalIsConfigured() {
        assertThat(IncidentConfig.from(Map.of()).publishInterval()).isZero();
        assertThat(IncidentConfig.from(Map.of("publish-interval", "1m")).publishInterval()).isEqualTo(Duration.ofMinutes(1));
        assertThatThrownBy(() -> IncidentConfig.from(Map.of("publish-interval", "-PT1M")))
                .hasMessageContaining("publishInterval must not be negative");
    }

    @Test
    void shouldRejectAQuietPeriodLongerThanTheWindowAndMalformedCriticality() {
        assertThatThrownBy(() -> IncidentConfig.from(Map.of("quiet-period", "PT48H")))
                .hasMessageContaining("quietPeriod must not exceed window");
        assertThatThrownBy(() -> IncidentConfig.from(Map.of("criticality.Tier", "crown-jewel")))
                .hasMessageContaining("criticality.Tier must be <points>:<value>");
    }

    @Test
    void shouldReadOperatorDurationsAndNameTheKeyOfABadValue() {
        IncidentSettings settings = IncidentConfig.from(Map.of("open-delay", "1m", "cloudtrail-grace", "90s", "window", "1d"));
        assertThat(settings.openDelay()).isEqualTo(Duration.ofMinutes(1));
        assertThat(settings.cloudTrailGrace()).isEqualTo(Duration.ofSeconds(90));
        assertThat(settings.window()).isEqualTo(Duration.ofDays(1));
        assertThatThrownBy(() -> IncidentConfig.from(Map.of("open-delay", "soon")))
                .hasMessage("tripline.enrich.incident.open-delay must be a duration such as 15m or PT15M, got 'soon'");
        assertThatThrownBy(() -> IncidentConfig.from(Map.of("max-signals", "many")))
                .hasMessage("tripline.enrich.incident.max-signals must be a whole number, got 'many'");
    }

    @Test
    void shouldOpenIncidentsWithoutDelayInReplay() {
        assertThat(IncidentSettings.forReplay().openDelay()).isZero();
    }
}
