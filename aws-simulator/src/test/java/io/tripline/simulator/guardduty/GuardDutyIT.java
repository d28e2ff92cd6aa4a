package io.tripline.simulator.guardduty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tripline.simulator.AwsSimulator;
import io.tripline.simulator.SdkClients;
import io.tripline.simulator.SimulatorOptions;
import io.tripline.simulator.core.Account;
import io.tripline.simulator.core.SimJson;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.guardduty.GuardDutyClient;
import software.amazon.awssdk.services.guardduty.model.BadRequestException;
import software.amazon.awssdk.services.guardduty.model.Condition;
import software.amazon.awssdk.services.guardduty.model.Finding;
import software.amazon.awssdk.services.guardduty.model.FindingCriteria;
import software.amazon.awssdk.services.guardduty.model.OrderBy;
import software.amazon.awssdk.services.guardduty.model.SortCriteria;

/** GuardDuty contract: the real SDK client against the simulator's REST-JSON GuardDuty. */
class GuardDutyIT {

    /** A 12-digit key acts as that account's root, so this class owns its account. */
    private static final String ACCOUNT = "210000000001";
    private static AwsSimulator simulator;
    private static GuardDutyClient guardDuty;
    private static String detectorId;

    @BeforeAll
    static void start() {
        simulator = AwsSimulator.start(SimulatorOptions.defaults().withStart(Instant.parse("2026-11-01T00:00:00Z")));
        guardDuty = SdkClients.build(GuardDutyClient.builder(), simulator.endpoint(), ACCOUNT);
        detectorId = guardDuty.createDetector(b -> b.enable(true)).detectorId();
        Account account = simulator.world().account(ACCOUNT);
        for (int i = 0; i < 120; i++) {
            ObjectNode spec = SimJson.object().put("type", i % 3 == 0 ? "UnauthorizedAccess:EC2/SSHBruteForce"
                    : "Recon:EC2/PortProbeUnprotectedPort").put("severity", (i % 10) + 0.5);
            spec.putObject("resource").put("resourceType", "Instance").putObject("instanceDetails").put("instanceId", "i-" + i);
            GuardDutyFindings.publish(simulator.world(), account, "us-east-1", spec,
                    Instant.parse("2026-11-01T00:00:00Z").plusSeconds(i));
        }
    }

    @AfterAll
    static void stop() {
        guardDuty.close();
        simulator.close();
    }

    @Test
    void shouldListTheDetectorAndDescribeItAsEnabled() {
        assertThat(guardDuty.listDetectors(b -> { }).detectorIds()).containsExactly(detectorId);
        var detector = guardDuty.getDetector(b -> b.detectorId(detectorId));
        assertThat(detector.statusAsString()).isEqualTo("ENABLED");
        assertThat(detector.serviceRole()).contains(ACCOUNT);
    }

    @Test
    void shouldRefuseASecondDetectorWithBadRequestException() {
        assertThatThrownBy(() -> guardDuty.createDetector(b -> b.enable(true)))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("already exists");
    }

    @Test
    void shouldPageListFindingsFiftyAtATimeCoveringEveryFindingOnce() {
        List<String> ids = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        // the 120 seeded findings are the ones updated in the first hour; other tests add later ones
        FindingCriteria seeded = FindingCriteria.builder().criterion(java.util.Map.of(
                "updatedAt", Condition.builder().lessThan(Instant.parse("2026-11-01T01:00:00Z").toEpochMilli()).build(),
                "resource.instanceDetails.instanceId", Condition.builder().notEquals("i-archive-me", "i-miner").build())).build();
        guardDuty.listFindingsPaginator(b -> b.detectorId(detectorId).findingCriteria(seeded)
                .maxResults(50)).forEach(page -> {
                    pageSizes.add(page.findingIds().size());
                    ids.addAll(page.findingIds());
                });
        assertThat(ids).hasSize(120).doesNotHaveDuplicates();
        assertThat(pageSizes).containsExactly(50, 50, 20);
    }

    @Test
    void shouldRejectMaxResultsAboveFiftyWithBadRequestException() {
        assertThatThrownBy(() -> guardDuty.listFindings(b -> b.detectorId(detectorId).maxResults(51)))
                .isInstanceOf(BadRequestException.class).satisfies(e ->
                        assertThat(((BadRequestException) e).statusCode()).isEqualTo(400));
    }

    @Test
    void shouldRejectGetFindingsOfMoreThanFiftyIds() {
        List<String> ids = guardDuty.listFindings(b -> b.detectorId(detectorId).maxResults(50)).findingIds();
        List<String> tooMany = new ArrayList<>(ids);
        tooMany.add("ffffffffffffffffffffffffffffffff");
        assertThatThrownBy(() -> guardDuty.getFindings(b -> b.detectorId(detectorId).findingIds(tooMany)))
                .isInstanceOf(BadRequestException.class);
    }

    @Test
    void shouldSelectHighSeverityFindingsWithGreaterThanOrEqual() {
        FindingCriteria criteria = FindingCriteria.builder()
                .criterion(java.util.Map.of("severity", Condition.builder().greaterThanOrEqual(7L).build())).build();
        List<String> ids = new ArrayList<>();
        guardDuty.listFindingsPaginator(b -> b.detectorId(detectorId).findingCriteria(criteria)).findingIds().forEach(ids::add);
        assertThat(ids).hasSize(36); // severities 7.5, 8.5, 9.5 of every ten
        List<Finding> findings = guardDuty.getFindings(b -> b.detectorId(detectorId).findingIds(ids.subList(0, 30))).findings();
        assertThat(findings).allSatisfy(f -> assertThat(f.severity()).isGreaterThanOrEqualTo(7.0));
    }

