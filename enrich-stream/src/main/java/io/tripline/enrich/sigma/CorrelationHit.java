package io.tripline.enrich.sigma;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/**
 * A correlation rule that fired for one group.
 *
 * @param rule           the correlation rule
 * @param groupKey       the group key ({@link CorrelationRule#groupKey})
 * @param eventIds       evidence CloudTrail eventIDs in event-time order (ties by eventID)
 * @param firstEventTime event time of the first evidence event
 * @param lastEventTime  event time of the last evidence event
 * @param count          events (event_count), distinct values (value_count) or rules (temporal)
 */
public record CorrelationHit(CorrelationRule rule, String groupKey, List<String> eventIds,
                             Instant firstEventTime, Instant lastEventTime, long count) {

    public CorrelationHit {
        eventIds = List.copyOf(eventIds);
    }

    /**
     * Deterministic id of the hit (SHA-256 of rule id, group key and evidence ids), stable across
     * replays, for keys and deduplication downstream.
     */
    public String id() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(rule.id().getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(groupKey.getBytes(StandardCharsets.UTF_8));
            for (String e : eventIds) {
                sha.update((byte) 0);
                sha.update(e.getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
