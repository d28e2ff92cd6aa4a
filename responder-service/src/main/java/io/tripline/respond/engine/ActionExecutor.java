package io.tripline.respond.engine;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.tripline.respond.action.ActionContext;
import io.tripline.respond.action.ActionHandler;
import io.tripline.respond.action.Notify;
import io.tripline.respond.aws.AccountClients;
import io.tripline.respond.aws.AwsClients;
import io.tripline.respond.aws.ErrorClassifier;
import io.tripline.respond.config.RespondConfig;
import io.tripline.respond.ledger.Ledger;
import io.tripline.respond.ledger.LedgerException;
import io.tripline.respond.playbook.ActionTypes;
import io.tripline.schema.v1.ActionState;
import io.tripline.schema.v1.RemediationAction;
import jakarta.inject.Singleton;

/**
 * Carries an approved action through EXECUTING to SUCCEEDED or FAILED: breaker, prepare, ledger
 * EXECUTING (before any AWS change), execute with retries on transient errors, verify, ledger outcome.
 * At start, actions left EXECUTING by a crash are verified against AWS before any retry.
 */
@Singleton
public class ActionExecutor {

    private static final Logger LOG = LoggerFactory.getLogger(ActionExecutor.class);
    private static final int VERIFY_ATTEMPTS = 3;

    private final Ledger ledger;
    private final List<ActionHandler> handlers;
    private final AwsClients clients;
    private final BlastRadiusBreaker breaker;
    private final Notify notify;
    private final EffectHook hook;
    private final RespondConfig config;
    private final Clock clock;

    public ActionExecutor(Ledger ledger, List<ActionHandler> handlers, AwsClients clients, BlastRadiusBreaker breaker,
                          Notify notify, EffectHook hook, RespondConfig config, Clock clock) {
        this.ledger = ledger;
        this.handlers = handlers;
        this.clients = clients;
        this.breaker = breaker;
        this.notify = notify;
        this.hook = hook;
        this.config = config;
        this.clock = clock;
    }

