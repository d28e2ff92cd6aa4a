package io.tripline.enrich.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;


import io.tripline.schema.v1.Incident;
import io.tripline.schema.v1.IncidentStatus;

/**
 * Coalesced publication ({@code publish-interval}): changes of an open incident wait for the next multiple of
 * the interval in stream time and go out as one UPDATED version with the same content the last immediate
 * version would have had; opening and closing are not delayed; the output stays deterministic.
 */
class IncidentPublishIntervalTopologyTest {

    private static final Duration INTERVAL = Duration.ofMinutes(5);

    @RegisterExtension
    final IncidentDrivers drivers = new IncidentDrivers();

    private IncidentDriver driver(Duration interval, int cacheEntries) {
        return drivers.add(new IncidentDriver(IncidentDriver.settings().withPublishInterval(interval), cacheEntries));
    }

    /** Opens an incident at 10:15, then two count updates at stream time 10:21 and 10:22. */
    private static void openAndUpdateTwice(IncidentDriver driver) {
        driver.guardDuty(Scenarios.sshBruteForce()).advanceTo("2026-03-01T10:20:00Z");
        driver.guardDuty(Samples.withCount(Scenarios.sshBruteForce(), 4, "2026-03-01T10:21:00Z"));
        driver.guardDuty(Samples.withCount(Scenarios.sshBruteForce(), 40, "2026-03-01T10:22:00Z"));
    }

    @Test
    void shouldPublishTheUpdatesOfOneIntervalAsOneVersionOnceStreamTimePassesIt() {
        IncidentDriver coalesced = driver(INTERVAL, IncidentStores.CACHE_ENTRIES);
        openAndUpdateTwice(coalesced);
        assertThat(coalesced.incidents()).extracting(Incident::getStatus).containsExactly(IncidentStatus.OPEN);

        coalesced.advanceTo("2026-03-01T10:26:00Z");

        IncidentDriver immediate = driver(Duration.ZERO, IncidentStores.CACHE_ENTRIES);
        openAndUpdateTwice(immediate);
        immediate.advanceTo("2026-03-01T10:26:00Z");
        assertThat(immediate.incidents()).extracting(Incident::getVersion).containsExactly(1L, 2L, 3L);

        List<Incident> versions = coalesced.incidents();
        assertThat(versions).extracting(Incident::getStatus).containsExactly(IncidentStatus.OPEN, IncidentStatus.UPDATED);
        assertThat(versions).extracting(Incident::getVersion).containsExactly(1L, 2L);
        Incident last = immediate.incidents().get(2);
        Incident update = versions.get(1);
        assertThat(update.getIncidentId()).isEqualTo(last.getIncidentId());
        assertThat(update.getMembers()).isEqualTo(last.getMembers());
        assertThat(update.getFactors()).isEqualTo(last.getFactors());
        assertThat(update.getRiskScore()).isEqualTo(last.getRiskScore());
        assertThat(update.getUpdatedAt()).isEqualTo(last.getUpdatedAt());
        assertThat(IncidentChainsTopologyTest.factorNames(update)).contains("recurrence:count=40");
        assertThat(coalesced.ocsf()).extracting(o -> o.get("activity_name").asText()).containsExactly("Create", "Update");
    }

    @Test
    void shouldCloseAtOnceWithTheChangesStillWaitingAndPublishNothingAfter() {
        IncidentDriver driver = driver(INTERVAL, IncidentStores.CACHE_ENTRIES);
        driver.guardDuty(Scenarios.sshBruteForce()).advanceTo("2026-03-01T10:20:00Z");
        driver.guardDuty(Samples.withCount(Scenarios.sshBruteForce(), 40, "2026-03-01T10:21:00Z"));
        driver.guardDuty(Samples.archived(Samples.withCount(Scenarios.sshBruteForce(), 40, "2026-03-01T10:21:00Z"), "2026-03-01T10:22:00Z"));
        driver.advanceTo("2026-03-01T10:40:00Z");

        List<Incident> versions = driver.incidents();
        assertThat(versions).extracting(Incident::getStatus).containsExactly(IncidentStatus.OPEN, IncidentStatus.CLOSED);
        assertThat(IncidentChainsTopologyTest.factorNames(versions.get(1))).contains("recurrence:count=40");
    }

    @Test
    void shouldGiveTheSameBytesRunToRunAndWhenEveryStateIsReadBackFromTheStores() {
        List<String> first = transcriptOfAllChains(IncidentStores.CACHE_ENTRIES);
        assertThat(first).isNotEmpty().anyMatch(line -> line.contains("\"activity_name\":\"Update\""));
        assertThat(transcriptOfAllChains(IncidentStores.CACHE_ENTRIES)).isEqualTo(first);
        assertThat(transcriptOfAllChains(0)).isEqualTo(first);
    }

    private List<String> transcriptOfAllChains(int cacheEntries) {
        IncidentDriver driver = driver(Duration.ofMinutes(1), cacheEntries);
        return Scenarios.transcriptOfAllChains(driver);
    }
}
