package io.tripline.enrich.incident;

import static io.tripline.enrich.incident.Samples.event;
import static io.tripline.enrich.incident.Samples.finding;
import static io.tripline.enrich.incident.Samples.onInstance;
import static io.tripline.enrich.incident.Scenarios.BRUTE_INSTANCE;
import static io.tripline.enrich.incident.Scenarios.INSTANCE_ROLE_SESSION;
import static io.tripline.enrich.incident.Scenarios.OUTSIDE_IP;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.tripline.schema.v1.Incident;
import io.tripline.schema.v1.IncidentStatus;

/**
 * An incident's life in event time: opened after the open delay, updated when members join or a finding
 * changes, closed when its findings are resolved or after the quiet period; out-of-order arrival within
 * grace gives the same incident; late data beyond grace behaves as documented in docs/scoring.md.
 */
class IncidentLifecycleTopologyTest {

    @RegisterExtension
    final IncidentDrivers drivers = new IncidentDrivers();

    private IncidentDriver driver() {
        return drivers.open();
    }

    @Test
    void shouldPublishAnUpdateWhenAMemberFindingsCountGrows() {
        IncidentDriver driver = driver();
        ObjectNode brute = Scenarios.sshBruteForce();
        driver.guardDuty(brute).advanceTo("2026-03-01T10:20:00Z");
        driver.guardDuty(Samples.withCount(brute, 40, "2026-03-01T10:30:00Z"));

        List<Incident> versions = driver.incidents();
        assertThat(versions).extracting(Incident::getStatus).containsExactly(IncidentStatus.OPEN, IncidentStatus.UPDATED);
        assertThat(versions).extracting(Incident::getVersion).containsExactly(1L, 2L);
        assertThat(versions.get(1).getIncidentId()).isEqualTo(versions.get(0).getIncidentId());
        assertThat(IncidentChainsTopologyTest.factorNames(versions.get(1))).contains("recurrence:count=40");
        assertThat(versions.get(1).getRiskScore()).isGreaterThan(versions.get(0).getRiskScore());
        assertThat(driver.ocsf()).extracting(o -> o.get("activity_name").asText()).containsExactly("Create", "Update");
    }

    @Test
    void shouldPublishIncidentsWithoutOcsfWhenOcsfIsTurnedOff() {
        IncidentDriver driver = drivers.add(new IncidentDriver(IncidentDriver.settings(), IncidentStores.CACHE_ENTRIES, null,
                false));
        driver.guardDuty(Scenarios.sshBruteForce()).advanceTo("2026-03-01T10:20:00Z");

        assertThat(driver.incidents()).extracting(Incident::getStatus).containsExactly(IncidentStatus.OPEN);
        assertThat(driver.ocsf()).isEmpty();
    }

    @Test
    void shouldCloseTheIncidentWhenAllItsFindingsAreResolved() {
        IncidentDriver driver = driver();
        ObjectNode brute = Scenarios.sshBruteForce();
        driver.guardDuty(brute).advanceTo("2026-03-01T10:20:00Z");
        driver.guardDuty(Samples.archived(brute, "2026-03-01T10:25:00Z"));

        List<Incident> versions = driver.incidents();
        assertThat(versions).extracting(Incident::getStatus).containsExactly(IncidentStatus.OPEN, IncidentStatus.CLOSED);
        JsonNode close = driver.ocsf().get(1);
        assertThat(close.get("activity_name").asText()).isEqualTo("Close");
        assertThat(close.get("status").asText()).isEqualTo("Resolved");
    }

    @Test
    void shouldCloseTheIncidentAfterTheQuietPeriodInEventTime() {
        IncidentDriver driver = driver();
        Scenarios.pipe(driver, Scenarios.iamAnomalyWithPersistence());
        driver.advanceTo("2026-03-01T10:40:00Z");
        driver.advanceTo("2026-03-01T11:06:00Z");
        assertThat(driver.incidents()).extracting(Incident::getStatus).containsExactly(IncidentStatus.OPEN);

        driver.advanceTo("2026-03-01T11:08:00Z");

        List<Incident> versions = driver.incidents();
        assertThat(versions).extracting(Incident::getStatus).containsExactly(IncidentStatus.OPEN, IncidentStatus.CLOSED);
        assertThat(versions.get(1).getUpdatedAt()).isEqualTo(IncidentDriver.at("2026-03-01T11:07:00Z"));
        assertThat(driver.ocsf().get(1).get("status").asText()).isEqualTo("Archived");
    }

