package io.tripline.simulator.cloudtrail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tripline.simulator.core.Account;
import io.tripline.simulator.core.Caller;
import io.tripline.simulator.core.SimJson;
import io.tripline.simulator.core.World;
import java.time.Instant;

/**
 * Writes CloudTrail records into event history: records of API calls made against the simulator
 * (built from the caller, in the documented record shape, eventVersion 1.08) and records supplied
 * whole by scenarios (missing envelope fields filled in).
 */
public final class CloudTrailRecorder {

    private CloudTrailRecorder() {
    }

    /** The CloudTrail state of an account-region, created with the configured memory bound. */
    public static CloudTrailState state(World world, Account account, String region) {
        int max = world.extension(CloudTrailSettings.class, () -> CloudTrailSettings.DEFAULT).maxEventsPerRegion();
        return account.regional(region, CloudTrailState.class, () -> new CloudTrailState(max));
    }

    /** One call's parts that a record needs besides the event itself. */
    public record Call(Caller caller, String region, String sourceIp, String userAgent, String requestId) {
    }

    /** Records an API call made against the simulator and returns the stored record. */
    public static ObjectNode recordCall(World world, Call call, String eventSource, String eventName,
                                        JsonNode requestParameters, JsonNode responseElements) {
        Caller caller = call.caller();
        Instant now = world.clock().now();
        ObjectNode r = SimJson.object();
        r.put("eventVersion", "1.08");
        r.set("userIdentity", userIdentity(caller, now));
        r.put("eventTime", SimJson.isoSeconds(now));
        r.put("eventSource", eventSource);
        r.put("eventName", eventName);
        r.put("awsRegion", call.region());
        r.put("sourceIPAddress", call.sourceIp());
        r.put("userAgent", call.userAgent() == null ? "" : call.userAgent());
        r.set("requestParameters", requestParameters == null ? NullNode.getInstance() : requestParameters);
        r.set("responseElements", responseElements == null ? NullNode.getInstance() : responseElements);
        r.put("requestID", call.requestId());
        r.put("eventID", world.ids().uuid());
        r.put("readOnly", isReadOnly(eventName));
        r.put("eventType", "AwsApiCall");
        r.put("managementEvent", true);
        r.put("recipientAccountId", caller.accountId());
        r.put("eventCategory", "Management");
        state(world, world.account(caller.accountId()), call.region()).add(r);
        return r;
    }

    /**
     * Stores a record a scenario supplies, filling eventVersion, eventID, eventTime, awsRegion,
     * recipientAccountId and eventType when absent.
     */
    public static ObjectNode recordSupplied(World world, String accountId, String region, ObjectNode record,
                                            Instant eventTime) {
        ObjectNode r = record.deepCopy();
        if (!r.hasNonNull("eventVersion")) {
            r.put("eventVersion", "1.08");
        }
        r.put("eventID", world.ids().uuid());
        r.put("eventTime", SimJson.isoSeconds(eventTime));
        r.put("awsRegion", region);
        r.put("recipientAccountId", accountId);
        if (!r.hasNonNull("eventType")) {
            r.put("eventType", "AwsApiCall");
        }
        if (!r.has("readOnly") && "AwsApiCall".equals(r.path("eventType").asText())) {
            r.put("readOnly", isReadOnly(r.path("eventName").asText("")));
        }
        if (!r.has("managementEvent")) {
            r.put("managementEvent", true);
        }
        if (!r.hasNonNull("eventCategory")) {
            r.put("eventCategory", "Management");
        }
        if (r.path("userIdentity").isObject() && !r.path("userIdentity").hasNonNull("accountId")) {
            ((ObjectNode) r.get("userIdentity")).put("accountId", accountId);
        }
        CloudTrailState state = state(world, world.account(accountId), region);
        state.add(r);
        applyTrailEffect(state, r, eventTime);
        return r;
    }

    /** A scenario's Start/StopLogging record also switches the trail it names, so GetTrailStatus agrees. */
    private static void applyTrailEffect(CloudTrailState state, ObjectNode r, Instant at) {
        String name = r.path("eventName").asText();
        if (!r.path("eventSource").asText().startsWith("cloudtrail.")
                || !(name.equals("StopLogging") || name.equals("StartLogging"))) {
            return;
        }
        Trail trail = state.trail(r.path("requestParameters").path("name").asText(""));
        if (trail != null) {
            synchronized (trail) {
                trail.logging = name.equals("StartLogging");
                if (trail.logging) {
                    trail.startLoggingTime = at;
                } else {
                    trail.stopLoggingTime = at;
                }
            }
        }
    }

    /** userIdentity as CloudTrail writes it for IAM users, assumed-role sessions and root. */
    static ObjectNode userIdentity(Caller caller, Instant now) {
        ObjectNode id = SimJson.object();
        id.put("type", caller.type());
        id.put("principalId", caller.principalId());
        id.put("arn", caller.arn());
        id.put("accountId", caller.accountId());
        id.put("accessKeyId", caller.accessKeyId());
        if (caller.userName() != null && !"AssumedRole".equals(caller.type())) {
            id.put("userName", caller.userName());
        }
        if ("AssumedRole".equals(caller.type())) {
            ObjectNode ctx = id.putObject("sessionContext");
            String issuerArn = caller.sessionIssuerArn();
            String principal = caller.principalId() == null ? "" : caller.principalId();
            ctx.putObject("sessionIssuer").put("type", "Role")
                    .put("principalId", principal.contains(":") ? principal.substring(0, principal.indexOf(':')) : principal)
                    .put("arn", issuerArn)
                    .put("accountId", caller.accountId())
                    .put("userName", issuerArn == null ? null : issuerArn.substring(issuerArn.lastIndexOf('/') + 1));
            ctx.putObject("webIdFederationData");
            ctx.putObject("attributes").put("creationDate", SimJson.isoSeconds(now)).put("mfaAuthenticated", "false");
        }
        return id;
    }

    /** Read-only calls by AWS's naming convention (CloudTrail's readOnly flag). */
    static boolean isReadOnly(String eventName) {
        return eventName.startsWith("Get") || eventName.startsWith("List") || eventName.startsWith("Describe")
                || eventName.startsWith("Lookup") || eventName.startsWith("Head") || eventName.equals("AssumeRole");
    }
}
