package io.tripline.simulator.securityhub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tripline.simulator.AwsSimulator;
import io.tripline.simulator.SdkClients;
import io.tripline.simulator.SimulatorOptions;
import io.tripline.simulator.core.SimJson;
import io.tripline.simulator.guardduty.GuardDutyFindings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.securityhub.SecurityHubClient;
import software.amazon.awssdk.services.securityhub.model.AwsSecurityFinding;
import software.amazon.awssdk.services.securityhub.model.AwsSecurityFindingFilters;
import software.amazon.awssdk.services.securityhub.model.AwsSecurityFindingIdentifier;
import software.amazon.awssdk.services.securityhub.model.DateFilter;
import software.amazon.awssdk.services.securityhub.model.InvalidInputException;
import software.amazon.awssdk.services.securityhub.model.Resource;
import software.amazon.awssdk.services.securityhub.model.Severity;
import software.amazon.awssdk.services.securityhub.model.StringFilter;
import software.amazon.awssdk.services.securityhub.model.StringFilterComparison;

/** Security Hub contract: the real SDK client against the simulator's REST-JSON Security Hub. */
class SecurityHubIT {

    private static final String ACCOUNT = "220000000002";
    private static final String PRODUCT = "arn:aws:securityhub:us-east-1:" + ACCOUNT + ":product/" + ACCOUNT + "/default";
    private static AwsSimulator simulator;
    private static SecurityHubClient hub;

    @BeforeAll
    static void start() {
        simulator = AwsSimulator.start(SimulatorOptions.defaults().withStart(Instant.parse("2026-11-01T00:00:00Z")));
        hub = SdkClients.build(SecurityHubClient.builder(), simulator.endpoint(), ACCOUNT);
        for (int batch = 0; batch < 3; batch++) {
            List<AwsSecurityFinding> findings = new ArrayList<>();
            for (int i = 0; i < 70; i++) {
                findings.add(finding("bulk-" + batch + "-" + i, i % 2 == 0 ? "LOW" : "CRITICAL"));
            }
            assertThat(hub.batchImportFindings(b -> b.findings(findings)).successCount()).isEqualTo(70);
        }
    }

    @AfterAll
    static void stop() {
        hub.close();
        simulator.close();
    }

    @Test
    void shouldPageGetFindingsAHundredAtATimeCoveringEveryFindingOnce() {
        List<String> ids = new ArrayList<>();
        hub.getFindingsPaginator(b -> b.filters(idPrefix("bulk-")).maxResults(100))
                .forEach(page -> {
                    assertThat(page.findings().size()).isLessThanOrEqualTo(100);
                    page.findings().forEach(f -> ids.add(f.id()));
                });
        assertThat(ids).hasSize(210).doesNotHaveDuplicates();
    }

