package io.tripline.respond.engine;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.tripline.respond.action.ActionHandler;
import io.tripline.respond.aws.ErrorClassifier;
import io.tripline.respond.config.RespondConfig;
import io.tripline.respond.ledger.ActionIds;
import io.tripline.respond.ledger.Ledger;
import io.tripline.respond.ledger.LedgerException;
import io.tripline.respond.playbook.ActionTypes;
import io.tripline.respond.playbook.IncidentFacts;
import io.tripline.respond.playbook.Modes;
import io.tripline.respond.playbook.Playbook;
import io.tripline.respond.playbook.Playbooks;
import io.tripline.schema.v1.ActionMode;
import io.tripline.schema.v1.ActionState;
import io.tripline.schema.v1.Incident;
import io.tripline.schema.v1.RemediationAction;
import jakarta.inject.Singleton;

/**
 * Decides what to do about an incident: the matching playbooks' actions on each target, each under a
 * deterministic id that is looked up in the ledger first (an action is decided once). New actions pass
 * the gates in order — exempt/allowlist, mode (dry-run records only, approve waits, auto runs) — and
 * the executor applies the breaker. Notifications are never held for approval: they are how people
 * learn there is something to approve.
 */
@Singleton
public class Responder {

    private static final Logger LOG = LoggerFactory.getLogger(Responder.class);

    private final Playbooks playbooks;
    private final Ledger ledger;
    private final IncidentReader reader;
    private final SafetyGates gates;
    private final ActionExecutor executor;
    private final RespondConfig config;
    private final Clock clock;

    public Responder(Playbooks playbooks, Ledger ledger, IncidentReader reader, SafetyGates gates,
                     ActionExecutor executor, RespondConfig config, Clock clock) {
        this.playbooks = playbooks;
        this.ledger = ledger;
        this.reader = reader;
        this.gates = gates;
        this.executor = executor;
        this.config = config;
        this.clock = clock;
    }

    public void onIncident(Incident incident) {
        IncidentFacts facts = reader.facts(incident);
        ActionMode ceiling = Modes.parse(config.getMode());
        for (Playbook playbook : playbooks.all()) {
            if (!playbook.matches(facts)) {
                continue;
            }
            ActionMode mode = Modes.effective(ceiling, playbook.mode());
            LOG.info("Incident {} matches playbook {} ({})", incident.getIncidentId(), playbook.getName(), Modes.text(mode));
            for (String type : playbook.getActions()) {
                for (String target : reader.targets(type, incident)) {
                    decide(incident, facts, playbook, type, target, mode);
                }
            }
        }
    }

    private void decide(Incident incident, IncidentFacts facts, Playbook playbook, String type, String target, ActionMode mode) {
        String id = ActionIds.of(incident.getIncidentId(), type, target);
        Optional<RemediationAction> known = ledger.get(id);
        if (known.isPresent()) {
            LOG.debug("Action {} already decided: {}", id, known.get().getState());
            return;
        }
        RemediationAction proposed = proposal(id, incident, playbook, type, target, mode);
        Map<String, String> details = Transitions.details(proposed);
        ActionHandler handler = executor.handler(type);
        try {
            if (!ActionTypes.NOTIFY.equals(type)) {
                Optional<String> exempt = gates.exemption(handler, executor.aws(proposed), incident.getAccountId(), target, facts.tags());
                if (exempt.isPresent()) {
                    LOG.info("Action {} {} on {} exempt: {}", id, type, target, exempt.get());
                    ledger.record(Transitions.next(proposed, ActionState.EXEMPT, exempt.get(), null, details, clock));
                    return;
                }
            }
        } catch (LedgerException e) {
            throw e;
        } catch (RuntimeException e) {
            ledger.record(Transitions.next(proposed, ActionState.FAILED, "could not check exemptions: "
                    + ErrorClassifier.reason(e), null, details, clock));
            return;
        }
        switch (mode) {
            case AUTO -> autoApprove(proposed, playbook, "auto mode (playbook " + playbook.getName() + ")");
            case APPROVE -> {
                if (ActionTypes.NOTIFY.equals(type)) {
                    autoApprove(proposed, playbook, "notifications need no approval");
                } else {
                    ledger.record(RemediationAction.newBuilder(proposed).setReason("awaiting approval")
                            .setExpiresAt(clock.instant().plus(config.getApprovalTtl())).build());
                }
            }
            default -> ledger.record(RemediationAction.newBuilder(proposed)
                    .setReason("dry-run: would run " + type + " on " + target).build());
        }
    }

    /** Records the proposal, then its approval by the playbook, then runs it: the audit shows every step. */
    private void autoApprove(RemediationAction proposed, Playbook playbook, String reason) {
        RemediationAction recorded = ledger.record(RemediationAction.newBuilder(proposed).setReason(reason).build());
        executor.run(ledger.record(Transitions.next(recorded, ActionState.APPROVED, reason,
                "playbook:" + playbook.getName(), Transitions.details(recorded), clock)), true);
    }

    private RemediationAction proposal(String id, Incident incident, Playbook playbook, String type, String target,
                                       ActionMode mode) {
        Map<String, String> details = new HashMap<>();
        details.put("incident.title", incident.getTitle());
        details.put("incident.score", String.valueOf(incident.getRiskScore()));
        details.put("incident.level", incident.getRiskLevel().name());
        details.put("incident.entity", incident.getEntity().getType() + " " + incident.getEntity().getId());
        details.put("incident.factors", incident.getFactors().stream()
                .sorted((a, b) -> Integer.compare(b.getPoints(), a.getPoints())).limit(3)
                .map(f -> f.getName() + " (+" + f.getPoints() + ")").collect(Collectors.joining("\n")));
        details.put("playbook.source", String.valueOf(playbook.source()));
        return RemediationAction.newBuilder()
                .setActionId(id).setIncidentId(incident.getIncidentId()).setActionType(type).setTarget(target)
                .setAccountId(incident.getAccountId()).setRegion(incident.getRegion())
                .setState(ActionState.PROPOSED).setMode(mode).setPlaybook(playbook.getName())
                .setAttempts(0).setDetails(details)
                .setCreatedAt(clock.instant()).setUpdatedAt(clock.instant())
                .build();
    }
}
