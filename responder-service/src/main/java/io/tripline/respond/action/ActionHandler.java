package io.tripline.respond.action;

import java.util.Map;

import io.tripline.respond.aws.AccountClients;

/**
 * One kind of remediation. The executor calls {@link #prepare} (read-only: record what will be
 * replaced, so it survives a crash), then {@link #execute} (idempotent: safe to call again after a crash),
 * then {@link #verify} (describe the resource: is the change in place?).
 */
public interface ActionHandler {

    String type();

    /** Live tags of the target, for the exempt tag and fleet sizing; empty when the target has none. */
    default Map<String, String> targetTags(AccountClients aws, String target) {
        return Map.of();
    }

    /** Size of the fleet sharing {@code tagKey=tagValue}, or -1 when this action type has no fleet. */
    default int fleetSize(AccountClients aws, String tagKey, String tagValue) {
        return -1;
    }

    /** Reads and records the state the action will change (previous settings, original groups). */
    default void prepare(ActionContext ctx) {
    }

    /** Makes the change. Must be idempotent. */
    void execute(ActionContext ctx);

    /** True when the change is in place. */
    boolean verify(ActionContext ctx);

    /**
     * After a restart finds the action EXECUTING: true when the effect already happened, so the action
     * is completed without another AWS call.
     */
    default boolean alreadyDone(ActionContext ctx) {
        return verify(ctx);
    }

    /** Whether the change can be undone by {@link #rollback}. */
    default boolean supportsRollback() {
        return false;
    }

    /** Undoes the change from what {@link #prepare} recorded. */
    default void rollback(ActionContext ctx) {
        throw new UnsupportedOperationException(type() + " cannot be rolled back");
    }

    /** True when the resource is back as {@link #prepare} found it. */
    default boolean verifyRolledBack(ActionContext ctx) {
        return !verify(ctx);
    }
}
