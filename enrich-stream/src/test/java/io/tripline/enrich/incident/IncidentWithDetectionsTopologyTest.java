package io.tripline.enrich.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.tripline.enrich.detect.DetectionStages;
import io.tripline.schema.v1.Incident;

/**
 * With Tripline's Sigma rule pack loaded, detections join the incidents of the entities they name and
 * count as a corroborating source; the chains are still recognised from the raw events.
 */
class IncidentWithDetectionsTopologyTest {

    @Test
    void shouldCorrelateRuleHitsWithTheConsoleTakeoverOfTheSameUser() throws Exception {
        try (IncidentDriver driver = withRules()) {
            Scenarios.pipe(driver, Scenarios.consoleTakeover());
            driver.advanceTo("2026-03-01T10:30:00Z");

            Incident incident = driver.latest().stream().filter(i -> i.getEntity().getId().equals(Scenarios.CAROL))
                    .findFirst().orElseThrow();
            assertThat(IncidentChainsTopologyTest.factorNames(incident))
                    .contains("chain:console-takeover-with-privilege-change")
                    .anyMatch(name -> name.startsWith("corroboration:") && name.contains("SIGMA"));
            assertThat(incident.getMembers()).hasSizeGreaterThan(5);
        }
    }

    @Test
    void shouldFileARuleHitOnASecurityGroupOrUserDataChangeWithTheInstanceNotItsCaller() throws Exception {
        try (IncidentDriver driver = withRules()) {
            Scenarios.pipe(driver, Scenarios.bruteForceFollowUp());
            driver.advanceTo("2026-03-01T11:00:00Z");

            Incident incident = IncidentChainsTopologyTest.only(driver.latest());
            assertThat(incident.getEntity().getId()).isEqualTo(Scenarios.BRUTE_INSTANCE);
            assertThat(IncidentChainsTopologyTest.factorNames(incident))
                    .anyMatch(name -> name.startsWith("corroboration:") && name.contains("SIGMA"));
        }
    }

    @Test
    void shouldFileRuleHitsOnBucketAndTrailChangesWithTheAccountsDataExposure() throws Exception {
        try (IncidentDriver driver = withRules()) {
            Scenarios.pipe(driver, Scenarios.dataExposureWithTrailTampering());
            driver.advanceTo("2026-03-01T10:30:00Z");

            Incident incident = IncidentChainsTopologyTest.only(driver.latest());
            assertThat(incident.getEntity().getType()).isEqualTo("ACCOUNT");
            assertThat(incident.getMembers()).hasSizeGreaterThan(4);
            assertThat(incident.getRiskLevel()).isEqualTo(io.tripline.schema.v1.RiskLevel.CRITICAL);
        }
    }

    /** The brute-force chain spans 40 minutes: reversed, it is within grace when grace and open delay are an hour. */
    @Test
    void shouldGiveTheSameIncidentsWhenTheChainsArriveBackwardsWithinGraceWithRulesLoaded() throws Exception {
        IncidentSettings hour = IncidentConfig.from(Map.of("cloudtrail-grace", "PT1H", "open-delay", "PT1H", "quiet-period", "PT1H"));
        for (List<Scenarios.Input> chain : List.of(Scenarios.bruteForceFollowUp(), Scenarios.dataExposureWithTrailTampering(),
                Scenarios.consoleTakeover())) {
            List<Scenarios.Input> backwards = new ArrayList<>(chain);
            java.util.Collections.reverse(backwards);
            try (IncidentDriver ordered = withRules(hour); IncidentDriver reversed = withRules(hour)) {
                Scenarios.pipe(ordered, chain);
                ordered.advanceTo("2026-03-01T11:30:00Z");
                Scenarios.pipe(reversed, backwards);
                reversed.advanceTo("2026-03-01T11:30:00Z");
                assertThat(reversed.latest()).isEqualTo(ordered.latest());
            }
        }
    }

    private static IncidentDriver withRules() throws java.io.IOException {
        return withRules(IncidentDriver.settings());
    }

    private static IncidentDriver withRules(IncidentSettings settings) throws java.io.IOException {
        List<String> warnings = new ArrayList<>();
        return new IncidentDriver(settings, IncidentStores.CACHE_ENTRIES,
                DetectionStages.fromRules(null, Map.of(), warnings::add));
    }
}
