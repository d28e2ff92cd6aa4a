package io.tripline.simulator.securityhub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tripline.simulator.core.AwsError;
import io.tripline.simulator.core.CallContext;
import io.tripline.simulator.core.SimJson;
import java.util.Iterator;
import java.util.Map;

/**
 * BatchUpdateFindings: the customer-side update of up to 100 findings (Workflow.Status, Severity,
 * Note, UserDefinedFields, VerificationState, Confidence, Criticality, Types, RelatedFindings).
 * Unknown identifiers come back as UnprocessedFindings; each processed finding gets a new UpdatedAt.
 */
final class BatchUpdate {

    private BatchUpdate() {
    }

    static ObjectNode apply(SecurityHubState state, JsonNode body, CallContext context) {
        JsonNode identifiers = body.path("FindingIdentifiers");
        if (!identifiers.isArray() || identifiers.isEmpty() || identifiers.size() > 100) {
            throw AwsError.badRequest("InvalidInputException",
                    "Invalid parameter 'FindingIdentifiers'. Must contain between 1 and 100 items.");
        }
        validate(body);
        ObjectNode response = SimJson.object();
        ArrayNode processed = response.putArray("ProcessedFindings");
        ArrayNode unprocessed = response.putArray("UnprocessedFindings");
        for (JsonNode identifier : identifiers) {
            String id = identifier.path("Id").asText();
            String productArn = identifier.path("ProductArn").asText();
            synchronized (state) {
                ObjectNode existing = state.get(productArn, id);
                if (existing == null) {
                    unprocessed.addObject().<ObjectNode>set("FindingIdentifier", identifier.deepCopy());
                    ((ObjectNode) unprocessed.get(unprocessed.size() - 1)).put("ErrorCode", "FindingNotFound")
                            .put("ErrorMessage", "Finding Not Found");
                    continue;
                }
                ObjectNode updated = existing.deepCopy();
                change(updated, body, context);
                SecurityHubFindings.touch(context.world(), updated);
                state.put(updated);
            }
            processed.addObject().put("Id", id).put("ProductArn", productArn);
        }
        ObjectNode params = body.deepCopy();
        context.recordEvent("securityhub.amazonaws.com", "BatchUpdateFindings", params, response.deepCopy());
        return response;
    }

    private static void validate(JsonNode body) {
        if (body.has("Workflow")) {
            SecurityHubService.checkWorkflow(body.path("Workflow").path("Status").asText());
        }
        if (body.path("Severity").hasNonNull("Label")) {
            SecurityHubService.checkLabel(body.path("Severity").get("Label").asText());
        }
        if (body.has("Note") && (!body.get("Note").hasNonNull("Text") || !body.get("Note").hasNonNull("UpdatedBy"))) {
            throw AwsError.badRequest("InvalidInputException", "Note requires both Text and UpdatedBy.");
        }
    }

    private static void change(ObjectNode f, JsonNode body, CallContext context) {
        if (body.has("Workflow")) {
            String status = body.get("Workflow").get("Status").asText();
            f.putObject("Workflow").put("Status", status);
            f.put("WorkflowState", switch (status) {
                case "NOTIFIED" -> "ASSIGNED";
                case "RESOLVED" -> "RESOLVED";
                case "SUPPRESSED" -> "DEFERRED";
                default -> "NEW";
            });
        }
        if (body.has("Severity")) {
            ObjectNode severity = f.with("Severity");
            JsonNode s = body.get("Severity");
            if (s.hasNonNull("Label")) {
                severity.put("Label", s.get("Label").asText());
                severity.put("Normalized", s.hasNonNull("Normalized") ? s.get("Normalized").asInt()
                        : SeverityLabels.normalizedOf(s.get("Label").asText()));
            } else if (s.hasNonNull("Normalized")) {
                severity.put("Normalized", s.get("Normalized").asInt());
                severity.put("Label", SeverityLabels.fromNormalized(s.get("Normalized").asInt()));
            }
            if (s.hasNonNull("Product")) {
                severity.put("Product", s.get("Product").asDouble());
            }
        }
        if (body.has("Note")) {
            f.putObject("Note").put("Text", body.get("Note").get("Text").asText())
                    .put("UpdatedBy", body.get("Note").get("UpdatedBy").asText())
                    .put("UpdatedAt", SimJson.isoMillis(context.clock().now()));
        }
        if (body.has("UserDefinedFields")) {
            ObjectNode fields = f.with("UserDefinedFields");
            Iterator<Map.Entry<String, JsonNode>> it = body.get("UserDefinedFields").fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                fields.put(e.getKey(), e.getValue().asText());
            }
        }
        for (String field : new String[] {"VerificationState", "Confidence", "Criticality", "Types", "RelatedFindings"}) {
            if (body.has(field)) {
                f.set(field, body.get(field).deepCopy());
            }
        }
    }
}
