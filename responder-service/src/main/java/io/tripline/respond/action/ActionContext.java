package io.tripline.respond.action;

import java.util.Map;

import io.tripline.respond.aws.AccountClients;
import io.tripline.schema.v1.RemediationAction;

/**
 * What a handler works with: the action record (id, target, incident), the clients of its account and
 * region, and the mutable details that end up in the next ledger record.
 */
public record ActionContext(RemediationAction action, AccountClients aws, Map<String, String> details) {

    public String actionId() {
        return action.getActionId();
    }

    public String target() {
        return action.getTarget();
    }
}
