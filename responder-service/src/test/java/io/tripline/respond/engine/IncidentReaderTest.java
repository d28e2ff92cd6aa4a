package io.tripline.respond.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.tripline.respond.playbook.IncidentFacts;
import io.tripline.schema.v1.Incident;

class IncidentReaderTest {

    private final EvidenceIndex index = new EvidenceIndex();
    private final IncidentReader reader = new IncidentReader(index);

    @Test
    void shouldTakeFindingTypesAndTagsFromTheIncidentsMemberFindings() {
        index.add(TestIncidents.finding("gd-1", "UnauthorizedAccess:EC2/SSHBruteForce", "i-2"));
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
    void shouldMatchGuardDutyTypesOnTheSecurityHubCopyOfAGuardDutyFinding() {
        index.add(io.tripline.schema.v1.SecurityFinding.newBuilder(
                        TestIncidents.finding("arn:gd-1", "TTPs/Initial Access/UnauthorizedAccess:EC2-SSHBruteForce", "i-2"))
                .setSecurityHubCopy(true).build());
        Incident incident = Incident.newBuilder(TestIncidents.incident("inc-2", "Instance", "i-2", "111122223333", 50))
                .setMembers(List.of("arn:gd-1")).build();

        assertThat(reader.facts(incident).findingTypes()).containsExactly(
                "TTPs/Initial Access/UnauthorizedAccess:EC2-SSHBruteForce", "UnauthorizedAccess:EC2/SSHBruteForce");
        assertThat(IncidentReader.guardDutyType("Software and Configuration Checks/Industry and Regulatory Standards"))
                .isEmpty();
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