    /**
     * A member joining an open incident moves its quiet-period close later; the due-index entry written for the
     * earlier close then fires first and must put the close back at its new time, not close early.
     */
    @Test
    void shouldCloseAQuietPeriodAfterTheLatestMemberNotTheOneBeforeIt() {
        IncidentDriver driver = driver();
        ObjectNode brute = Scenarios.sshBruteForce();
        driver.guardDuty(brute).advanceTo("2026-03-01T10:20:00Z");
        driver.guardDuty(Samples.withCount(brute, 3, "2026-03-01T10:40:00Z"));

        driver.advanceTo("2026-03-01T11:10:00Z"); // past the first close (11:00), before the moved one (11:40)
        driver.advanceTo("2026-03-01T11:39:00Z");
        assertThat(driver.incidents()).extracting(Incident::getStatus)
                .containsExactly(IncidentStatus.OPEN, IncidentStatus.UPDATED);

        driver.advanceTo("2026-03-01T11:41:00Z");
        List<Incident> versions = driver.incidents();
        assertThat(versions).extracting(Incident::getStatus)
                .containsExactly(IncidentStatus.OPEN, IncidentStatus.UPDATED, IncidentStatus.CLOSED);
        assertThat(versions.get(2).getUpdatedAt()).isEqualTo(IncidentDriver.at("2026-03-01T11:40:00Z"));
    }

    @Test
    void shouldOpenTheSameIncidentWhenChainSignalsArriveOutOfOrderWithinGrace() {
        for (List<Scenarios.Input> chain : List.of(Scenarios.credentialExfiltration(), Scenarios.iamAnomalyWithPersistence(),
                Scenarios.consoleTakeover(), Scenarios.dataExposureWithTrailTampering())) {
            IncidentDriver ordered = driver();
            Scenarios.pipe(ordered, chain);
            ordered.advanceTo("2026-03-01T10:40:00Z");
            IncidentDriver reversed = driver();
            List<Scenarios.Input> backwards = new ArrayList<>(chain);
            java.util.Collections.reverse(backwards);
            Scenarios.pipe(reversed, backwards);
            reversed.advanceTo("2026-03-01T10:40:00Z");

            assertThat(reversed.latest()).isEqualTo(ordered.latest()).hasSize(1);
        }
    }

    @Test
    void shouldAttachASecurityGroupChangeSeenBeforeTheFindingThatNamesItsInstance() {
        IncidentDriver ordered = driver();
        Scenarios.pipe(ordered, Scenarios.bruteForceFollowUp());
        ordered.advanceTo("2026-03-01T11:00:00Z");
        IncidentDriver shuffled = driver();
        List<Scenarios.Input> inputs = Scenarios.bruteForceFollowUp();
        List.of(inputs.get(1), inputs.get(3), inputs.get(2), inputs.get(0)).forEach(i -> i.pipe(shuffled));
        shuffled.advanceTo("2026-03-01T11:00:00Z");

        Incident expected = ordered.latest().get(0);
        Incident actual = shuffled.latest().get(0);
        assertThat(actual.getIncidentId()).isEqualTo(expected.getIncidentId());
        assertThat(actual.getMembers()).isEqualTo(expected.getMembers());
        assertThat(actual.getRiskScore()).isEqualTo(expected.getRiskScore());
        assertThat(actual.getFactors()).isEqualTo(expected.getFactors());
    }

