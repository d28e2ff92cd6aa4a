package io.tripline.simulator.guardduty;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tripline.simulator.core.Account;
import io.tripline.simulator.core.SimJson;
import io.tripline.simulator.core.World;
import io.tripline.simulator.securityhub.SecurityHubFindings;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;

/**
 * Publishes GuardDuty findings the way GuardDuty produces them: in the GetFindings JSON shape, one
 * detector per account-region (created on demand), repeated activity aggregated into the same finding
 * (same id, count grows, updatedAt and eventLastSeen move), and every new version copied to Security
 * Hub as ASFF when Security Hub is enabled there.
 */
public final class GuardDutyFindings {

    private GuardDutyFindings() {
    }

    public static GuardDutyState state(Account account, String region) {
        return account.regional(region, GuardDutyState.class, GuardDutyState::new);
    }

    /** The account-region's detector id, creating an enabled detector when there is none. */
    public static String ensureDetector(World world, Account account, String region) {
        GuardDutyState state = state(account, region);
        synchronized (state) {
            if (!state.detectors().isEmpty()) {
                return state.detectors().get(0).id();
            }
            String now = SimJson.isoMillis(world.clock().now());
            String id = world.ids().hex(32);
            state.addDetector(new GuardDutyState.Detector(id, now, now, "ENABLED", "SIX_HOURS"));
            return id;
        }
    }

    /**
     * Creates or updates a finding from {@code spec} (finding fields, camelCase; {@code type} required)
     * observed at {@code at}. Returns the stored finding.
     */
    public static ObjectNode publish(World world, Account account, String region, ObjectNode spec, Instant at) {
        GuardDutyState state = state(account, region);
        String detectorId = ensureDetector(world, account, region);
        ObjectNode stored;
        synchronized (state) {
            ObjectNode existing = spec.hasNonNull("id") ? state.finding(spec.get("id").asText()) : aggregateOf(state, detectorId, spec);
            stored = existing == null ? create(world, account.id(), region, detectorId, spec, at) : update(existing, spec, at);
            state.putFinding(stored);
        }
        SecurityHubFindings.importFromGuardDuty(world, account, region, stored);
        return stored.deepCopy();
    }

    /** Sets service.archived on findings and moves their updatedAt; returns how many changed. */
    static void setArchived(World world, Account account, String region, Iterable<String> ids, boolean archived) {
        GuardDutyState state = state(account, region);
        String now = SimJson.isoMillis(world.clock().now());
        for (String id : ids) {
            ObjectNode copy;
            synchronized (state) {
                ObjectNode f = state.finding(id);
                if (f == null) {
                    continue;
                }
                copy = f.deepCopy();
                ((ObjectNode) copy.get("service")).put("archived", archived);
                copy.put("updatedAt", now);
                state.putFinding(copy);
            }
            SecurityHubFindings.importFromGuardDuty(world, account, region, copy);
        }
    }

    private static ObjectNode create(World world, String accountId, String region, String detectorId, ObjectNode spec,
                                     Instant at) {
        String type = spec.path("type").asText("");
        if (type.isEmpty()) {
            throw new IllegalArgumentException("A GuardDuty finding needs a type");
        }
        String id = spec.hasNonNull("id") ? spec.get("id").asText() : world.ids().hex(32);
        ObjectNode f = SimJson.object();
        f.put("accountId", accountId);
        f.put("arn", "arn:aws:guardduty:" + region + ":" + accountId + ":detector/" + detectorId + "/finding/" + id);
        f.put("createdAt", SimJson.isoMillis(at));
        f.put("description", FindingTypes.title(type));
        f.put("id", id);
        f.put("partition", "aws");
        f.put("region", region);
        f.set("resource", SimJson.object());
        f.put("schemaVersion", "2.0");
        ObjectNode service = f.putObject("service");
        service.put("archived", false).put("count", 1).put("detectorId", detectorId)
                .put("eventFirstSeen", SimJson.isoSeconds(at)).put("eventLastSeen", SimJson.isoSeconds(at))
                .put("resourceRole", "TARGET").put("serviceName", "guardduty");
        service.putObject("additionalInfo").put("value", "{}").put("type", "default");
        f.put("severity", FindingTypes.severity(type));
        f.put("title", FindingTypes.title(type));
        f.put("type", type);
        f.put("updatedAt", SimJson.isoMillis(at));
        merge(f, spec);
        // identity and timing belong to GuardDuty, whatever the spec says
        f.put("id", id).put("accountId", accountId).put("region", region).put("createdAt", SimJson.isoMillis(at))
                .put("updatedAt", SimJson.isoMillis(at));
        f.put("arn", "arn:aws:guardduty:" + region + ":" + accountId + ":detector/" + detectorId + "/finding/" + id);
        ObjectNode s = (ObjectNode) f.get("service");
        s.put("detectorId", detectorId).put("eventFirstSeen", SimJson.isoSeconds(at)).put("eventLastSeen", SimJson.isoSeconds(at));
        if (f.get("severity").isTextual()) {
            f.put("severity", f.get("severity").asDouble());
        }
        return f;
    }

    private static ObjectNode update(ObjectNode existing, ObjectNode spec, Instant at) {
        ObjectNode f = existing.deepCopy();
        int previousCount = f.path("service").path("count").asInt(1);
        int added = spec.path("service").path("count").asInt(1);
        ObjectNode specCopy = spec.deepCopy();
        specCopy.remove(java.util.List.of("id", "arn", "createdAt", "accountId", "region"));
        if (specCopy.path("service").isObject()) {
            ((ObjectNode) specCopy.get("service")).remove(java.util.List.of("count", "eventFirstSeen", "detectorId"));
        }
        merge(f, specCopy);
        ObjectNode s = (ObjectNode) f.get("service");
        s.put("count", previousCount + added).put("eventLastSeen", SimJson.isoSeconds(at));
        f.put("updatedAt", SimJson.isoMillis(at));
        return f;
    }

    /** The unarchived finding of the same type on the same resource, which GuardDuty would update. */
    private static ObjectNode aggregateOf(GuardDutyState state, String detectorId, ObjectNode spec) {
        String key = resourceKey(spec);
        for (ObjectNode f : state.findingsOf(detectorId)) {
            if (f.path("type").asText().equals(spec.path("type").asText()) && resourceKey(f).equals(key)
                    && !f.path("service").path("archived").asBoolean(false)) {
                return f;
            }
        }
        return null;
    }

    private static String resourceKey(JsonNode finding) {
        JsonNode r = finding.path("resource");
        return r.path("instanceDetails").path("instanceId").asText("") + "|"
                + r.path("accessKeyDetails").path("accessKeyId").asText("") + "|"
                + r.path("s3BucketDetails").path(0).path("name").asText("");
    }

    /** Deep merge: objects merge field by field, everything else replaces. */
    static void merge(ObjectNode target, JsonNode overlay) {
        Iterator<Map.Entry<String, JsonNode>> fields = overlay.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> e = fields.next();
            JsonNode current = target.get(e.getKey());
            if (current != null && current.isObject() && e.getValue().isObject()) {
                merge((ObjectNode) current, e.getValue());
            } else {
                target.set(e.getKey(), e.getValue().deepCopy());
            }
        }
    }
}
