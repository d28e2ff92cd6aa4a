package io.tripline.simulator.guardduty;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tripline.simulator.core.AwsError;
import io.tripline.simulator.core.AwsService;
import io.tripline.simulator.core.CallContext;
import io.tripline.simulator.core.Protocol;
import io.tripline.simulator.core.SimJson;
import io.tripline.simulator.core.SimRequest;
import io.tripline.simulator.core.SimResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Predicate;

/**
 * GuardDuty on REST-JSON: detectors (List/Create/GetDetector) and findings (ListFindings with
 * FindingCriteria, SortCriteria and 50-per-page paging; GetFindings of up to 50 ids;
 * CreateSampleFindings; Archive/UnarchiveFindings).
 */
public final class GuardDutyService implements AwsService {

    private static final String SOURCE = "guardduty.amazonaws.com";

    @Override
    public String signingName() {
        return "guardduty";
    }

    @Override
    public Protocol protocol() {
        return Protocol.REST_JSON;
    }

    @Override
    public String operationName(SimRequest request) {
        String[] p = segments(request.path());
        String m = request.method();
        if (p.length == 0 || !"detector".equals(p[0])) {
            return null;
        }
        if (p.length == 1) {
            return "GET".equals(m) ? "ListDetectors" : "POST".equals(m) ? "CreateDetector" : null;
        }
        if (p.length == 2) {
            return "GET".equals(m) ? "GetDetector" : null;
        }
        if (!"findings".equals(p[2]) || !"POST".equals(m)) {
            return null;
        }
        if (p.length == 3) {
            return "ListFindings";
        }
        return p.length == 4 ? switch (p[3]) {
            case "get" -> "GetFindings";
            case "create" -> "CreateSampleFindings";
            case "archive" -> "ArchiveFindings";
            case "unarchive" -> "UnarchiveFindings";
            default -> null;
        } : null;
    }

    @Override
    public SimResponse handle(SimRequest request, CallContext context) {
        String op = operationName(request);
        JsonNode body = SimJson.parse(request.bodyText());
        GuardDutyState state = GuardDutyFindings.state(context.account(), context.region());
        if ("ListDetectors".equals(op)) {
            return ok(listDetectors(state, request));
        }
        if ("CreateDetector".equals(op)) {
            return ok(createDetector(state, body, context));
        }
        String detectorId = segments(request.path())[1];
        GuardDutyState.Detector detector = state.detector(detectorId);
        if (detector == null) {
            throw badRequest("The request is rejected because the input detectorId is not owned by the current account.");
        }
        return ok(switch (op) {
            case "GetDetector" -> getDetector(detector, context);
            case "ListFindings" -> listFindings(state, detectorId, body);
            case "GetFindings" -> getFindings(state, body);
            case "CreateSampleFindings" -> createSamples(body, context);
            case "ArchiveFindings" -> archive(body, context, true);
            case "UnarchiveFindings" -> archive(body, context, false);
            default -> throw new IllegalStateException("unreachable: " + op);
        });
    }

    private ObjectNode listDetectors(GuardDutyState state, SimRequest request) {
        int max = maxResults(request.queryParam("maxResults"));
        List<String> ids = state.detectors().stream().map(GuardDutyState.Detector::id).toList();
        return page(ids, request.queryParam("nextToken"), max, "detectorIds");
    }

    private ObjectNode createDetector(GuardDutyState state, JsonNode body, CallContext context) {
        if (!body.has("enable")) {
            throw badRequest("The request is rejected because the 'enable' parameter is required.");
        }
        String id;
        synchronized (state) {
            if (!state.detectors().isEmpty()) {
                throw badRequest("The request is rejected because a detector already exists for the current account.");
            }
            String now = SimJson.isoMillis(context.clock().now());
            id = context.world().ids().hex(32);
            state.addDetector(new GuardDutyState.Detector(id, now, now, body.get("enable").asBoolean() ? "ENABLED" : "DISABLED",
                    body.path("findingPublishingFrequency").asText("SIX_HOURS")));
        }
        ObjectNode response = SimJson.object().put("detectorId", id);
        context.recordEvent(SOURCE, "CreateDetector", body.deepCopy(), response.deepCopy());
        return response;
    }

    private ObjectNode getDetector(GuardDutyState.Detector d, CallContext context) {
        ObjectNode n = SimJson.object();
        n.put("createdAt", d.createdAt()).put("findingPublishingFrequency", d.frequency())
                .put("serviceRole", "arn:aws:iam::" + context.account().id()
                        + ":role/aws-service-role/guardduty.amazonaws.com/AWSServiceRoleForAmazonGuardDuty")
                .put("status", d.status()).put("updatedAt", d.updatedAt());
        n.putObject("tags");
        return n;
    }

