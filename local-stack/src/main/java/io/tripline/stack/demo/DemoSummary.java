package io.tripline.stack.demo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.tripline.core.normalize.Json;
import io.tripline.schema.v1.ActionState;
import io.tripline.schema.v1.Incident;
import io.tripline.schema.v1.RemediationAction;

/**
 * The end of a demo: a table for people, JSON for machines (keys {@code scenario}, {@code signals},
 * {@code incidents}, {@code actions}, {@code notifications}, {@code ocsf_records}, {@code dlq}, plus
 * {@code checks}), and whether the scenario's expectations held.
 */
final class DemoSummary {

    private final String scenario;
    private final DemoState state;
    private final DemoExpectations expectations;

    DemoSummary(String scenario, DemoState state, DemoExpectations expectations) {
        this.scenario = scenario;
        this.state = state;
        this.expectations = expectations;
    }

    /** Failed expectations, empty when the demo showed everything it should. */
    List<String> failedChecks() {
        List<String> failed = new ArrayList<>();
        int best = state.incidents().stream().mapToInt(Incident::getRiskScore).max().orElse(-1);
        if (best < expectations.minRiskScore()) {
            failed.add("an incident with risk_score >= " + expectations.minRiskScore() + " (best: " + best + ")");
        }
        for (String type : expectations.actions()) {
            boolean done = state.actions().stream().anyMatch(a -> a.getActionType().equals(type)
                    && a.getState() == ActionState.SUCCEEDED && Boolean.TRUE.equals(a.getVerified()));
            if (!done) {
                failed.add("a " + type + " action SUCCEEDED and verified");
            }
        }
        if (state.notificationCount() < 1) {
            failed.add("at least one notification");
        }
        if (state.deadLetters() > 0) {
            failed.add("no dead letters (saw " + state.deadLetters() + ")");
        }
        return failed;
    }

    String table() {
        StringBuilder out = new StringBuilder();
        out.append("\nSummary of scenario ").append(scenario).append('\n');
        out.append(String.format("  %-14s %s%n", "signals", state.signals()));
        out.append(String.format("  %-14s %d%n", "detections", state.detections().size()));
        for (Incident i : incidents()) {
            out.append(String.format("  %-14s %s %s score %d %s %s%n", "incident", shortId(i.getIncidentId()),
                    i.getEntity().getId(), i.getRiskScore(), i.getRiskLevel(), i.getStatus()));
        }
        for (RemediationAction a : state.actions()) {
            out.append(String.format("  %-14s %-24s %-28s %-10s %s%n", "action", a.getActionType(), a.getTarget(), a.getState(),
                    Boolean.TRUE.equals(a.getVerified()) ? "verified" : "not verified"));
        }
        out.append(String.format("  %-14s %d%n", "notifications", state.notificationCount()));
        out.append(String.format("  %-14s %d%n", "ocsf records", state.ocsfRecords()));
        out.append(String.format("  %-14s %d%n", "dlq", state.deadLetters()));
        List<String> failed = failedChecks();
        out.append(failed.isEmpty() ? "  checks         all passed\n" : "  checks failed: " + failed + "\n");
        return out.toString();
    }

    String json() throws JsonProcessingException {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("scenario", scenario);
        ObjectNode signals = root.putObject("signals");
        for (Map.Entry<String, Long> e : state.signals().entrySet()) {
            signals.put(e.getKey(), e.getValue());
        }
        ArrayNode incidents = root.putArray("incidents");
        for (Incident i : incidents()) {
            incidents.addObject().put("id", i.getIncidentId()).put("entity", i.getEntity().getId())
                    .put("risk_score", i.getRiskScore()).put("risk_level", i.getRiskLevel().name())
                    .put("status", i.getStatus().name());
        }
        ArrayNode actions = root.putArray("actions");
        for (RemediationAction a : state.actions()) {
            actions.addObject().put("id", a.getActionId()).put("type", a.getActionType()).put("target", a.getTarget())
                    .put("state", a.getState().name()).put("verified", Boolean.TRUE.equals(a.getVerified()));
        }
        root.put("notifications", state.notificationCount());
        root.put("ocsf_records", state.ocsfRecords());
        root.put("dlq", state.deadLetters());
        ArrayNode checks = root.putArray("failed_checks");
        failedChecks().forEach(checks::add);
        return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    }

    private List<Incident> incidents() {
        List<Incident> sorted = new ArrayList<>(state.incidents());
        sorted.sort(Comparator.comparingInt(Incident::getRiskScore).reversed());
        return sorted;
    }

    private static String shortId(String id) {
        return id.length() > 12 ? id.substring(0, 12) : id;
    }
}