    public ActionHandler handler(String type) {
        return handlers.stream().filter(h -> h.type().equals(type)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no handler for action type " + type));
    }

    /** The clients of the action's account, or null for notify (which publishes with the topic's account). */
    public AccountClients aws(RemediationAction action) {
        return ActionTypes.NOTIFY.equals(action.getActionType()) ? null
                : clients.forAccount(action.getAccountId(), action.getRegion());
    }

    /**
     * Runs an approved action. {@code checkBreaker} is false when a person approved it explicitly
     * (approving a HELD action is how the breaker is overridden).
     */
    public synchronized RemediationAction run(RemediationAction approved, boolean checkBreaker) {
        ActionHandler handler = handler(approved.getActionType());
        Map<String, String> details = Transitions.details(approved);
        AccountClients aws;
        try {
            aws = aws(approved);
            if (checkBreaker) {
                Optional<String> held = breaker.check(approved, handler, aws, details);
                if (held.isPresent()) {
                    LOG.warn("Action {} held: {}", approved.getActionId(), held.get());
                    return ledger.record(Transitions.next(approved, ActionState.HELD, held.get(), null, details, clock));
                }
            }
            handler.prepare(new ActionContext(approved, aws, details));
        } catch (LedgerException e) {
            throw e;
        } catch (RuntimeException e) {
            return fail(approved, details, "could not prepare: " + ErrorClassifier.reason(e));
        }
        details.put(BlastRadiusBreaker.EXECUTED_AT, clock.instant().toString());
        RemediationAction executing = RemediationAction.newBuilder(
                Transitions.next(approved, ActionState.EXECUTING, null, null, details, clock))
                .setAttempts(approved.getAttempts() + 1).build();
        executing = ledger.record(executing);
        return execute(executing, handler, aws, details);
    }

    private RemediationAction execute(RemediationAction executing, ActionHandler handler, AccountClients aws,
                                      Map<String, String> details) {
        ActionContext ctx = new ActionContext(executing, aws, details);
        Duration backoff = config.getRetryBackoff();
        for (int attempt = 1; ; attempt++) {
            try {
                handler.execute(ctx);
                break;
            } catch (RuntimeException e) {
                if (attempt < config.getMaxAttempts() && ErrorClassifier.isTransient(e)) {
                    LOG.warn("Action {} attempt {} failed transiently, retrying in {}: {}", executing.getActionId(), attempt,
                            backoff, ErrorClassifier.reason(e));
                    sleep(backoff);
                    backoff = backoff.multipliedBy(2);
                    continue;
                }
                RemediationAction counted = RemediationAction.newBuilder(executing)
                        .setAttempts(executing.getAttempts() + attempt - 1).build();
                return fail(counted, details, ErrorClassifier.reason(e));
            }
        }
        // the crash window: AWS changed, the ledger does not know yet
        hook.afterEffect(executing);
        return complete(executing, handler, ctx, "executed");
    }

    private RemediationAction complete(RemediationAction executing, ActionHandler handler, ActionContext ctx, String how) {
        boolean verified = false;
        try {
            for (int i = 0; i < VERIFY_ATTEMPTS && !verified; i++) {
                if (i > 0) {
                    sleep(config.getRetryBackoff());
                }
                verified = handler.verify(ctx);
            }
        } catch (RuntimeException e) {
            LOG.warn("Action {}: verification failed: {}", executing.getActionId(), ErrorClassifier.reason(e));
        }
        if (!verified) {
            return fail(executing, ctx.details(), "change not found in place after " + how + " (verification failed)");
        }
        RemediationAction done = RemediationAction.newBuilder(
                Transitions.next(executing, ActionState.SUCCEEDED, how + "; verified in place", null, ctx.details(), clock))
                .setVerified(true).build();
        return ledger.record(done);
    }

    private RemediationAction fail(RemediationAction action, Map<String, String> details, String reason) {
        LOG.error("Action {} {} on {} FAILED: {}", action.getActionId(), action.getActionType(), action.getTarget(), reason);
        RemediationAction failed = RemediationAction.newBuilder(
                Transitions.next(action, ActionState.FAILED, reason, null, details, clock)).setVerified(false).build();
        failed = ledger.record(failed);
        if (!ActionTypes.NOTIFY.equals(action.getActionType())) {
            notify.publishFailure(failed);
        }
        return failed;
    }

    /**
     * After a restart: every action left EXECUTING is checked against AWS first — completed without a
     * second call when its effect is in place, executed again otherwise; actions left APPROVED run.
     */
    public synchronized void recover() {
        for (RemediationAction action : ledger.all()) {
            if (action.getState() == ActionState.EXECUTING) {
                ActionHandler handler = handler(action.getActionType());
                Map<String, String> details = Transitions.details(action);
                try {
                    AccountClients aws = aws(action);
                    ActionContext ctx = new ActionContext(action, aws, details);
                    if (handler.alreadyDone(ctx)) {
                        LOG.info("Action {} was EXECUTING at restart and its effect is in place: completing it",
                                action.getActionId());
                        boolean notifyAction = ActionTypes.NOTIFY.equals(action.getActionType());
                        RemediationAction done = RemediationAction.newBuilder(Transitions.next(action, ActionState.SUCCEEDED,
                                notifyAction ? "completed after restart; publish not repeated (at-most-once)"
                                        : "completed after restart: change found in place", null, details, clock))
                                .setVerified(notifyAction ? null : Boolean.TRUE).build();
                        ledger.record(done);
                    } else {
                        LOG.info("Action {} was EXECUTING at restart and its effect is not in place: executing again",
                                action.getActionId());
                        RemediationAction again = RemediationAction.newBuilder(action).setAttempts(action.getAttempts() + 1).build();
                        execute(ledger.record(again), handler, aws, details);
                    }
                } catch (LedgerException e) {
                    throw e;
                } catch (RuntimeException e) {
                    fail(action, details, "recovery after restart failed: " + ErrorClassifier.reason(e));
                }
            } else if (action.getState() == ActionState.APPROVED) {
                run(action, false);
            }
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while backing off", e);
        }
    }
}
