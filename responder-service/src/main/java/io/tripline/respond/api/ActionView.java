package io.tripline.respond.api;

import java.util.Map;
import java.util.TreeMap;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.tripline.schema.v1.RemediationAction;

/** An action as the approvals API shows it. */
@Serdeable
public record ActionView(String actionId, String incidentId, String actionType, String target,
                         @Nullable String accountId, @Nullable String region, String state, String mode,
                         @Nullable String playbook, @Nullable String reason, @Nullable String actor, int attempts,
                         @Nullable Boolean verified, Map<String, String> details, String createdAt, String updatedAt,
                         @Nullable String expiresAt) {

    public static ActionView of(RemediationAction a) {
        return new ActionView(a.getActionId(), a.getIncidentId(), a.getActionType(), a.getTarget(), a.getAccountId(),
                a.getRegion(), a.getState().name(), a.getMode().name(), a.getPlaybook(), a.getReason(), a.getActor(),
                a.getAttempts(), a.getVerified(), new TreeMap<>(a.getDetails()), a.getCreatedAt().toString(),
                a.getUpdatedAt().toString(), a.getExpiresAt() == null ? null : a.getExpiresAt().toString());
    }
}