    @Test
    void shouldDropLateContextBeyondGraceButLetLateSignalsUpdateAnOpenIncident() {
        IncidentDriver driver = driver();
        Scenarios.pipe(driver, Scenarios.credentialExfiltration());
        driver.advanceTo("2026-03-01T10:40:00Z");
        int before = driver.incidents().size();
        double signals = driver.incidentMetric("signals-total");
        assertThat(driver.incidentMetric("late-signals-total")).isZero();

        // 30 min late: beyond CloudTrail's 15 min grace, but the instance's incident is still open.
        driver.trail(event("ev-exfil-late", "2026-03-01T10:10:00Z", "s3.amazonaws.com", "ListBuckets", INSTANCE_ROLE_SESSION,
                OUTSIDE_IP, null));
        // Just as late, for an instance with no incident: context with nothing to join is dropped.
        driver.trail(event("ev-other-late", "2026-03-01T10:10:00Z", "s3.amazonaws.com", "ListBuckets",
                "arn:aws:sts::111122223333:assumed-role/web-role/i-0ccc1234def567890", OUTSIDE_IP, null));
        driver.advanceTo("2026-03-01T10:50:00Z");

        List<Incident> versions = driver.incidents();
        assertThat(versions).hasSize(before + 1);
        assertThat(versions.get(versions.size() - 1).getMembers()).contains("ev-exfil-late");
        assertThat(driver.latest()).extracting(i -> i.getEntity().getId()).doesNotContain("i-0ccc1234def567890");
        // Both late signals count as late, the second as dropped; the clock tick after them is in time.
        assertThat(driver.incidentMetric("signals-total")).isEqualTo(signals + 3);
        assertThat(driver.incidentMetric("late-signals-total")).isEqualTo(2);
        assertThat(driver.incidentMetric("dropped-late-signals-total")).isEqualTo(1);
    }

    @Test
    void shouldJudgeCloudTrailLatenessByCloudTrailEvenWhenFindingsRanAhead() {
        // While enrich catches up on a backlog, findings reach the stage ahead of the CloudTrail records of the
        // same hour (one hop fewer), and stream time runs ahead with them.
        IncidentDriver inTime = driver();
        Scenarios.pipe(inTime, Scenarios.credentialExfiltration());
        inTime.advanceTo("2026-03-01T12:30:00Z");
        IncidentDriver catchingUp = driver();
        catchingUp.guardDuty(onInstance(finding("ahead01", "Backdoor:EC2/C&CActivity.B!DNS", 8.0, "2026-03-01T12:00:00Z"),
                BRUTE_INSTANCE, Map.of()));
        Scenarios.pipe(catchingUp, Scenarios.credentialExfiltration());
        catchingUp.advanceTo("2026-03-01T12:30:00Z");

        Incident expected = exfiltration(inTime);
        Incident actual = exfiltration(catchingUp);
        assertThat(actual.getMembers()).contains("ev-exfil-1", "ev-exfil-2")
                .containsExactlyElementsOf(expected.getMembers());
        assertThat(actual.getRiskScore()).isEqualTo(expected.getRiskScore());
        assertThat(catchingUp.incidentMetric("late-signals-total")).isZero();
    }

    @Test
    void shouldJudgeLatenessPerInputPartitionSoThatAPartitionRunningAheadDropsNothingOfTheOthers() {
        // Catching up, Kafka Streams may work through one raw CloudTrail partition hours ahead of another. A weak
        // call from the partition behind, in time for its own partition, must still be there when its opener comes.
        IncidentDriver split = driver();
        split.signal(call("ev-ahead", "2026-03-01T14:00:00Z", "PRINCIPAL:arn:aws:iam::111122223333:user/ahead", false), P0)
                .signal(call("ev-weak", "2026-03-01T12:05:00Z", WEAK_ENTITY, false), P1)
                .signal(call("ev-opener", "2026-03-01T12:06:00Z", WEAK_ENTITY, true), P1);
        split.advanceTo("2026-03-01T15:00:00Z");

        assertThat(split.incidentMetric("late-signals-total")).isZero();
        assertThat(split.latest()).filteredOn(i -> i.getEntity().getId().endsWith("user/behind")).singleElement()
                .satisfies(i -> assertThat(i.getMembers()).containsExactly("ev-weak", "ev-opener"));

        // The same calls through one partition: there the weak call did arrive two hours late, and is dropped.
        IncidentDriver one = driver();
        one.signal(call("ev-ahead", "2026-03-01T14:00:00Z", "PRINCIPAL:arn:aws:iam::111122223333:user/ahead", false), P0)
                .signal(call("ev-weak", "2026-03-01T12:05:00Z", WEAK_ENTITY, false), P0)
                .signal(call("ev-opener", "2026-03-01T12:06:00Z", WEAK_ENTITY, true), P0);
        one.advanceTo("2026-03-01T15:00:00Z");

        assertThat(one.incidentMetric("dropped-late-signals-total")).isEqualTo(1);
        assertThat(one.latest()).filteredOn(i -> i.getEntity().getId().endsWith("user/behind")).singleElement()
                .satisfies(i -> assertThat(i.getMembers()).containsExactly("ev-opener"));
    }

