package io.tripline.respond.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.tripline.schema.v1.Incident;

/**
 * What an incident waits for before it is decided: its finding and detection members missing from the
 * evidence index, never its CloudTrail event members, which enrich does not publish as evidence (waiting for
 * them meant waiting for the evidence topics to be read to their ends, seconds under load).
 */
class IncidentMembersWaitTest {

    private static final String TYPE = "UnauthorizedAccess:EC2/SSHBruteForce";

    @Test
    void shouldWaitOnlyForFindingAndDetectionMembersNotYetIndexed() {
        EvidenceIndex index = new EvidenceIndex();
        index.add(TestIncidents.finding("gd-known", TYPE, "i-1"));
        Incident incident = Incident.newBuilder(TestIncidents.incident("inc-1", "Instance", "i-1", "111122223333", 60))
                .setMembers(List.of("gd-known", "det-unread", "ev-1", "ev-2"))
                .setEventMembers(List.of("ev-1", "ev-2")).build();

        assertThat(IncidentConsumer.missingMembers(incident, index)).containsExactly("det-unread");

        index.add(TestIncidents.finding("det-unread", TYPE, "i-1"));
        assertThat(IncidentConsumer.missingMembers(incident, index)).isEmpty();
    }

    @Test
    void shouldWaitForEveryUnindexedMemberOfAnIncidentWrittenBeforeEventMembersExisted() {
        Incident legacy = Incident.newBuilder(TestIncidents.incident("inc-2", "Instance", "i-1", "111122223333", 60))
                .setMembers(List.of("gd-unread", "ev-1")).build();

        assertThat(legacy.getEventMembers()).isEmpty();
        assertThat(IncidentConsumer.missingMembers(legacy, new EvidenceIndex())).containsExactly("ev-1", "gd-unread");
    }
}
