package io.tripline.respond.engine;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

import io.tripline.schema.v1.ActionState;
import io.tripline.schema.v1.RemediationAction;

/** Builds the next record of an action: new state, reason, actor and details, stamped now. */
final class Transitions {

    private Transitions() {
    }

    static RemediationAction next(RemediationAction current, ActionState state, String reason, String actor,
                                  Map<String, String> details, Clock clock) {
        RemediationAction.Builder b = RemediationAction.newBuilder(current).setState(state)
                .setUpdatedAt(clock.instant()).setDetails(new HashMap<>(details));
        if (reason != null) {
            b.setReason(reason);
        }
        if (actor != null) {
            b.setActor(actor);
        }
        return b.build();
    }

    static Map<String, String> details(RemediationAction action) {
        return new HashMap<>(action.getDetails());
    }
}
