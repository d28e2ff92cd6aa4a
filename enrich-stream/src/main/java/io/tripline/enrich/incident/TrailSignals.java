package io.tripline.enrich.incident;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;

import io.tripline.core.normalize.Json;
import io.tripline.enrich.attack.Tactic;
import io.tripline.schema.v1.SeverityLabel;
import io.tripline.schema.v1.TrailEvent;
import io.tripline.schema.v1.UserIdentity;

/**
 * CloudTrail events as signals: the calls of {@link TrailCatalogue}, and any call made with an
 * instance's role session from an internet address that is not one of the configured internal
 * networks (instance credentials used outside). Other events yield nothing.
 */
final class TrailSignals {

    private final List<String> internalCidrs;

    TrailSignals(List<String> internalCidrs) {
        this.internalCidrs = internalCidrs;
    }

    Optional<Signal> of(TrailEvent event) {
        UserIdentity user = event.getUserIdentity();
        String actor = actor(event);
        boolean outside = EntityKeys.instanceSession(user.getArn()) != null
                && EntityKeys.isOutsideIp(event.getSourceIpAddress(), internalCidrs);
        TrailCatalogue.Entry entry = TrailCatalogue.ENTRIES.get(event.getEventName());
        if (entry == null && !outside) {
            return Optional.empty(); // the common case: decided without parsing any JSON
        }
        JsonNode params = entry == null || event.getRequestParameters() == null ? Json.MAPPER.createObjectNode()
                : Json.parse(event.getRequestParameters());
        TreeSet<String> flags = new TreeSet<>();
        Tactic tactic = null;
        SeverityLabel severity = SeverityLabel.LOW;
        String entity = actor;
        boolean opener = false;
        Map<String, String> detail = new TreeMap<>();
        if (entry != null && applies(event, params)) {
            flags.add(entry.flag());
            tactic = entry.tactic();
            severity = entry.severity();
            opener = entry.opener() && event.getErrorCode() == null;
            entity = target(event, entry, params, actor);
            if ("ConsoleLogin".equals(event.getEventName()) && succeeded(event)) {
                flags.clear();
                flags.add(Flags.LOGIN_NO_MFA);
                tactic = Tactic.INITIAL_ACCESS;
                severity = SeverityLabel.MEDIUM;
            }
            if (entry.flag().equals(Flags.PRIVILEGE_CHANGE)) {
                flags.add(Flags.IAM_PERSISTENCE);
                if (params.toString().contains("AdministratorAccess")) {
                    severity = SeverityLabel.HIGH;
                }
            }
            if (entry.flag().equals(Flags.SECURITY_GROUP_CHANGE)
                    && (params.toString().contains("0.0.0.0/0") || params.toString().contains("::/0"))) {
                severity = SeverityLabel.HIGH;
            }
            put(detail, "bucket", Json.text(params, "bucketName"));
        } else if (!outside) {
            return Optional.empty();
        }
        if (outside) {
            flags.add(Flags.OUTSIDE_IP);
            // Instance-role credentials only leave an instance through its metadata service (T1552.005).
            tactic = tactic == null ? Tactic.CREDENTIAL_ACCESS : tactic;
        }
        if (event.getErrorCode() != null && !flags.contains(Flags.LOGIN_FAILURE)) {
            // A denied attempt shows intent but changed nothing.
            severity = SeverityLabel.LOW;
            put(detail, "errorCode", event.getErrorCode());
        }
        put(detail, "sourceIp", event.getSourceIpAddress());
        put(detail, "actor", user.getArn());
        if (!entity.equals(actor)) {
            // Filed under its target, not its caller: a detection of this event should follow it (IncidentProcessor).
            put(detail, "actorEntity", actor);
        }
        List<String> aliases = new ArrayList<>();
        if (user.getAccessKeyId() != null && entity.equals(actor) && !actor.startsWith(EntityKeys.ACCESS_KEY + ":")) {
            // The caller's key belongs to the caller: detections keyed by access key find the same incident.
            aliases.add(EntityKeys.of(EntityKeys.ACCESS_KEY, user.getAccessKeyId()));
        }
        long time = event.getEventTime().toEpochMilli();
        String account = event.getRecipientAccountId() != null ? event.getRecipientAccountId() : user.getAccountId();
        return Optional.of(new Signal(event.getEventId(), Signal.EVENT, "CLOUDTRAIL", account, event.getAwsRegion(), time, time,
                time, entity, aliases, event.getEventName(), event.getEventSource() + " " + event.getEventName(),
                tactic == null ? List.of() : List.of(tactic.name()), severity.name(), null, 1, false, false, opener, Map.of(),
                List.of(event.getEventId()), List.copyOf(flags), detail));
    }

    /** Narrows catalogue entries whose event name alone says too little. */
    private static boolean applies(TrailEvent event, JsonNode params) {
        return switch (event.getEventName()) {
            case "ModifyInstanceAttribute" -> params.has("userData") || params.has("groupSet");
            case "ConsoleLogin" -> !succeeded(event) || !mfaUsed(event);
            case "PutBucketPublicAccessBlock" -> params.toString().contains("false");
            default -> true;
        };
    }

    private static String target(TrailEvent event, TrailCatalogue.Entry entry, JsonNode params, String actor) {
        return switch (entry.target()) {
            case INSTANCE -> Json.text(params, "instanceId") == null ? actor
                    : EntityKeys.of(EntityKeys.INSTANCE, Json.text(params, "instanceId"));
            case SECURITY_GROUP -> Json.text(params, "groupId") == null ? actor
                    : EntityKeys.of(EntityKeys.SECURITY_GROUP, Json.text(params, "groupId"));
            case ACCOUNT -> EntityKeys.of(EntityKeys.ACCOUNT, event.getRecipientAccountId() != null ? event.getRecipientAccountId()
                    : String.valueOf(event.getUserIdentity().getAccountId()));
            case ACTOR -> actor;
        };
    }

    /** Who made the call; a failed console login for an unknown user has no ARN, so its address stands in. */
    static String actor(TrailEvent event) {
        UserIdentity user = event.getUserIdentity();
        if (user.getArn() != null) {
            return EntityKeys.principal(user.getArn());
        }
        if (user.getAccessKeyId() != null) {
            return EntityKeys.of(EntityKeys.ACCESS_KEY, user.getAccessKeyId());
        }
        if (event.getSourceIpAddress() != null) {
            return EntityKeys.of(EntityKeys.IP, event.getSourceIpAddress());
        }
        return EntityKeys.of(EntityKeys.ACCOUNT, String.valueOf(event.getRecipientAccountId()));
    }

    private static boolean succeeded(TrailEvent event) {
        if (event.getResponseElements() == null) {
            return event.getErrorCode() == null && event.getErrorMessage() == null;
        }
        return "Success".equalsIgnoreCase(Json.text(Json.parse(event.getResponseElements()), "ConsoleLogin"));
    }

    private static boolean mfaUsed(TrailEvent event) {
        JsonNode raw = Json.parse(event.getRaw());
        String used = Json.text(raw, "additionalEventData", "MFAUsed");
        return "Yes".equalsIgnoreCase(used) || Boolean.TRUE.equals(event.getUserIdentity().getMfaAuthenticated());
    }

    private static void put(Map<String, String> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
