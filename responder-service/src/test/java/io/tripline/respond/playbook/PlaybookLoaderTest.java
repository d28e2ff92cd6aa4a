package io.tripline.respond.playbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.tripline.schema.v1.ActionMode;

class PlaybookLoaderTest {

    private static IncidentFacts facts(Set<String> types, int score, String resourceType) {
        return new IncidentFacts("inc-1", types, Set.of(), Set.of(), score, resourceType, "111122223333", "us-east-1", Map.of());
    }

    @Test
    void shouldLoadTheShippedPlaybooks() {
        List<Playbook> playbooks = PlaybookLoader.load(List.of("classpath:playbooks"));

        assertThat(playbooks).extracting(Playbook::getName)
                .containsExactly("ec2-high-severity", "compromised-credentials", "public-bucket", "trail-tampering");
        assertThat(playbooks.get(0).getActions()).containsExactly("snapshot-volumes", "quarantine-instance", "notify");
        assertThat(playbooks.get(0).mode()).isEqualTo(ActionMode.APPROVE);
    }

    @Test
    void shouldMatchHighEc2IncidentsButNotMediumOnes() {
        Playbook ec2 = PlaybookLoader.load(List.of("classpath:playbooks")).get(0);

        assertThat(ec2.matches(facts(Set.of(), 85, "Instance"))).isTrue();
        assertThat(ec2.matches(facts(Set.of(), 55, "Instance"))).isFalse();
        assertThat(ec2.matches(facts(Set.of(), 85, "S3Bucket"))).isFalse();
    }

    @Test
    void shouldMatchFindingTypesWithWildcards() {
        Playbook credentials = PlaybookLoader.load(List.of("classpath:playbooks")).get(1);

        assertThat(credentials.matches(facts(Set.of("UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS"),
                10, "Instance"))).isTrue();
        assertThat(credentials.matches(facts(Set.of("Recon:EC2/PortProbeUnprotectedPort"), 10, "Instance"))).isFalse();
    }

    /** Detections carry their Sigma rule's id, so the playbook must name the id of the rule enrich ships for this. */
    @Test
    void shouldMatchTrailTamperingOnTheIdOfTheCloudTrailTamperingRuleEnrichShips() throws Exception {
        Playbook trail = PlaybookLoader.load(List.of("classpath:playbooks")).get(3);
        String ruleId = java.nio.file.Files.readAllLines(java.nio.file.Path.of("..", "enrich-stream", "src", "main", "resources",
                "rules", "logging", "aws_cloudtrail_tampering.yml")).stream().filter(l -> l.startsWith("id: "))
                .findFirst().orElseThrow().substring(4).trim();

        assertThat(trail.matches(new IncidentFacts("inc-1", Set.of(), Set.of(ruleId), Set.of("defense-evasion"), 60, "Account",
                "111122223333", "us-east-1", Map.of()))).isTrue();
        assertThat(trail.matches(new IncidentFacts("inc-2", Set.of(), Set.of("00000000-0000-0000-0000-000000000000"),
                Set.of("defense-evasion"), 60, "Account", "111122223333", "us-east-1", Map.of()))).isFalse();
    }

    @Test
    void shouldRejectAnUnknownActionNamingFileAndLine() {
        String yaml = "name: bad\nmode: auto\nmatch:\n  minRiskScore: 10\nactions:\n  - notify\n  - reboot-everything\n";

        assertThatThrownBy(() -> PlaybookLoader.parse("bad.yaml", yaml))
                .isInstanceOf(PlaybookException.class)
                .hasMessageContaining("bad.yaml:")
                .hasMessageContaining("unknown action 'reboot-everything'");
    }

    @Test
    void shouldRejectAnUnknownKeyWithItsLine() {
        String yaml = "name: bad\nmode: auto\nmatch:\n  minRiskScore: 10\n  severity: high\nactions: [notify]\n";

        assertThatThrownBy(() -> PlaybookLoader.parse("typo.yaml", yaml))
                .isInstanceOf(PlaybookException.class)
                .hasMessageStartingWith("invalid playbook typo.yaml:5:")
                .hasMessageContaining("severity");
    }

    @Test
    void shouldRejectAnUnknownModeAndBrokenYaml() {
        assertThatThrownBy(() -> PlaybookLoader.parse("mode.yaml", "name: m\nmode: yolo\nmatch: {minRiskScore: 1}\nactions: [notify]\n"))
                .hasMessageContaining("mode.yaml:2").hasMessageContaining("unknown mode 'yolo'");
        assertThatThrownBy(() -> PlaybookLoader.parse("syntax.yaml", "name: s\nactions: [notify\nmode: auto\n"))
                .isInstanceOf(PlaybookException.class).hasMessageContaining("syntax.yaml:");
        assertThatThrownBy(() -> PlaybookLoader.parse("empty.yaml", "name: e\nmatch: {minRiskScore: 1}\n"))
                .hasMessageContaining("'actions' must list at least one action");
    }
}
