package io.tripline.enrich.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.tripline.enrich.scoring.ScoringModel;
import io.tripline.schema.v1.Incident;
import io.tripline.schema.v1.IncidentStatus;

/**
 * Live, an entity's signals reach the incident stage in an order that depends on how records from three
 * partitions interleave, and many share an event time (a GuardDuty finding and its Security Hub copy, the
 * calls of one script within a second). Whatever that order, the entity must end with the same members
 * and the published incident with the same id, title, members, tactics and score.
 */
class IncidentArrivalOrderTest {

    private static final long T = 1_772_359_200_000L; // 2026-03-01T10:00:00Z
    private static final String ENTITY = EntityKeys.of(EntityKeys.PRINCIPAL, "arn:aws:iam::111122223333:user/alice");
    /** Room for six signals and two repeats of a fact, so the bounds decide what stays too. */
    private static final IncidentSettings SETTINGS = new IncidentSettings(Duration.ofMinutes(15), Duration.ofHours(6),
            Duration.ofMinutes(15), Duration.ofHours(24), Duration.ofHours(24), 2, 6, 2, List.of(), ScoringModel.defaults());

    @Test
    void shouldBuildTheSameIncidentWhateverTheArrivalOrderOfSignalsWithEqualEventTimes() {
        List<Signal> signals = signals();
        Incident expected = incident(signals);
        Random random = new Random(6);
        for (int i = 0; i < 200; i++) {
            List<Signal> shuffled = new ArrayList<>(signals);
            Collections.shuffle(shuffled, random);
            assertThat(incident(shuffled)).as("arrival order %s", shuffled.stream().map(Signal::id).toList())
                    .isEqualTo(expected);
        }
        // The tie-breaks chose: the higher-count copy of the finding, the earliest weak signals by id.
        assertThat(expected.getMembers()).contains("gd-1", "det-a", "det-b").doesNotContain("ev-z");
        assertThat(expected.getFactors()).anySatisfy(f -> assertThat(f.getName()).isEqualTo("recurrence:count=8"));
    }

    private static Incident incident(List<Signal> arrivals) {
        IncidentState state = IncidentState.pending("111122223333", ENTITY);
        arrivals.forEach(s -> state.put(s, SETTINGS.maxSignals(), SETTINGS.maxPerFact()));
        state.open = true;
        state.version = 1;
        state.incidentId = IncidentAssembler.incidentId(state);
        state.updatedAt = state.lastSeen();
        return new IncidentAssembler(SETTINGS).build(state, IncidentStatus.OPEN);
    }

    /**
     * Two detections of different rules and equal severity at one instant (the title's tie), one finding reported
     * twice at the same updatedAt with different counts (GuardDuty and its Security Hub copy), and more weak
     * CloudTrail calls at one instant than the entity has room for.
     */
    private static List<Signal> signals() {
        List<Signal> out = new ArrayList<>();
        out.add(detection("det-b", "rule-b", "PERSISTENCE"));
        out.add(detection("det-a", "rule-a", "PRIVILEGE_ESCALATION"));
        out.add(finding(3));
        out.add(finding(8));
        for (String id : List.of("ev-v", "ev-w", "ev-x", "ev-y", "ev-z")) {
            out.add(new Signal(id, Signal.EVENT, "CLOUDTRAIL", "111122223333", "us-east-1", T, T, T, ENTITY, List.of(),
                    "CreateAccessKey-" + id, "IAM persistence", List.of("PERSISTENCE"), "UNKNOWN", null, 1, false, false,
                    false, Map.of(), List.of(id), List.of(Flags.IAM_PERSISTENCE), Map.of("sourceIp", "198.51.100." + id.length())));
        }
        return out;
    }

    private static Signal detection(String id, String rule, String tactic) {
        return new Signal(id, Signal.DETECTION, "SIGMA", "111122223333", "us-east-1", T, T, T, ENTITY, List.of(), rule,
                "Title of " + rule, List.of(tactic), "HIGH", null, 1, false, false, true, Map.of(), List.of(), List.of(),
                Map.of());
    }

    private static Signal finding(long count) {
        return new Signal("gd-1", Signal.FINDING, count > 5 ? "SECURITY_HUB" : "GUARDDUTY", "111122223333", "us-east-1", T,
                T, T, ENTITY, List.of(), "CredentialAccess:IAMUser/AnomalousBehavior", "Anomalous behaviour",
                List.of("CREDENTIAL_ACCESS"), "MEDIUM", 5.0, count, false, false, true, Map.of(), List.of(),
                List.of(Flags.IAM_ANOMALY), Map.of());
    }
}
