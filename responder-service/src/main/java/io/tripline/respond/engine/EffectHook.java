package io.tripline.respond.engine;

import io.tripline.schema.v1.RemediationAction;

/**
 * Called right after an action's AWS call returned and before the ledger learns of it — the one
 * moment a crash leaves an effect the ledger does not know. Production does nothing here; the crash
 * test throws to stop the service exactly there.
 */
@FunctionalInterface
public interface EffectHook {

    EffectHook NONE = action -> { };

    void afterEffect(RemediationAction action);
}