    @Test
    void shouldFilterByTypeAndSortBySeverityDescending() {
        FindingCriteria criteria = FindingCriteria.builder().criterion(java.util.Map.of(
                "type", Condition.builder().equalsValue("UnauthorizedAccess:EC2/SSHBruteForce").build())).build();
        List<String> ids = guardDuty.listFindings(b -> b.detectorId(detectorId).findingCriteria(criteria)
                .sortCriteria(SortCriteria.builder().attributeName("severity").orderBy(OrderBy.DESC).build())
                .maxResults(10)).findingIds();
        List<Finding> findings = guardDuty.getFindings(b -> b.detectorId(detectorId).findingIds(ids)
                .sortCriteria(SortCriteria.builder().attributeName("severity").orderBy(OrderBy.DESC).build())).findings();
        assertThat(findings).hasSize(10).allSatisfy(f -> assertThat(f.type()).isEqualTo("UnauthorizedAccess:EC2/SSHBruteForce"));
        assertThat(findings.get(0).severity()).isEqualTo(9.5);
        assertThat(findings).extracting(Finding::severity).isSortedAccordingTo((a, b) -> Double.compare(b, a));
    }

    @Test
    void shouldParseTheDocumentedFindingShape() {
        String id = guardDuty.listFindings(b -> b.detectorId(detectorId).maxResults(1)).findingIds().get(0);
        Finding f = guardDuty.getFindings(b -> b.detectorId(detectorId).findingIds(id)).findings().get(0);
        assertThat(f.accountId()).isEqualTo(ACCOUNT);
        assertThat(f.arn()).isEqualTo("arn:aws:guardduty:us-east-1:" + ACCOUNT + ":detector/" + detectorId + "/finding/" + id);
        assertThat(f.updatedAt()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(f.schemaVersion()).isEqualTo("2.0");
        assertThat(f.resource().instanceDetails().instanceId()).startsWith("i-");
        assertThat(f.service().detectorId()).isEqualTo(detectorId);
        assertThat(f.service().serviceName()).isEqualTo("guardduty");
        assertThat(f.service().count()).isEqualTo(1);
    }

    @Test
    void shouldUpdateARepeatedFindingInPlaceWithAGrowingCount() {
        Account account = simulator.world().account(ACCOUNT);
        ObjectNode spec = SimJson.object().put("type", "CryptoCurrency:EC2/BitcoinTool.B!DNS");
        spec.putObject("resource").put("resourceType", "Instance").putObject("instanceDetails").put("instanceId", "i-miner");
        ObjectNode first = GuardDutyFindings.publish(simulator.world(), account, "us-east-1", spec, Instant.parse("2026-11-02T00:00:00Z"));
        ObjectNode second = GuardDutyFindings.publish(simulator.world(), account, "us-east-1", spec, Instant.parse("2026-11-02T01:00:00Z"));
        assertThat(second.get("id").asText()).isEqualTo(first.get("id").asText());
        Finding f = guardDuty.getFindings(b -> b.detectorId(detectorId).findingIds(first.get("id").asText())).findings().get(0);
        assertThat(f.service().count()).isEqualTo(2);
        assertThat(f.updatedAt()).isEqualTo("2026-11-02T01:00:00.000Z");
        assertThat(f.createdAt()).isEqualTo("2026-11-02T00:00:00.000Z");
    }

    @Test
    void shouldArchiveAndUnarchiveFindingsSoTheArchivedCriterionSeesThem() {
        Account account = simulator.world().account(ACCOUNT);
        ObjectNode spec = SimJson.object().put("type", "Trojan:EC2/DNSDataExfiltration");
        spec.putObject("resource").putObject("instanceDetails").put("instanceId", "i-archive-me");
        String id = GuardDutyFindings.publish(simulator.world(), account, "us-east-1", spec, Instant.parse("2026-11-03T00:00:00Z"))
                .get("id").asText();
        guardDuty.archiveFindings(b -> b.detectorId(detectorId).findingIds(id));
        Set<String> archived = new HashSet<>(guardDuty.listFindings(b -> b.detectorId(detectorId)
                .findingCriteria(notArchivedSsh(true))).findingIds());
        assertThat(archived).containsExactly(id);
        guardDuty.unarchiveFindings(b -> b.detectorId(detectorId).findingIds(id));
        assertThat(guardDuty.listFindings(b -> b.detectorId(detectorId).findingCriteria(notArchivedSsh(true))).findingIds()).isEmpty();
    }

    @Test
    void shouldCreateSampleFindingsMarkedAsSamples() {
        String region = "eu-west-1";
        GuardDutyClient eu = SdkClients.build(GuardDutyClient.builder(), simulator.endpoint(),
                software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(ACCOUNT, "x"), region,
                software.amazon.awssdk.core.retry.RetryMode.STANDARD);
        String euDetector = eu.createDetector(b -> b.enable(true)).detectorId();
        eu.createSampleFindings(b -> b.detectorId(euDetector).findingTypes("Backdoor:EC2/C&CActivity.B!DNS"));
        List<String> ids = eu.listFindings(b -> b.detectorId(euDetector)).findingIds();
        Finding f = eu.getFindings(b -> b.detectorId(euDetector).findingIds(ids)).findings().get(0);
        assertThat(f.type()).isEqualTo("Backdoor:EC2/C&CActivity.B!DNS");
        assertThat(f.service().additionalInfo().value()).contains("\"sample\":true");
        assertThat(f.region()).isEqualTo(region);
        eu.close();
    }

    private static FindingCriteria notArchivedSsh(boolean archived) {
        return FindingCriteria.builder().criterion(java.util.Map.of("service.archived",
                Condition.builder().eq(Boolean.toString(archived)).build())).build();
    }
}
