package io.tripline.respond.engine;

import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.tripline.respond.action.ActionContext;
import io.tripline.respond.action.ActionHandler;
import io.tripline.respond.aws.ErrorClassifier;
import io.tripline.respond.ledger.Ledger;
import io.tripline.schema.v1.ActionMode;
import io.tripline.schema.v1.ActionState;
import io.tripline.schema.v1.RemediationAction;
import jakarta.inject.Singleton;

/**
 * What people do with actions: list the pending ones, approve or reject them (recording who), roll
 * back a succeeded one; and what time does: a proposal past its TTL expires.
 */
@Singleton
public class Approvals {

    private static final Logger LOG = LoggerFactory.getLogger(Approvals.class);

    private final Ledger ledger;
    private final ActionExecutor executor;
    private final Clock clock;

    public Approvals(Ledger ledger, ActionExecutor executor, Clock clock) {
        this.ledger = ledger;
        this.executor = executor;
        this.clock = clock;
    }

    /** Thrown for an unknown action id. */
    public static class NotFound extends RuntimeException {
        NotFound(String id) {
            super("no action " + id);
        }
    }

    /** Thrown when the action is not in a state that allows the request. */
    public static class Conflict extends RuntimeException {
        Conflict(String message) {
            super(message);
        }
    }

    /** Actions waiting for a person: PROPOSED in approve mode, and HELD. */
    public List<RemediationAction> pending() {
        return ledger.all().stream().filter(Approvals::isPending)
                .sorted(Comparator.comparing(RemediationAction::getCreatedAt)).toList();
    }

    static boolean isPending(RemediationAction a) {
        return a.getState() == ActionState.HELD || a.getState() == ActionState.PROPOSED && a.getMode() == ActionMode.APPROVE;
    }

    public RemediationAction get(String id) {
        return ledger.get(id).orElseThrow(() -> new NotFound(id));
    }

    /** Approves and runs the action now; the breaker is not consulted again (the person overrides it). */
    public synchronized RemediationAction approve(String id, String actor) {
        RemediationAction action = pendingAction(id);
        RemediationAction approved = ledger.record(Transitions.next(action, ActionState.APPROVED,
                "approved by " + actor, actor, Transitions.details(action), clock));
        LOG.info("Action {} approved by {}", id, actor);
        return executor.run(approved, false);
    }

    public synchronized RemediationAction reject(String id, String actor) {
        RemediationAction action = pendingAction(id);
        LOG.info("Action {} rejected by {}", id, actor);
        return ledger.record(Transitions.next(action, ActionState.REJECTED, "rejected by " + actor, actor,
                Transitions.details(action), clock));
    }

    /** Expires the proposals whose TTL has passed; returns how many. */
    public synchronized int expireDue() {
        int expired = 0;
        for (RemediationAction action : ledger.all()) {
            if (action.getState() == ActionState.PROPOSED && action.getMode() == ActionMode.APPROVE
                    && action.getExpiresAt() != null && !clock.instant().isBefore(action.getExpiresAt())) {
                ledger.record(Transitions.next(action, ActionState.EXPIRED, "not approved before " + action.getExpiresAt(),
                        null, Transitions.details(action), clock));
                LOG.info("Action {} expired unapproved", action.getActionId());
                expired++;
            }
        }
        return expired;
    }

    /** Undoes a succeeded quarantine, key disable or public-access block, and verifies it. */
    public synchronized RemediationAction rollback(String id, String actor) {
        RemediationAction action = get(id);
        ActionHandler handler = executor.handler(action.getActionType());
        if (action.getState() != ActionState.SUCCEEDED) {
            throw new Conflict("action " + id + " is " + action.getState() + "; only SUCCEEDED actions can be rolled back");
        }
        if (!handler.supportsRollback()) {
            throw new Conflict(action.getActionType() + " cannot be rolled back");
        }
        Map<String, String> details = Transitions.details(action);
        ActionContext ctx = new ActionContext(action, executor.aws(action), details);
        try {
            handler.rollback(ctx);
            boolean verified = handler.verifyRolledBack(ctx);
            details.put("rolled-back-at", clock.instant().toString());
            return ledger.record(RemediationAction.newBuilder(Transitions.next(action, ActionState.ROLLED_BACK,
                    "rolled back by " + actor, actor, details, clock)).setVerified(verified).build());
        } catch (RuntimeException e) {
            throw new Conflict("rollback of " + id + " failed: " + ErrorClassifier.reason(e));
        }
    }

    private RemediationAction pendingAction(String id) {
        RemediationAction action = get(id);
        if (!isPending(action)) {
            throw new Conflict("action " + id + " is " + action.getState() + " (" + action.getMode() + "), not pending approval");
        }
        if (action.getExpiresAt() != null && action.getState() == ActionState.PROPOSED
                && !clock.instant().isBefore(action.getExpiresAt())) {
            throw new Conflict("action " + id + " expired at " + action.getExpiresAt());
        }
        return action;
    }
}
