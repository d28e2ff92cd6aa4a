package io.tripline.respond.ledger;

import java.util.Collection;
import java.util.Optional;

import io.tripline.schema.v1.RemediationAction;

/**
 * The action ledger: the latest state of every action, consulted before acting. Every recorded
 * transition is also appended to the hash-chained audit.
 */
public interface Ledger {

    Optional<RemediationAction> get(String actionId);

    Collection<RemediationAction> all();

    /**
     * Persists {@code next} as the action's latest state and appends it to the audit chain; returns the
     * record as stored (with sequence and hashes). Throws if it could not be persisted, in which case
     * the caller must not act on the transition.
     */
    RemediationAction record(RemediationAction next);
}
