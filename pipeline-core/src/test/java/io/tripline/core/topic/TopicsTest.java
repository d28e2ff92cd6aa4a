package io.tripline.core.topic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The topic registry matches the architecture's topic table. */
class TopicsTest {

    @Test
    void shouldDeclareEveryTopicOfTheArchitectureOnceWithItsCleanupPolicy() {
        List<String> names = Topics.all().stream().map(Topic::name).toList();
        assertThat(new HashSet<>(names)).hasSameSizeAs(names);
        assertThat(names).containsExactlyInAnyOrder("tripline.raw.guardduty", "tripline.raw.securityhub",
                "tripline.raw.cloudtrail", "tripline.findings", "tripline.detections", "tripline.incidents",
                "tripline.ocsf", "tripline.remediation.actions", "tripline.remediation.audit",
                "tripline.ingest.cursors", "tripline.dlq");

        Set<Topic<?, ?>> compacted = Set.of(Topics.FINDINGS, Topics.INCIDENTS, Topics.REMEDIATION_ACTIONS,
                Topics.INGEST_CURSORS);
        for (Topic<?, ?> topic : Topics.all()) {
            assertThat(topic.cleanup() == Topic.Cleanup.COMPACT).as(topic.name()).isEqualTo(compacted.contains(topic));
        }
    }

    @Test
    void shouldKeepTheAuditTrailForeverOnOnePartitionSoTheHashChainHasOneOrder() {
        assertThat(Topics.REMEDIATION_AUDIT.partitions()).isEqualTo(1);
        assertThat(Topics.REMEDIATION_AUDIT.configs()).containsEntry("cleanup.policy", "delete")
                .containsEntry("retention.ms", "-1");
    }

    @Test
    void shouldTreatInvestigationTopicsAsNonProduction() {
        assertThat(Topics.isProductionTopic("tripline.incidents")).isTrue();
        assertThat(Topics.isProductionTopic("_schemas")).isTrue();
        assertThat(Topics.isProductionTopic("tripline.investigation.case-42")).isFalse();
        assertThat(Topics.isProductionTopic("case-42-replay")).isFalse();
    }
}
