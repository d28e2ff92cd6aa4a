package io.tripline.respond.console;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.tripline.respond.engine.EvidenceIndex;
import io.tripline.respond.ledger.Ledger;
import io.tripline.schema.v1.ActionMode;
import io.tripline.schema.v1.ActionState;
import io.tripline.schema.v1.Detection;
import io.tripline.schema.v1.Incident;
import io.tripline.schema.v1.RemediationAction;
import io.tripline.schema.v1.RiskFactor;
import io.tripline.schema.v1.SecurityFinding;
import jakarta.inject.Singleton;

/**
 * What the console shows about incidents, read from the evidence index (the latest version of every
 * incident the responder consumed, with its member findings and detections) and from the ledger (the
 * actions taken on each). An incident the responder acted on before a restart is no longer in memory;
 * it is still listed, from the incident summary its actions carry.
 */
@Singleton
public class IncidentBoard {

    /** One row of the incident list. */
    public record Summary(String incidentId, String title, String entity, String status, int riskScore, String riskLevel,
                          List<String> topFactors, Instant lastSeen, int actions, int pending) {
    }

    /** One member of an incident on its timeline: a finding, a detection, or an id the responder has not seen. */
    public record TimelineEntry(Instant time, String kind, String id, String what, String detail, List<String> evidence) {
    }

    /** Everything on an incident's page; {@code incident} is null when only its actions are known. */
    public record Detail(Summary summary, Incident incident, List<TimelineEntry> timeline, List<RemediationAction> actions) {
    }

    private static final int TOP_FACTORS = 3;

    private final EvidenceIndex index;
    private final Ledger ledger;

    public IncidentBoard(EvidenceIndex index, Ledger ledger) {
        this.index = index;
        this.ledger = ledger;
    }

    /** Every known incident, highest risk score first (then the most recent). */
    public List<Summary> incidents() {
        Map<String, List<RemediationAction>> actions = actionsByIncident();
        Map<String, Summary> rows = new HashMap<>();
        for (Incident incident : index.incidents()) {
            rows.put(incident.getIncidentId(), summary(incident, actions.getOrDefault(incident.getIncidentId(), List.of())));
        }
        actions.forEach((id, taken) -> rows.computeIfAbsent(id, k -> summaryFromActions(id, taken)));
        return rows.values().stream().sorted(Comparator.comparingInt(Summary::riskScore).reversed()
                .thenComparing(Summary::lastSeen, Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparing(Summary::incidentId)).toList();
    }

    public Optional<Detail> incident(String id) {
        List<RemediationAction> actions = actionsByIncident().getOrDefault(id, List.of());
        Incident incident = index.incident(id);
        if (incident == null) {
            return actions.isEmpty() ? Optional.empty()
                    : Optional.of(new Detail(summaryFromActions(id, actions), null, List.of(), actions));
        }
        return Optional.of(new Detail(summary(incident, actions), incident, timeline(incident), actions));
    }

    /** The incident's members in time order; members the responder has not seen come last. */
    List<TimelineEntry> timeline(Incident incident) {
        List<TimelineEntry> entries = new ArrayList<>();
        for (String member : incident.getMembers()) {
            SecurityFinding finding = index.finding(member);
            Detection detection = index.detection(member);
            if (finding != null) {
                Instant time = finding.getFirstSeen() != null ? finding.getFirstSeen() : finding.getUpdatedAt();
                List<String> evidence = new ArrayList<>();
                evidence.add(finding.getSourceId());
                finding.getResources().forEach(r -> evidence.add(r.getType() + " " + r.getId()));
                entries.add(new TimelineEntry(time, "finding " + finding.getSource(), member,
                        finding.getTitle() != null ? finding.getTitle() : String.join(", ", finding.getTypes()),
                        "severity " + finding.getSeverity().getLabel() + " · " + String.join(", ", finding.getTypes())
                                + (finding.getCount() > 1 ? " · seen " + finding.getCount() + " times" : ""),
                        evidence));
            } else if (detection != null) {
                entries.add(new TimelineEntry(detection.getEventTime(), "detection", member, detection.getRuleTitle(),
                        "rule " + detection.getRuleId() + " · " + detection.getLevel() + " · "
                                + detection.getEntity().getType() + " " + detection.getEntity().getId(),
                        detection.getEvidence()));
            } else {
                entries.add(new TimelineEntry(null, "member", member, "not seen by this responder", "", List.of()));
            }
        }
        entries.sort(Comparator.comparing(TimelineEntry::time, Comparator.nullsLast(Comparator.naturalOrder())));
        return entries;
    }

    private Map<String, List<RemediationAction>> actionsByIncident() {
        Map<String, List<RemediationAction>> out = new HashMap<>();
        for (RemediationAction action : ledger.all()) {
            out.computeIfAbsent(action.getIncidentId(), k -> new ArrayList<>()).add(action);
        }
        out.values().forEach(list -> list.sort(Comparator.comparing(RemediationAction::getCreatedAt)
                .thenComparing(RemediationAction::getActionType)));
        return out;
    }

    private static Summary summary(Incident incident, Collection<RemediationAction> actions) {
        List<String> top = incident.getFactors().stream()
                .sorted(Comparator.comparingInt(RiskFactor::getPoints).reversed()).limit(TOP_FACTORS)
                .map(f -> f.getName() + " (+" + f.getPoints() + ")").toList();
        return new Summary(incident.getIncidentId(), incident.getTitle(),
                incident.getEntity().getType() + " " + incident.getEntity().getId(), incident.getStatus().name(),
                incident.getRiskScore(), incident.getRiskLevel().name(), top, incident.getLastSeen(), actions.size(),
                (int) actions.stream().filter(IncidentBoard::isPending).count());
    }

    /** The summary the responder stored with each action when it decided it. */
    private static Summary summaryFromActions(String id, List<RemediationAction> actions) {
        Map<String, String> d = actions.get(0).getDetails();
        int score;
        try {
            score = Integer.parseInt(d.getOrDefault("incident.score", "0"));
        } catch (NumberFormatException e) {
            score = 0;
        }
        String factors = d.getOrDefault("incident.factors", "");
        return new Summary(id, d.getOrDefault("incident.title", id), d.getOrDefault("incident.entity", ""),
                "(from the ledger)", score, d.getOrDefault("incident.level", "UNKNOWN"),
                factors.isBlank() ? List.of() : Arrays.asList(factors.split("\n")), null, actions.size(),
                (int) actions.stream().filter(IncidentBoard::isPending).count());
    }

    /** Pending as the approvals API defines it: PROPOSED in approve mode, or HELD by the breaker. */
    static boolean isPending(RemediationAction a) {
        return a.getState() == ActionState.HELD || a.getState() == ActionState.PROPOSED && a.getMode() == ActionMode.APPROVE;
    }
}
