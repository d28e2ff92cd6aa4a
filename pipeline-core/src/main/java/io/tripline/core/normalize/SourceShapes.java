package io.tripline.core.normalize;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Recognises what a piece of JSON is and unwraps its envelope: CloudTrail S3 log files
 * ({@code {"Records":[...]}}), LookupEvents items ({@code CloudTrailEvent} string), EventBridge events
 * (CloudTrail API calls, GuardDuty findings, Security Hub findings), GetFindings responses, and bare
 * records of each kind. Every door (pollers, SQS receivers, file replay) hands its JSON here, then to
 * the kind's normalizer.
 */
public final class SourceShapes {

    private SourceShapes() {
    }

    /** The source records inside {@code node}; throws when it is none of the known shapes. */
    public static List<SourceItem> unwrap(JsonNode node) {
        List<SourceItem> out = new ArrayList<>();
        unwrap(node, out, 0);
        return out;
    }

    private static void unwrap(JsonNode node, List<SourceItem> out, int depth) {
        if (node == null || !node.isObject()) {
            throw new NormalizationException("expected a JSON object, found " + (node == null ? "nothing" : node.getNodeType()));
        }
        if (depth > 3) {
            throw new NormalizationException("envelopes nested too deeply");
        }
        if (node.path("Records").isArray()) {
            node.get("Records").forEach(record -> out.add(new SourceItem(SourceKind.CLOUDTRAIL, record)));
            return;
        }
        JsonNode lookupEvent = node.get("CloudTrailEvent");
        if (lookupEvent != null && lookupEvent.isTextual()) {
            out.add(new SourceItem(SourceKind.CLOUDTRAIL, Json.parse(lookupEvent.asText())));
            return;
        }
        JsonNode detail = node.get("detail");
        if (detail != null && detail.isObject() && !detail.isEmpty()) {
            unwrapDetail(node, detail, out, depth);
            return;
        }
        if ("DATA_MESSAGE".equals(Json.text(node, "messageType")) && node.path("logEvents").isArray()) {
            // CloudWatch Logs subscription payload of a trail delivered to a log group: one record per message.
            for (JsonNode event : node.get("logEvents")) {
                out.add(new SourceItem(SourceKind.CLOUDTRAIL, Json.parse(event.path("message").asText())));
            }
            return;
        }
        JsonNode findings = node.has("Findings") ? node.get("Findings") : node.get("findings");
        if (findings != null && findings.isArray()) {
            for (JsonNode finding : findings) {
                out.add(new SourceItem(isAsff(finding) ? SourceKind.SECURITYHUB : SourceKind.GUARDDUTY, finding));
            }
            return;
        }
        out.add(new SourceItem(bareKind(node), node));
    }

    private static void unwrapDetail(JsonNode envelope, JsonNode detail, List<SourceItem> out, int depth) {
        String detailType = Json.text(envelope, "detail-type");
        if (detail.path("findings").isArray()) {
            detail.get("findings").forEach(f -> out.add(new SourceItem(SourceKind.SECURITYHUB, f)));
        } else if ("GuardDuty Finding".equals(detailType) || "aws.guardduty".equals(Json.text(envelope, "source"))) {
            out.add(new SourceItem(SourceKind.GUARDDUTY, withEnvelopeLocation(envelope, detail)));
        } else if (detail.has("eventID") || detailType != null && detailType.contains("via CloudTrail")) {
            out.add(new SourceItem(SourceKind.CLOUDTRAIL, detail));
        } else {
            unwrap(detail, out, depth + 1);
        }
    }

    /** Some GuardDuty events omit region or account in the finding; the envelope's values are the same ones. */
    private static JsonNode withEnvelopeLocation(JsonNode envelope, JsonNode detail) {
        boolean capital = detail.has("Id") && !detail.has("id");
        String regionKey = capital ? "Region" : "region";
        String accountKey = capital ? "AccountId" : "accountId";
        if (detail.has(regionKey) && detail.has(accountKey)) {
            return detail;
        }
        com.fasterxml.jackson.databind.node.ObjectNode copy = detail.deepCopy();
        if (!copy.has(regionKey) && Json.text(envelope, "region") != null) {
            copy.put(regionKey, Json.text(envelope, "region"));
        }
        if (!copy.has(accountKey) && Json.text(envelope, "account") != null) {
            copy.put(accountKey, Json.text(envelope, "account"));
        }
        return copy;
    }

    private static boolean isAsff(JsonNode node) {
        return node.has("ProductArn") || node.has("SchemaVersion") && node.has("AwsAccountId");
    }

    private static SourceKind bareKind(JsonNode node) {
        if (node.has("eventID") || node.has("eventVersion") || node.has("eventName") && node.has("eventSource")) {
            return SourceKind.CLOUDTRAIL;
        }
        if (isAsff(node)) {
            return SourceKind.SECURITYHUB;
        }
        boolean camel = node.has("id") && node.has("type") && node.has("severity");
        boolean capital = node.has("Id") && node.has("Type") && node.has("Severity");
        if (camel || capital) {
            return SourceKind.GUARDDUTY;
        }
        throw new NormalizationException("unrecognised source shape with keys " + keys(node));
    }

    private static String keys(JsonNode node) {
        List<String> names = new ArrayList<>();
        Iterator<String> it = node.fieldNames();
        while (it.hasNext() && names.size() < 8) {
            names.add(it.next());
        }
        return names.toString();
    }
}
