package io.tripline.simulator.cloudtrail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tripline.simulator.core.Account;
import io.tripline.simulator.core.AwsError;
import io.tripline.simulator.core.AwsService;
import io.tripline.simulator.core.CallContext;
import io.tripline.simulator.core.Protocol;
import io.tripline.simulator.core.Seedable;
import io.tripline.simulator.core.World;
import io.tripline.simulator.core.SimJson;
import io.tripline.simulator.core.SimRequest;
import io.tripline.simulator.core.SimResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * CloudTrail on JSON 1.1 ({@code X-Amz-Target: com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.OP}):
 * event history (LookupEvents) fed by every mutating call to any simulated service and by scenarios,
 * and trail administration (CreateTrail, DescribeTrails, GetTrailStatus, Start/StopLogging, DeleteTrail).
 */
public final class CloudTrailService implements AwsService, Seedable {

    private static final Set<String> OPERATIONS = Set.of("LookupEvents", "CreateTrail", "DescribeTrails",
            "GetTrailStatus", "StartLogging", "StopLogging", "DeleteTrail", "ListTrails");
    private static final Pattern TRAIL_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{1,126}[A-Za-z0-9]");
    private static final String SOURCE = "cloudtrail.amazonaws.com";

    @Override
    public String signingName() {
        return "cloudtrail";
    }

    @Override
    public Protocol protocol() {
        return Protocol.JSON_1_1;
    }

    @Override
    public String operationName(SimRequest request) {
        String target = request.target();
        return OPERATIONS.contains(target) ? target : null;
    }

    /**
     * Seeds trails from {@code resources.REGION.cloudtrail}:
     * {@code {trails: [{name, s3BucketName, s3KeyPrefix, isMultiRegionTrail, logging}]}}.
     */
    @Override
    public void seed(World world, Account account, String region, JsonNode spec) {
        String home = region == null ? "us-east-1" : region;
        CloudTrailState state = CloudTrailRecorder.state(world, account, home);
        for (JsonNode t : spec.path("trails")) {
            String name = t.path("name").asText();
            Trail trail = new Trail(name, "arn:aws:cloudtrail:" + home + ":" + account.id() + ":trail/" + name, home,
                    t.path("s3BucketName").asText("aws-cloudtrail-logs-" + account.id()), t.path("s3KeyPrefix").asText(null),
                    t.path("isMultiRegionTrail").asBoolean(true), true, t.path("logFileValidation").asBoolean(true));
            if (t.path("logging").asBoolean(true)) {
                trail.logging = true;
                trail.startLoggingTime = world.clock().now();
            }
            synchronized (state) {
                state.trails().put(name, trail);
            }
        }
    }

    @Override
    public SimResponse handle(SimRequest request, CallContext context) {
        JsonNode body = SimJson.parse(request.bodyText());
        CloudTrailState state = CloudTrailRecorder.state(context.world(), context.account(), context.region());
        ObjectNode response = switch (request.target()) {
            case "LookupEvents" -> LookupEventsHandler.lookup(state, body, context.clock().now());
            case "CreateTrail" -> createTrail(state, body, context);
            case "DescribeTrails" -> describeTrails(body, context);
            case "ListTrails" -> listTrails(context);
            case "GetTrailStatus" -> trailStatus(find(body, context));
            case "StartLogging" -> setLogging(body, context, true);
            case "StopLogging" -> setLogging(body, context, false);
            case "DeleteTrail" -> deleteTrail(body, context);
            default -> throw new IllegalStateException("unreachable: operationName filters targets");
        };
        return SimResponse.json11(SimJson.write(response));
    }

    private ObjectNode createTrail(CloudTrailState state, JsonNode body, CallContext context) {
        String name = body.path("Name").asText("");
        if (!TRAIL_NAME.matcher(name).matches() || name.contains("..") || name.contains("--") || name.contains("_.")) {
            throw AwsError.badRequest("InvalidTrailNameException", "Trail name " + name + " is not valid.");
        }
        if (!body.hasNonNull("S3BucketName")) {
            throw AwsError.badRequest("InvalidParameterCombinationException", "S3BucketName is required.");
        }
        String arn = "arn:aws:cloudtrail:" + context.region() + ":" + context.account().id() + ":trail/" + name;
        Trail trail;
        synchronized (state) {
            if (findAnywhere(context, name) != null) {
                throw AwsError.badRequest("TrailAlreadyExistsException", "Trail " + name + " already exists for customer: "
                        + context.account().id());
            }
            trail = new Trail(name, arn, context.region(), body.get("S3BucketName").asText(),
                    body.path("S3KeyPrefix").asText(null), body.path("IsMultiRegionTrail").asBoolean(false),
                    body.path("IncludeGlobalServiceEvents").asBoolean(true), body.path("EnableLogFileValidation").asBoolean(false));
            state.trails().put(name, trail);
        }
        ObjectNode response = trail.toJson();
        context.recordEvent(SOURCE, "CreateTrail", body.deepCopy(), response.deepCopy());
        return response;
    }

