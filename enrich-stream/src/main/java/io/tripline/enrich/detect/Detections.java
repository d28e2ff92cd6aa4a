package io.tripline.enrich.detect;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import io.tripline.enrich.sigma.CorrelationHit;
import io.tripline.enrich.sigma.CorrelationRule;
import io.tripline.enrich.sigma.SigmaRule;
import io.tripline.schema.v1.Detection;
import io.tripline.schema.v1.Entity;
import io.tripline.schema.v1.EntityType;
import io.tripline.schema.v1.RuleLevel;
import io.tripline.schema.v1.TrailEvent;
import io.tripline.schema.v1.UserIdentity;

/**
 * Builds {@link Detection} records from Sigma matches and correlation hits: deterministic ids (so a
 * replay or a re-delivery produces the same id), the entity the detection is about, and its evidence.
 */
final class Detections {

    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    });

    private Detections() {
    }

    /** A single-event detection about {@code entity}, which is {@link #entityOf(TrailEvent) event's}. */
    static Detection single(SigmaRule rule, TrailEvent event, Entity entity) {
        return Detection.newBuilder()
                .setDetectionId(hash("single", rule.id(), event.getEventId()))
                .setRuleId(rule.id())
                .setRuleTitle(rule.title())
                .setLevel(level(rule.level()))
                .setTags(rule.tags())
                .setEntity(entity)
                .setAccountId(accountOf(event))
                .setRegion(event.getAwsRegion())
                .setEventTime(event.getEventTime())
                .setFirstEventTime(event.getEventTime())
                .setEvidence(List.of(event.getEventId()))
                .setCorrelation(null)
                .setDescription(rule.description())
                .build();
    }

    static Detection correlation(CorrelationHit hit, TrailEvent trigger) {
        CorrelationRule rule = hit.rule();
        return Detection.newBuilder()
                .setDetectionId(hit.id())
                .setRuleId(rule.id())
                .setRuleTitle(rule.title())
                .setLevel(level(rule.level()))
                .setTags(rule.tags())
                .setEntity(groupEntity(rule, hit.groupKey(), trigger))
                .setAccountId(accountOf(trigger))
                .setRegion(trigger.getAwsRegion())
                .setEventTime(hit.lastEventTime())
                .setFirstEventTime(hit.firstEventTime())
                .setEvidence(hit.eventIds())
                .setCorrelation(rule.type().name().toLowerCase(Locale.ROOT))
                .setDescription(rule.description())
                .build();
    }

    /** Who or what a single event is about: the calling principal, else its key, else its source IP. */
    static Entity entityOf(TrailEvent event) {
        UserIdentity identity = event.getUserIdentity();
        if (identity.getArn() != null) {
            EntityType type = "AssumedRole".equals(identity.getType()) ? EntityType.SESSION : EntityType.PRINCIPAL;
            return entity(type, identity.getArn());
        }
        if (identity.getAccessKeyId() != null) {
            return entity(EntityType.ACCESS_KEY, identity.getAccessKeyId());
        }
        if (event.getSourceIpAddress() != null) {
            return entity(EntityType.IP, event.getSourceIpAddress());
        }
        return entity(EntityType.ACCOUNT, String.valueOf(accountOf(event)));
    }

    /** A correlation is about its group: one group-by field names the entity type; several keep the JSON key. */
    private static Entity groupEntity(CorrelationRule rule, String groupKey, TrailEvent trigger) {
        List<String> groupBy = rule.groupBy();
        if (groupBy.size() == 1) {
            String value = groupKey.startsWith("[\"") && groupKey.endsWith("\"]")
                    ? groupKey.substring(2, groupKey.length() - 2) : groupKey;
            String field = groupBy.get(0).toLowerCase(Locale.ROOT);
            if (field.contains("sourceipaddress") || field.endsWith("ip")) {
                return entity(EntityType.IP, value);
            }
            if (field.contains("accesskeyid")) {
                return entity(EntityType.ACCESS_KEY, value);
            }
            if (field.contains("useridentity") || field.contains("user")) {
                return entity(EntityType.PRINCIPAL, value);
            }
        }
        return groupBy.isEmpty() ? entityOf(trigger) : entity(EntityType.PRINCIPAL, groupKey);
    }

    private static Entity entity(EntityType type, String id) {
        return Entity.newBuilder().setType(type).setId(id).build();
    }

    private static String accountOf(TrailEvent event) {
        return event.getRecipientAccountId() != null ? event.getRecipientAccountId() : event.getUserIdentity().getAccountId();
    }

    static RuleLevel level(String level) {
        if (level == null) {
            return RuleLevel.UNKNOWN;
        }
        try {
            return RuleLevel.valueOf(level.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return RuleLevel.UNKNOWN;
        }
    }

    static String hash(String... parts) {
        // A digest per thread, reset after each use: looking one up by name costs about as much as hashing.
        MessageDigest sha = SHA_256.get();
        for (String part : parts) {
            sha.update(part.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
        }
        return HexFormat.of().formatHex(sha.digest(), 0, 16);
    }
}
