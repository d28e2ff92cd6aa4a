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

    /**
     * A rule hit on an account-wide call (StopLogging) goes where its event goes, the account's incident,
     * also when its caller already has an open incident of its own: where it lands must not depend on what
     * happens to be open when it arrives, or a live run and a replay of it could file it differently.
     */
    @Test
    void shouldFileARuleHitWithItsEventEvenWhenTheCallersIncidentIsOpen() throws Exception {
        try (IncidentDriver driver = withRules()) {
            Scenarios.pipe(driver, Scenarios.iamAnomalyWithPersistence());
            driver.advanceTo("2026-03-01T10:30:00Z");
            Incident alice = IncidentChainsTopologyTest.only(driver.latest());
            assertThat(alice.getEntity().getId()).isEqualTo(Scenarios.ALICE);

            driver.trail(Samples.event("ev-trail-alice", "2026-03-01T10:31:00Z", "cloudtrail.amazonaws.com", "StopLogging",
                    Scenarios.ALICE, "198.51.100.9", "{\"name\":\"org-trail\"}"));
            driver.advanceTo("2026-03-01T11:00:00Z");

            List<Incident> latest = driver.latest();
            Incident account = latest.stream().filter(i -> i.getEntity().getType().equals("ACCOUNT")).findFirst().orElseThrow();
            Incident aliceNow = latest.stream().filter(i -> i.getIncidentId().equals(alice.getIncidentId())).findFirst()
                    .orElseThrow();
            List<String> detections = new ArrayList<>(account.getMembers());
            detections.removeAll(List.of("ev-trail-alice"));
            assertThat(account.getMembers()).contains("ev-trail-alice");
            assertThat(detections).as("the rule hit citing ev-trail-alice joins the account's incident").isNotEmpty();
            assertThat(aliceNow.getMembers()).doesNotContainAnyElementsOf(detections);
            // The responder waits for members other than CloudTrail events: they must be told apart.
            assertThat(account.getEventMembers()).contains("ev-trail-alice").doesNotContainAnyElementsOf(detections);
            assertThat(aliceNow.getEventMembers()).contains("ev-iam-1", "ev-iam-2", "ev-iam-3");
            assertThat(aliceNow.getMembers()).as("its finding and rule hits are members but not event members")
                    .hasSizeGreaterThan(aliceNow.getEventMembers().size());
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
