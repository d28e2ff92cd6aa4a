package io.tripline.respond.action;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.tripline.respond.playbook.ActionTypes;
import io.tripline.schema.v1.ActionState;
import io.tripline.schema.v1.RemediationAction;

/**
 * Renders the notification of an incident: a subject of at most 100 characters (SNS's limit) and a
 * message a person can act on — title, score and top factors, resources, actions taken and pending, how
 * to approve — or the same content as JSON for machines.
 */
public final class NotificationMessage {

    /** SNS refuses subjects longer than 100 characters. */
    public static final int MAX_SUBJECT = 100;
    private static final ObjectMapper JSON = new ObjectMapper();

    private NotificationMessage() {
    }

    public static String subject(Map<String, String> d) {
        String subject = "[Tripline " + d.getOrDefault("incident.level", "?") + " " + d.getOrDefault("incident.score", "?")
                + "] " + d.getOrDefault("incident.title", "incident");
        // SNS subjects: ASCII printable, no line breaks, at most 100 characters
        subject = subject.replaceAll("[\\r\\n\\t]", " ").replaceAll("[^\\x20-\\x7E]", "?");
        return subject.length() <= MAX_SUBJECT ? subject : subject.substring(0, MAX_SUBJECT - 3) + "...";
    }

    public static String text(RemediationAction notify, Map<String, String> d, Collection<RemediationAction> actions,
                              String approveUrl) {
        StringBuilder b = new StringBuilder();
        b.append(d.getOrDefault("incident.title", "Incident")).append("\n\n");
        b.append("Incident:  ").append(notify.getIncidentId()).append('\n');
        b.append("Risk:      ").append(d.getOrDefault("incident.score", "?")).append(" (")
                .append(d.getOrDefault("incident.level", "?")).append(")\n");
        b.append("Account:   ").append(notify.getAccountId()).append("  Region: ").append(notify.getRegion()).append('\n');
        b.append("Resource:  ").append(d.getOrDefault("incident.entity", "?")).append('\n');
        b.append("\nTop factors:\n");
        for (String factor : d.getOrDefault("incident.factors", "").split("\n")) {
            if (!factor.isBlank()) {
                b.append("  - ").append(factor).append('\n');
            }
        }
        List<RemediationAction> others = others(notify, actions);
        b.append("\nActions taken:\n");
        others.stream().filter(a -> taken(a.getState())).forEach(a -> line(b, a));
        if (others.stream().noneMatch(a -> taken(a.getState()))) {
            b.append("  (none)\n");
        }
        b.append("\nActions pending:\n");
        List<RemediationAction> pending = others.stream().filter(a -> pending(a.getState())).toList();
        pending.forEach(a -> line(b, a));
        if (pending.isEmpty()) {
            b.append("  (none)\n");
        } else {
            b.append("\nTo approve (or reject) a pending action:\n");
            b.append("  curl -X POST -H 'Authorization: Bearer <token>' -H 'Content-Type: application/json' -d '{\"actor\":\"you@example.com\"}' ")
                    .append(approveUrl).append("/actions/<ACTION_ID>/approve\n");
            b.append("  (list them with GET ").append(approveUrl).append("/actions?pending=true)\n");
        }
        return b.toString();
    }

    public static String json(RemediationAction notify, Map<String, String> d, Collection<RemediationAction> actions,
                              String approveUrl) {
        ObjectNode root = JSON.createObjectNode();
        root.put("incidentId", notify.getIncidentId());
        root.put("title", d.get("incident.title"));
        root.put("riskScore", d.get("incident.score"));
        root.put("riskLevel", d.get("incident.level"));
        root.put("accountId", notify.getAccountId());
        root.put("region", notify.getRegion());
        root.put("resource", d.get("incident.entity"));
        ArrayNode factors = root.putArray("factors");
        for (String factor : d.getOrDefault("incident.factors", "").split("\n")) {
            if (!factor.isBlank()) {
                factors.add(factor);
            }
        }
        ArrayNode list = root.putArray("actions");
        for (RemediationAction a : others(notify, actions)) {
            list.addObject().put("actionId", a.getActionId()).put("type", a.getActionType()).put("target", a.getTarget())
                    .put("state", a.getState().name()).put("reason", a.getReason() == null ? null : a.getReason().toString());
        }
        root.put("approveUrl", approveUrl + "/actions/{actionId}/approve");
        return root.toString();
    }

    private static List<RemediationAction> others(RemediationAction notify, Collection<RemediationAction> actions) {
        return actions.stream().filter(a -> a.getIncidentId().equals(notify.getIncidentId()))
                .filter(a -> !ActionTypes.NOTIFY.equals(a.getActionType()))
                .sorted(Comparator.comparing(RemediationAction::getCreatedAt)).toList();
    }

    private static boolean taken(ActionState state) {
        return state == ActionState.SUCCEEDED || state == ActionState.FAILED || state == ActionState.EXECUTING
                || state == ActionState.EXEMPT || state == ActionState.ROLLED_BACK;
    }

    private static boolean pending(ActionState state) {
        return state == ActionState.PROPOSED || state == ActionState.HELD || state == ActionState.APPROVED;
    }

    private static void line(StringBuilder b, RemediationAction a) {
        b.append("  - ").append(a.getActionType()).append(' ').append(a.getTarget()).append(": ").append(a.getState());
        if (a.getReason() != null) {
            b.append(" (").append(a.getReason()).append(')');
        }
        b.append("  [").append(a.getActionId()).append("]\n");
    }
}