    @Test
    void shouldTakeSignalsWithoutAnOriginAsOnePartitionOfTheirSource() {
        // Records an earlier version wrote to the repartition topic carry no origin: judged as that version did.
        IncidentDriver driver = driver();
        driver.signal(call("ev-ahead", "2026-03-01T14:00:00Z", "PRINCIPAL:arn:aws:iam::111122223333:user/ahead", false), null)
                .signal(call("ev-weak", "2026-03-01T12:05:00Z", WEAK_ENTITY, false), null);

        assertThat(driver.incidentMetric("dropped-late-signals-total")).isEqualTo(1);
    }

    private static final String P0 = "tripline.raw.cloudtrail:0";
    private static final String P1 = "tripline.raw.cloudtrail:1";
    private static final String WEAK_ENTITY = "PRINCIPAL:arn:aws:iam::111122223333:user/behind";

    /** A CloudTrail call's signal by a principal; {@code opener}: one that opens an incident alone. */
    private static Signal call(String id, String time, String entity, boolean opener) {
        long at = java.time.Instant.parse(time).toEpochMilli();
        return new Signal(id, Signal.EVENT, "CLOUDTRAIL", "111122223333", "us-east-1", at, at, at, entity, List.of(),
                opener ? "CreateAccessKey" : "GetCallerIdentity", opener ? "IAM persistence" : "Discovery",
                List.of(opener ? "PERSISTENCE" : "DISCOVERY"), opener ? "HIGH" : "LOW", null, 1, false, false, opener,
                Map.of(), List.of(id), opener ? List.of(Flags.IAM_PERSISTENCE) : List.of(), Map.of());
    }

    private static Incident exfiltration(IncidentDriver driver) {
        return driver.latest().stream().filter(i -> i.getMembers().stream().anyMatch(m -> m.contains("exfil01"))).findFirst().orElseThrow();
    }

    @Test
    void shouldOpenALateFindingBeyondGraceAtOnce() {
        IncidentDriver driver = driver();
        driver.advanceTo("2026-03-01T20:00:00Z");
        driver.guardDuty(onInstance(finding("old01", "Backdoor:EC2/C&CActivity.B!DNS", 8.0, "2026-03-01T10:00:00Z"),
                BRUTE_INSTANCE, Map.of()));

        assertThat(driver.incidents()).extracting(Incident::getStatus).containsExactly(IncidentStatus.OPEN);
    }

    @Test
    void shouldProduceByteIdenticalIncidentsAndOcsfWhenTheSameInputIsReplayed() {
        List<String> first = transcriptOfAllChains(IncidentStores.CACHE_ENTRIES);
        assertThat(first).isNotEmpty().anyMatch(line -> line.contains("\"activity_name\":\"Close\""));
        assertThat(transcriptOfAllChains(IncidentStores.CACHE_ENTRIES)).isEqualTo(first);
    }

    @Test
    void shouldProduceTheSameBytesWhenEveryStateIsReadBackFromTheStores() {
        assertThat(transcriptOfAllChains(0)).isEqualTo(transcriptOfAllChains(IncidentStores.CACHE_ENTRIES));
    }

    @Test
    void shouldOpenAtTheFirstOpenerWithReplaySettings() {
        IncidentDriver driver = drivers.add(new IncidentDriver(IncidentSettings.forReplay()));
        Scenarios.pipe(driver, Scenarios.dataExposureWithTrailTampering());

        assertThat(driver.incidents()).extracting(Incident::getStatus).first().isEqualTo(IncidentStatus.OPEN);
    }

    private List<String> transcriptOfAllChains(int cacheEntries) {
        return Scenarios.transcriptOfAllChains(drivers.add(new IncidentDriver(IncidentDriver.settings(), cacheEntries)));
    }
}