    private ObjectNode describeTrails(JsonNode body, CallContext context) {
        boolean shadows = body.path("includeShadowTrails").asBoolean(true);
        List<String> names = new ArrayList<>();
        body.path("trailNameList").forEach(n -> names.add(n.asText()));
        ObjectNode response = SimJson.object();
        ArrayNode list = response.putArray("trailList");
        for (Trail t : allTrails(context)) {
            boolean home = t.homeRegion.equals(context.region());
            if (!home && !(shadows && t.multiRegion)) {
                continue;
            }
            if (names.isEmpty() || names.contains(t.name) || names.contains(t.arn)) {
                list.add(t.toJson());
            }
        }
        return response;
    }

    private ObjectNode listTrails(CallContext context) {
        ObjectNode response = SimJson.object();
        ArrayNode list = response.putArray("Trails");
        allTrails(context).forEach(t -> list.addObject().put("TrailARN", t.arn).put("Name", t.name).put("HomeRegion", t.homeRegion));
        return response;
    }

    private static ObjectNode trailStatus(Trail trail) {
        ObjectNode status = SimJson.object();
        synchronized (trail) {
            status.put("IsLogging", trail.logging);
            if (trail.startLoggingTime != null) {
                status.put("StartLoggingTime", trail.startLoggingTime.getEpochSecond())
                        .put("TimeLoggingStarted", SimJson.isoSeconds(trail.startLoggingTime));
            }
            if (trail.stopLoggingTime != null) {
                status.put("StopLoggingTime", trail.stopLoggingTime.getEpochSecond())
                        .put("TimeLoggingStopped", SimJson.isoSeconds(trail.stopLoggingTime));
            }
        }
        return status;
    }

    private ObjectNode setLogging(JsonNode body, CallContext context, boolean logging) {
        Trail trail = find(body, context);
        synchronized (trail) {
            trail.logging = logging;
            if (logging) {
                trail.startLoggingTime = context.clock().now();
            } else {
                trail.stopLoggingTime = context.clock().now();
            }
        }
        context.recordEvent(SOURCE, logging ? "StartLogging" : "StopLogging",
                SimJson.object().put("name", body.path("Name").asText()), null);
        return SimJson.object();
    }

    private ObjectNode deleteTrail(JsonNode body, CallContext context) {
        Trail trail = find(body, context);
        CloudTrailState home = CloudTrailRecorder.state(context.world(), context.account(), trail.homeRegion);
        synchronized (home) {
            home.trails().remove(trail.name);
        }
        context.recordEvent(SOURCE, "DeleteTrail", SimJson.object().put("name", body.path("Name").asText()), null);
        return SimJson.object();
    }

    private Trail find(JsonNode body, CallContext context) {
        String name = body.path("Name").asText("");
        Trail trail = findAnywhere(context, name);
        if (trail == null) {
            throw AwsError.badRequest("TrailNotFoundException", "Unknown trail: " + name + " for the user: "
                    + context.account().id());
        }
        return trail;
    }

    private static Trail findAnywhere(CallContext context, String nameOrArn) {
        for (Trail t : allTrails(context)) {
            if (t.name.equals(nameOrArn) || t.arn.equals(nameOrArn)) {
                return t;
            }
        }
        return null;
    }

    /** Trails of the account in every region; the calling region's first. */
    private static List<Trail> allTrails(CallContext context) {
        Account account = context.account();
        List<Trail> out = new ArrayList<>();
        CloudTrailState own = CloudTrailRecorder.state(context.world(), account, context.region());
        synchronized (own) {
            out.addAll(own.trails().values());
        }
        for (String region : List.copyOf(account.regions())) {
            if (!region.equals(context.region())) {
                CloudTrailState other = CloudTrailRecorder.state(context.world(), account, region);
                synchronized (other) {
                    out.addAll(other.trails().values());
                }
            }
        }
        return out;
    }
}
