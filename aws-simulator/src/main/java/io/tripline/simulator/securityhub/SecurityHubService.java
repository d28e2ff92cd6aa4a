package io.tripline.simulator.securityhub;

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
import java.util.Set;

/**
 * Security Hub on REST-JSON (PascalCase ASFF): GetFindings (filters, sort, 100 per page),
 * BatchImportFindings (validation with FailedFindings), BatchUpdateFindings (workflow, severity, note,
 * user-defined fields...), and the hub switch (EnableSecurityHub, DisableSecurityHub, DescribeHub).
 */
public final class SecurityHubService implements AwsService {

    private static final String SOURCE = "securityhub.amazonaws.com";
    private static final Set<String> WORKFLOW = Set.of("NEW", "NOTIFIED", "RESOLVED", "SUPPRESSED");
    private static final Set<String> LABELS = Set.of("INFORMATIONAL", "LOW", "MEDIUM", "HIGH", "CRITICAL");

    @Override
    public String signingName() {
        return "securityhub";
    }

    @Override
    public Protocol protocol() {
        return Protocol.REST_JSON;
    }

    @Override
    public String operationName(SimRequest request) {
        String path = request.path().endsWith("/") && request.path().length() > 1
                ? request.path().substring(0, request.path().length() - 1) : request.path();
        String m = request.method();
        return switch (path) {
            case "/findings" -> "POST".equals(m) ? "GetFindings" : null;
            case "/findings/import" -> "POST".equals(m) ? "BatchImportFindings" : null;
            case "/findings/batchupdate" -> "PATCH".equals(m) ? "BatchUpdateFindings" : null;
            case "/accounts" -> switch (m) {
                case "POST" -> "EnableSecurityHub";
                case "DELETE" -> "DisableSecurityHub";
                case "GET" -> "DescribeHub";
                default -> null;
            };
            default -> null;
        };
    }

    @Override
    public SimResponse handle(SimRequest request, CallContext context) {
        String op = operationName(request);
        JsonNode body = SimJson.parse(request.bodyText());
        SecurityHubState state = SecurityHubFindings.state(context.account(), context.region());
        if (op.equals("EnableSecurityHub")) {
            if (state.enabled()) {
                throw new AwsError(409, "ResourceConflictException", "Account " + context.account().id()
                        + " is already subscribed to Security Hub");
            }
            state.enabled(true, SimJson.isoMillis(context.clock().now()));
            context.recordEvent(SOURCE, "EnableSecurityHub", body.deepCopy(), null);
            return ok(SimJson.object());
        }
        if (!state.enabled()) {
            throw new AwsError(401, "InvalidAccessException", "Account " + context.account().id()
                    + " is not subscribed to AWS Security Hub");
        }
        return ok(switch (op) {
            case "DisableSecurityHub" -> {
                state.enabled(false, null);
                context.recordEvent(SOURCE, "DisableSecurityHub", null, null);
                yield SimJson.object();
            }
            case "DescribeHub" -> SimJson.object()
                    .put("HubArn", "arn:aws:securityhub:" + context.region() + ":" + context.account().id() + ":hub/default")
                    .put("SubscribedAt", state.subscribedAt() == null ? "2020-01-01T00:00:00.000Z" : state.subscribedAt())
                    .put("AutoEnableControls", true);
            case "GetFindings" -> getFindings(state, body, context);
            case "BatchImportFindings" -> batchImport(state, body, context);
            case "BatchUpdateFindings" -> BatchUpdate.apply(state, body, context);
            default -> throw new IllegalStateException("unreachable: " + op);
        });
    }

    private ObjectNode getFindings(SecurityHubState state, JsonNode body, CallContext context) {
        int max = body.path("MaxResults").asInt(100);
        if (body.has("MaxResults") && (max < 1 || max > 100)) {
            throw AwsError.badRequest("InvalidInputException",
                    "Invalid parameter 'MaxResults'. MaxResults must be a number between 1 and 100.");
        }
        List<ObjectNode> matching = new ArrayList<>(state.snapshot().stream()
                .filter(AsffFilters.parse(body.path("Filters"), context.clock().now())).toList());
        matching.sort(AsffFilters.order(body.get("SortCriteria")));
        int from = decode(body.path("NextToken").asText(null));
        int to = Math.min(matching.size(), from + max);
        ObjectNode response = SimJson.object();
        ArrayNode findings = response.putArray("Findings");
        if (from < matching.size()) {
            matching.subList(from, to).forEach(findings::add);
        }
        if (to < matching.size()) {
            response.put("NextToken", Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(Integer.toString(to).getBytes(StandardCharsets.UTF_8)));
        }
        return response;
    }

    private ObjectNode batchImport(SecurityHubState state, JsonNode body, CallContext context) {
        JsonNode findings = body.path("Findings");
        if (!findings.isArray() || findings.isEmpty() || findings.size() > 100) {
            throw AwsError.badRequest("InvalidInputException",
                    "Invalid parameter 'Findings'. Findings must contain between 1 and 100 items.");
        }
        ObjectNode response = SimJson.object();
        ArrayNode failed = SimJson.array();
        int success = 0;
        for (JsonNode f : findings) {
            String error = f.isObject()
                    ? SecurityHubFindings.importFinding(context.world(), state, context.region(), (ObjectNode) f)
                    : "Finding must be an object";
            if (error == null) {
                success++;
            } else {
                failed.addObject().put("Id", f.path("Id").asText("")).put("ErrorCode", "InvalidInput").put("ErrorMessage", error);
            }
        }
        response.put("FailedCount", failed.size()).put("SuccessCount", success).set("FailedFindings", failed);
        ObjectNode params = SimJson.object();
        ArrayNode ids = params.putArray("findings");
        findings.forEach(f -> ids.add(f.path("Id").asText("")));
        context.recordEvent(SOURCE, "BatchImportFindings", params, response.deepCopy());
        return response;
    }

    static int decode(String token) {
        if (token == null || token.isEmpty()) {
            return 0;
        }
        try {
            return Integer.parseInt(new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            throw AwsError.badRequest("InvalidInputException", "Invalid parameter 'NextToken'.");
        }
    }

    static void checkWorkflow(String status) {
        if (!WORKFLOW.contains(status)) {
            throw AwsError.badRequest("InvalidInputException", "Invalid parameter 'Workflow.Status': " + status);
        }
    }

    static void checkLabel(String label) {
        if (!LABELS.contains(label)) {
            throw AwsError.badRequest("InvalidInputException", "Invalid parameter 'Severity.Label': " + label);
        }
    }

    private static SimResponse ok(ObjectNode body) {
        return SimResponse.restJson(SimJson.write(body));
    }
}
