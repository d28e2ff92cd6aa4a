package io.tripline.respond.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.tripline.respond.playbook.IncidentFacts;
import io.tripline.schema.v1.FindingResource;
import io.tripline.schema.v1.FindingSource;
import io.tripline.schema.v1.Incident;
import io.tripline.schema.v1.SecurityFinding;
import io.tripline.schema.v1.Severity;
import io.tripline.schema.v1.SeverityLabel;

class IncidentReaderTest {

    private final EvidenceIndex index = new EvidenceIndex();
    private final IncidentReader reader = new IncidentReader(index);

    @Test
    void shouldTakeFindingTypesAndTagsFromTheIncidentsMemberFindings() {
        Instant t = Instant.parse("2026-11-01T00:00:00Z");
        index.add(SecurityFinding.newBuilder().setIdentity("gd-1").setSource(FindingSource.GUARDDUTY).setSourceId("gd-1")
                .setSecurityHubCopy(false).setTypes(List.of("UnauthorizedAccess:EC2/SSHBruteForce"))
                .setSeverity(Severity.newBuilder().setLabel(SeverityLabel.HIGH).setNormalized(80).build())
                .setAccountId("111122223333").setRegion("us-east-1")
                .setResources(List.of(FindingResource.newBuilder().setType("AwsEc2Instance").setId("i-2")
                        .setTags(Map.of("Environment", "production")).build()))
                .setFirstSeen(t).setLastSeen(t).setUpdatedAt(t).setCount(1).setSample(false).setRecordState(io.tripline.schema.v1.RecordState.ACTIVE)
                .setWorkflowStatus(io.tripline.schema.v1.WorkflowStatus.NEW).setRaw("{}").build());
        Incident incident = Incident.newBuilder(TestIncidents.incident("inc-1", "Instance", "i-1", "111122223333", 80))
                .setMembers(List.of("gd-1", "unknown")).build();

        IncidentFacts facts = reader.facts(incident);

        assertThat(facts.findingTypes()).containsExactly("UnauthorizedAccess:EC2/SSHBruteForce");
        assertThat(facts.tags()).containsEntry("Environment", "production");
        assertThat(reader.targets("quarantine-instance", incident)).containsExactly("i-1", "i-2");
        assertThat(reader.targets("notify", incident)).containsExactly("inc-1");
        assertThat(reader.targets("disable-access-key", incident)).isEmpty();
    }

    @Test
    void shouldNameUsersRolesAndBucketsFromTheirArns() {
        assertThat(reader.targets("disable-access-key",
                TestIncidents.incident("i", "IAMUser", "arn:aws:iam::444455556666:user/alice", "444455556666", 70)))
                .containsExactly("alice");
        assertThat(reader.targets("revoke-role-sessions",
                TestIncidents.incident("i", "AssumedRole", "arn:aws:sts::111122223333:assumed-role/web-role/i-0a1b", "111122223333", 70)))
                .containsExactly("web-role");
        assertThat(reader.targets("revoke-role-sessions",
                TestIncidents.incident("i", "Role", "arn:aws:iam::111122223333:role/app/web-role", "111122223333", 70)))
                .containsExactly("web-role");
        assertThat(reader.targets("block-s3-public-access",
                TestIncidents.incident("i", "S3Bucket", "arn:aws:s3:::acme-customer-exports", "777788889999", 70)))
                .containsExactly("acme-customer-exports");
    }

    @Test
    void shouldUnderstandTheEntityKindsEnrichStreamWrites() {
        Incident alice = TestIncidents.incident("i", "PRINCIPAL", "arn:aws:iam::444455556666:user/alice", "444455556666", 87);
        assertThat(reader.facts(alice).resourceType()).isEqualTo("IAMUser");
        assertThat(reader.targets("disable-access-key", alice)).containsExactly("alice");

        Incident session = TestIncidents.incident("i", "PRINCIPAL",
                "arn:aws:sts::111122223333:assumed-role/web-role/i-0a1b", "111122223333", 81);
        assertThat(reader.facts(session).resourceType()).isEqualTo("AssumedRole");
        assertThat(reader.targets("revoke-role-sessions", session)).containsExactly("web-role");

        Incident instance = TestIncidents.incident("i", "INSTANCE", "i-0a1b", "111122223333", 91);
        assertThat(reader.facts(instance).resourceType()).isEqualTo("Instance");
        assertThat(reader.targets("quarantine-instance", instance)).containsExactly("i-0a1b");
        assertThat(reader.targets("disable-access-key", instance)).isEmpty();
    }
}
