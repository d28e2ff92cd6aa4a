package io.tripline.respond.ledger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The deterministic action id: SHA-256 over incident id, action type and target (length-prefixed so
 * that no two different triples encode alike), first 32 hex digits. The same incident seen twice — or
 * by a restarted responder — maps to the same ledger entry, which is what makes effects exactly-once.
 */
public final class ActionIds {

    private ActionIds() {
    }

    public static String of(String incidentId, String actionType, String target) {
        StringBuilder canonical = new StringBuilder();
        for (String part : new String[] {incidentId, actionType, target}) {
            canonical.append(part.length()).append(':').append(part).append('|');
        }
        return "act-" + sha256(canonical.toString()).substring(0, 32);
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    }
}
