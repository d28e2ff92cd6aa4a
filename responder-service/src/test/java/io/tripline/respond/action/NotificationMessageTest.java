package io.tripline.respond.action;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.tripline.schema.v1.ActionMode;
import io.tripline.schema.v1.ActionState;
import io.tripline.schema.v1.RemediationAction;

class NotificationMessageTest {

    private static RemediationAction action(String type, String target, ActionState state) {
        return RemediationAction.newBuilder().setActionId("act-" + type).setIncidentId("inc-1").setActionType(type)
                .setTarget(target).setAccountId("111122223333").setRegion("us-east-1").setState(state)
                .setMode(ActionMode.APPROVE).setAttempts(0).setDetails(new HashMap<>())
                .setCreatedAt(Instant.parse("2026-11-01T00:00:00Z")).setUpdatedAt(Instant.parse("2026-11-01T00:00:00Z")).build();
    }

    private static Map<String, String> details(String title) {
        return Map.of("incident.title", title, "incident.score", "92", "incident.level", "CRITICAL",
                "incident.entity", "Instance i-1", "incident.factors", "Critical finding (+50)\nExfiltration (+30)");
    }

    @Test
    void shouldKeepTheSubjectWithinSnsLimitsWhateverTheTitle() {
        String subject = NotificationMessage.subject(details("Very long title ".repeat(20) + "\nwith a line break and ü"));

        assertThat(subject).hasSizeLessThanOrEqualTo(100).startsWith("[Tripline CRITICAL 92] Very long").endsWith("...")
                .doesNotContain("\n");
    }

    @Test
    void shouldListActionsTakenAndPendingWithHowToApprove() {
        RemediationAction notify = action("notify", "inc-1", ActionState.EXECUTING);
        List<RemediationAction> all = List.of(notify, action("snapshot-volumes", "i-1", ActionState.SUCCEEDED),
                action("quarantine-instance", "i-1", ActionState.PROPOSED));

        String text = NotificationMessage.text(notify, details("SSH brute force on web-1"), all, "http://127.0.0.1:8083");

        assertThat(text).contains("SSH brute force on web-1", "Risk:      92 (CRITICAL)", "  - Critical finding (+50)",
                "Actions taken:\n  - snapshot-volumes i-1: SUCCEEDED", "Actions pending:\n  - quarantine-instance i-1: PROPOSED",
                "http://127.0.0.1:8083/actions/<ACTION_ID>/approve");
    }

    @Test
    void shouldRenderTheSameContentAsJsonForMachines() throws Exception {
        RemediationAction notify = action("notify", "inc-1", ActionState.EXECUTING);
        JsonNode json = new ObjectMapper().readTree(NotificationMessage.json(notify, details("t"),
                List.of(notify, action("quarantine-instance", "i-1", ActionState.HELD)), "http://x"));

        assertThat(json.path("incidentId").asText()).isEqualTo("inc-1");
        assertThat(json.path("factors")).hasSize(2);
        assertThat(json.path("actions").get(0).path("state").asText()).isEqualTo("HELD");
    }
}