    private ObjectNode listFindings(GuardDutyState state, String detectorId, JsonNode body) {
        int max = maxResults(body.hasNonNull("maxResults") ? body.get("maxResults").asText() : null);
        Predicate<ObjectNode> filter = FindingCriteria.parse(body.path("findingCriteria"));
        List<ObjectNode> matching = new ArrayList<>(state.findingsOf(detectorId).stream().filter(filter).toList());
        matching.sort(FindingCriteria.order(body.get("sortCriteria")));
        List<String> ids = matching.stream().map(f -> f.get("id").asText()).toList();
        return page(ids, body.path("nextToken").asText(null), max, "findingIds");
    }

    private ObjectNode getFindings(GuardDutyState state, JsonNode body) {
        JsonNode ids = body.path("findingIds");
        if (!ids.isArray() || ids.size() > 50) {
            throw badRequest("The request is rejected because the findingIds parameter has more than 50 items.");
        }
        List<ObjectNode> found = new ArrayList<>();
        ids.forEach(id -> {
            ObjectNode f = state.finding(id.asText());
            if (f != null) {
                found.add(f.deepCopy());
            }
        });
        if (body.hasNonNull("sortCriteria")) {
            found.sort(FindingCriteria.order(body.get("sortCriteria")));
        }
        ObjectNode response = SimJson.object();
        ArrayNode findings = response.putArray("findings");
        found.forEach(findings::add);
        return response;
    }

    private ObjectNode createSamples(JsonNode body, CallContext context) {
        List<String> types = new ArrayList<>();
        body.path("findingTypes").forEach(t -> types.add(t.asText()));
        if (types.isEmpty()) {
            types.addAll(FindingTypes.known());
        }
        for (String type : types) {
            ObjectNode spec = SampleFindings.spec(type, context.account().id(), context.region());
            spec.put("id", context.world().ids().hex(32));
            GuardDutyFindings.publish(context.world(), context.account(), context.region(), spec, context.clock().now());
        }
        context.recordEvent(SOURCE, "CreateSampleFindings", body.deepCopy(), null);
        return SimJson.object();
    }

    private ObjectNode archive(JsonNode body, CallContext context, boolean archived) {
        JsonNode ids = body.path("findingIds");
        if (!ids.isArray() || ids.isEmpty() || ids.size() > 50) {
            throw badRequest("The request is rejected because the findingIds parameter must have 1 to 50 items.");
        }
        List<String> list = new ArrayList<>();
        ids.forEach(i -> list.add(i.asText()));
        GuardDutyFindings.setArchived(context.world(), context.account(), context.region(), list, archived);
        context.recordEvent(SOURCE, archived ? "ArchiveFindings" : "UnarchiveFindings", body.deepCopy(), null);
        return SimJson.object();
    }

    private static ObjectNode page(List<String> ids, String token, int max, String field) {
        int from = token == null || token.isEmpty() ? 0 : decode(token);
        if (from > ids.size()) {
            throw badRequest("The request is rejected because the nextToken is invalid.");
        }
        int to = Math.min(ids.size(), from + max);
        ObjectNode response = SimJson.object();
        ArrayNode out = response.putArray(field);
        ids.subList(from, to).forEach(out::add);
        if (to < ids.size()) {
            response.put("nextToken", Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(Integer.toString(to).getBytes(StandardCharsets.UTF_8)));
        }
        return response;
    }

    private static int decode(String token) {
        try {
            return Integer.parseInt(new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            throw badRequest("The request is rejected because the nextToken is invalid.");
        }
    }

    private static int maxResults(String value) {
        if (value == null) {
            return 50;
        }
        int max;
        try {
            max = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw badRequest("The request is rejected because the maxResults parameter is invalid.");
        }
        if (max < 1 || max > 50) {
            throw badRequest("The request is rejected because the value " + max
                    + " for maxResults is invalid. Valid values are between 1 and 50.");
        }
        return max;
    }

    private static AwsError badRequest(String message) {
        return AwsError.badRequest("BadRequestException", message);
    }

    private static SimResponse ok(ObjectNode body) {
        return SimResponse.restJson(SimJson.write(body));
    }

    private static String[] segments(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        return trimmed.isEmpty() ? new String[0] : trimmed.split("/");
    }
}
