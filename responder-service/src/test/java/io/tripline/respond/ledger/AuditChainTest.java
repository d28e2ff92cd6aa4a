package io.tripline.respond.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.tripline.schema.v1.ActionMode;
import io.tripline.schema.v1.ActionState;
import io.tripline.schema.v1.RemediationAction;

class AuditChainTest {

    static RemediationAction action(ActionState state, Map<String, String> details) {
        return RemediationAction.newBuilder().setActionId(ActionIds.of("inc-1", "notify", "inc-1")).setIncidentId("inc-1")
                .setActionType("notify").setTarget("inc-1").setState(state).setMode(ActionMode.AUTO).setAttempts(0)
                .setDetails(details).setCreatedAt(Instant.parse("2026-11-01T00:00:00Z"))
                .setUpdatedAt(Instant.parse("2026-11-01T00:00:01Z")).build();
    }

    @Test
    void shouldDeriveTheSameActionIdForTheSameIncidentTypeAndTarget() {
        assertThat(ActionIds.of("inc-1", "quarantine-instance", "i-1")).isEqualTo(ActionIds.of("inc-1", "quarantine-instance", "i-1"))
                .isNotEqualTo(ActionIds.of("inc-1", "quarantine-instance", "i-2"))
                .startsWith("act-").hasSize(36);
        // length prefixes keep ("a|b", "c") and ("a", "b|c") apart
        assertThat(ActionIds.of("a|b", "c", "d")).isNotEqualTo(ActionIds.of("a", "b|c", "d"));
    }

    @Test
    void shouldHashIndependentlyOfDetailsOrder() {
        Map<String, String> one = new LinkedHashMap<>();
        one.put("a", "1");
        one.put("b", "2");
        Map<String, String> two = new LinkedHashMap<>();
        two.put("b", "2");
        two.put("a", "1");

        assertThat(AuditChain.link(action(ActionState.PROPOSED, one), 1, AuditChain.GENESIS).getHash())
                .isEqualTo(AuditChain.link(action(ActionState.PROPOSED, two), 1, AuditChain.GENESIS).getHash());
    }

    @Test
    void shouldAcceptAnIntactChainAndNameAnAlteredRecord() {
        RemediationAction first = AuditChain.link(action(ActionState.PROPOSED, new HashMap<>()), 1, AuditChain.GENESIS);
        RemediationAction second = AuditChain.link(action(ActionState.SUCCEEDED, new HashMap<>()), 2, first.getHash());

        assertThat(AuditVerifier.check(first, AuditChain.GENESIS, 1)).isNull();
        assertThat(AuditVerifier.check(second, first.getHash(), 2)).isNull();

        RemediationAction altered = RemediationAction.newBuilder(second).setReason("nothing happened").build();
        assertThat(AuditVerifier.check(altered, first.getHash(), 2)).contains("record altered");
        assertThat(AuditVerifier.check(second, AuditChain.GENESIS, 2)).contains("previousHash");
        assertThat(AuditVerifier.check(second, first.getHash(), 3)).contains("sequence");
    }
}