    @Test
    void shouldRejectMaxResultsAboveAHundredWithInvalidInputException() {
        assertThatThrownBy(() -> hub.getFindings(b -> b.maxResults(101))).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void shouldReportFindingsMissingRequiredFieldsAsFailed() {
        AwsSecurityFinding incomplete = finding("broken-1", "LOW").toBuilder().title(null).build();
        var result = hub.batchImportFindings(b -> b.findings(incomplete, finding("ok-1", "HIGH")));
        assertThat(result.successCount()).isEqualTo(1);
        assertThat(result.failedCount()).isEqualTo(1);
        assertThat(result.failedFindings().get(0).id()).isEqualTo("broken-1");
        assertThat(result.failedFindings().get(0).errorMessage()).contains("Title");
    }

    @Test
    void shouldFilterBySeverityLabelAndNotEquals() {
        AwsSecurityFindingFilters filters = AwsSecurityFindingFilters.builder()
                .id(StringFilter.builder().value("bulk-0-").comparison(StringFilterComparison.PREFIX).build())
                .severityLabel(StringFilter.builder().value("CRITICAL").comparison(StringFilterComparison.EQUALS).build())
                .workflowStatus(StringFilter.builder().value("SUPPRESSED").comparison(StringFilterComparison.NOT_EQUALS).build())
                .build();
        List<AwsSecurityFinding> found = hub.getFindings(b -> b.filters(filters)).findings();
        assertThat(found).hasSize(35).allSatisfy(f -> assertThat(f.severity().label().toString()).isEqualTo("CRITICAL"));
    }

    @Test
    void shouldFilterUpdatedAtByStartEndAndByDateRange() {
        simulator.world().clock().advance(java.time.Duration.ofDays(3));
        hub.batchImportFindings(b -> b.findings(finding("late-1", "MEDIUM")));
        String now = simulator.world().clock().now().toString();
        AwsSecurityFindingFilters recent = AwsSecurityFindingFilters.builder()
                .updatedAt(DateFilter.builder().dateRange(r -> r.value(1).unit("DAYS")).build()).build();
        assertThat(hub.getFindings(b -> b.filters(recent)).findings()).extracting(AwsSecurityFinding::id).contains("late-1")
                .doesNotContain("bulk-0-0");
        AwsSecurityFindingFilters window = AwsSecurityFindingFilters.builder()
                .updatedAt(DateFilter.builder().start("2026-10-31T00:00:00Z").end("2026-11-02T00:00:00Z").build())
                .id(StringFilter.builder().value("late-").comparison(StringFilterComparison.PREFIX_NOT_EQUALS).build()).build();
        List<String> old = new ArrayList<>();
        hub.getFindingsPaginator(b -> b.filters(window)).findings().forEach(f -> old.add(f.id()));
        assertThat(old).contains("bulk-2-69").doesNotContain("late-1");
        assertThat(now).isNotEmpty();
    }

    @Test
    void shouldMoveUpdatedAtAndWorkflowOnBatchUpdateFindings() {
        hub.batchImportFindings(b -> b.findings(finding("update-me", "HIGH")));
        AwsSecurityFinding before = hub.getFindings(b -> b.filters(idPrefix("update-me"))).findings().get(0);
        simulator.world().clock().advance(java.time.Duration.ofMinutes(5));
        var result = hub.batchUpdateFindings(b -> b.findingIdentifiers(
                        AwsSecurityFindingIdentifier.builder().id("update-me").productArn(PRODUCT).build(),
                        AwsSecurityFindingIdentifier.builder().id("no-such").productArn(PRODUCT).build())
                .workflow(w -> w.status("RESOLVED")).note(n -> n.text("contained").updatedBy("tripline"))
                .userDefinedFields(java.util.Map.of("incident", "INC-1")));
        assertThat(result.processedFindings()).hasSize(1);
        assertThat(result.unprocessedFindings()).hasSize(1);
        assertThat(result.unprocessedFindings().get(0).errorCode()).isEqualTo("FindingNotFound");
        AwsSecurityFinding after = hub.getFindings(b -> b.filters(idPrefix("update-me"))).findings().get(0);
        assertThat(after.workflow().statusAsString()).isEqualTo("RESOLVED");
        assertThat(after.note().text()).isEqualTo("contained");
        assertThat(after.userDefinedFields()).containsEntry("incident", "INC-1");
        assertThat(Instant.parse(after.updatedAt())).isAfter(Instant.parse(before.updatedAt()));
    }

    @Test
    void shouldReceiveGuardDutyFindingsAsAsffWithTheGuardDutyArnAsId() {
        var account = simulator.world().account(ACCOUNT);
        double[] severities = {3.9, 4.0, 7.0, 8.9, 9.0};
        String[] labels = {"LOW", "MEDIUM", "HIGH", "HIGH", "CRITICAL"};
        for (int i = 0; i < severities.length; i++) {
            ObjectNode spec = SimJson.object().put("type", "UnauthorizedAccess:EC2/SSHBruteForce").put("severity", severities[i]);
            spec.putObject("resource").put("resourceType", "Instance").putObject("instanceDetails").put("instanceId", "i-gd" + i);
            ObjectNode gd = GuardDutyFindings.publish(simulator.world(), account, "us-east-1", spec, simulator.world().clock().now());
            AwsSecurityFinding asff = hub.getFindings(b -> b.filters(f -> f.id(StringFilter.builder()
                    .value(gd.get("arn").asText()).comparison(StringFilterComparison.EQUALS).build()))).findings().get(0);
            assertThat(asff.productArn()).isEqualTo("arn:aws:securityhub:us-east-1::product/aws/guardduty");
            assertThat(asff.types()).containsExactly("TTPs/Initial Access/UnauthorizedAccess:EC2-SSHBruteForce");
            assertThat(asff.severity().labelAsString()).isEqualTo(labels[i]);
            assertThat(asff.resources().get(0).type()).isEqualTo("AwsEc2Instance");
            assertThat(asff.recordStateAsString()).isEqualTo("ACTIVE");
        }
    }

    private static AwsSecurityFindingFilters idPrefix(String prefix) {
        return AwsSecurityFindingFilters.builder()
                .id(StringFilter.builder().value(prefix).comparison(StringFilterComparison.PREFIX).build()).build();
    }

    private static AwsSecurityFinding finding(String id, String label) {
        String now = simulator.world().clock().now().toString();
        return AwsSecurityFinding.builder().schemaVersion("2018-10-08").id(id).productArn(PRODUCT)
                .generatorId("tripline-test").awsAccountId(ACCOUNT).types("Software and Configuration Checks")
                .createdAt(now).updatedAt(now).severity(Severity.builder().label(label).build())
                .title("Test finding " + id).description("A test finding")
                .resources(Resource.builder().type("AwsAccount").id("AWS::::Account:" + ACCOUNT).build()).build();
    }
}
