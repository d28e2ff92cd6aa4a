package io.tripline.respond.ledger;

import java.util.Map;
import java.util.TreeMap;

import io.tripline.schema.v1.RemediationAction;

/**
 * The audit hash chain: each record's {@code hash} is SHA-256 over a canonical encoding of every field
 * except {@code hash} itself, and the encoding includes {@code previousHash} and {@code sequence}, so
 * altering, dropping or reordering any record breaks the chain from that record on.
 *
 * <p>The encoding is field name, length and value for each field in schema order, with the details map
 * sorted by key: Avro binary is not used because map order after a round trip is not guaranteed.
 */
public final class AuditChain {

    /** The previous hash of the first record. */
    public static final String GENESIS = "0".repeat(64);

    private AuditChain() {
    }

    /** A copy of {@code record} placed after ({@code sequence}, {@code previousHash}) and hashed. */
    public static RemediationAction link(RemediationAction record, long sequence, String previousHash) {
        RemediationAction linked = RemediationAction.newBuilder(record)
                .setSequence(sequence).setPreviousHash(previousHash).setHash(null).build();
        linked.setHash(hash(linked));
        return linked;
    }

    public static String hash(RemediationAction r) {
        StringBuilder b = new StringBuilder();
        field(b, "actionId", r.getActionId());
        field(b, "incidentId", r.getIncidentId());
        field(b, "actionType", r.getActionType());
        field(b, "target", r.getTarget());
        field(b, "accountId", r.getAccountId());
        field(b, "region", r.getRegion());
        field(b, "state", r.getState());
        field(b, "mode", r.getMode());
        field(b, "playbook", r.getPlaybook());
        field(b, "reason", r.getReason());
        field(b, "actor", r.getActor());
        field(b, "attempts", r.getAttempts());
        field(b, "verified", r.getVerified());
        Map<String, String> details = new TreeMap<>();
        r.getDetails().forEach((k, v) -> details.put(k.toString(), v == null ? null : v.toString()));
        b.append("details=").append(details.size()).append('{');
        details.forEach((k, v) -> {
            field(b, k, v);
        });
        b.append('}');
        field(b, "createdAt", r.getCreatedAt());
        field(b, "updatedAt", r.getUpdatedAt());
        field(b, "expiresAt", r.getExpiresAt());
        field(b, "sequence", r.getSequence());
        field(b, "previousHash", r.getPreviousHash());
        return ActionIds.sha256(b.toString());
    }

    private static void field(StringBuilder b, String name, Object value) {
        b.append(name).append('=');
        if (value == null) {
            b.append("-;");
        } else {
            String text = value.toString();
            b.append(text.length()).append(':').append(text).append(';');
        }
    }
}
