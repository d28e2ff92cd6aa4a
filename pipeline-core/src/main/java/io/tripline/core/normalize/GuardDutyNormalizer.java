package io.tripline.core.normalize;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.tripline.schema.v1.FindingResource;
import io.tripline.schema.v1.FindingSource;
import io.tripline.schema.v1.Network;
import io.tripline.schema.v1.Principal;
import io.tripline.schema.v1.RecordState;
import io.tripline.schema.v1.SecurityFinding;
import io.tripline.schema.v1.Severity;
import io.tripline.schema.v1.WorkflowStatus;

/**
 * The one door for GuardDuty findings: the JSON shape of GetFindings and of EventBridge's
 * {@code detail} (lowerCamel keys) becomes a {@link SecurityFinding}. CapitalCase input (boto3, AWS CLI)
 * is brought to lowerCamel first, so the raw field always holds the documented shape.
 */
public final class GuardDutyNormalizer {

    private static final String SHAPE = "GuardDuty finding";

    public SecurityFinding normalize(JsonNode input) {
        if (input == null || !input.isObject()) {
            throw new NormalizationException(SHAPE + " must be a JSON object");
        }
        JsonNode finding = input.has("Id") && !input.has("id") ? Json.lowerCamelKeys(input) : input;
        String id = Json.required(finding, SHAPE, "id");
        String accountId = Json.required(finding, SHAPE, "accountId");
        String region = Json.required(finding, SHAPE, "region");
        String detectorId = Json.text(finding, "service", "detectorId");
        String identity = GuardDutyArns.canonical(Json.text(finding, "arn"))
                .orElseGet(() -> {
                    if (detectorId == null) {
                        throw new NormalizationException(SHAPE + " " + id + " has neither an arn nor service.detectorId");
                    }
                    return GuardDutyArns.of(Json.text(finding, "partition"), region, accountId, detectorId, id);
                });
        JsonNode severityNode = finding.get("severity");
        if (severityNode == null || !severityNode.isNumber() && !isNumeric(severityNode.asText())) {
            throw new NormalizationException(SHAPE + " " + id + " has no numeric severity");
        }
        double severity = severityNode.isNumber() ? severityNode.doubleValue() : Double.parseDouble(severityNode.asText());
        String type = Json.required(finding, SHAPE, "type");
        Boolean archived = Json.bool(finding, "service", "archived");
        Long count = finding.path("service").path("count").isNumber() ? finding.path("service").path("count").asLong() : null;

        return SecurityFinding.newBuilder()
                .setIdentity(identity)
                .setSource(FindingSource.GUARDDUTY)
                .setSourceId(id)
                .setSecurityHubCopy(false)
                .setProductArn(null)
                .setGeneratorId(detectorId == null ? null : identity.substring(0, identity.indexOf("/finding/")))
                .setTypes(List.of(type))
                .setTitle(Json.text(finding, "title"))
                .setDescription(Json.text(finding, "description"))
                .setSeverity(Severity.newBuilder()
                        .setLabel(Severities.guardDutyLabel(severity))
                        .setNormalized(Severities.guardDutyNormalized(severity))
                        .setOriginal(severityNode.asText())
                        .build())
                .setAccountId(accountId)
                .setRegion(region)
                .setResources(resources(finding.path("resource"), accountId, region))
                .setPrincipal(principal(finding.path("resource").path("accessKeyDetails")))
                .setNetwork(network(finding.path("service").path("action")))
                .setFirstSeen(Json.instant(finding, SHAPE, "service", "eventFirstSeen"))
                .setLastSeen(Json.instant(finding, SHAPE, "service", "eventLastSeen"))
                .setUpdatedAt(Json.requiredInstant(finding, SHAPE, "updatedAt"))
                .setCount(count == null ? 1 : Math.max(1, count))
                .setRecordState(Boolean.TRUE.equals(archived) ? RecordState.ARCHIVED : RecordState.ACTIVE)
                .setWorkflowStatus(WorkflowStatus.UNKNOWN)
                .setSample(Boolean.TRUE.equals(Json.bool(finding, "service", "additionalInfo", "sample")))
                .setRaw(Json.write(finding))
                .build();
    }

    private static boolean isNumeric(String text) {
        try {
            Double.parseDouble(text);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static List<FindingResource> resources(JsonNode resource, String accountId, String region) {
        List<FindingResource> out = new ArrayList<>();
        JsonNode instance = resource.path("instanceDetails");
        String instanceId = Json.text(instance, "instanceId");
        if (instanceId != null) {
            out.add(FindingResource.newBuilder()
                    .setType("AwsEc2Instance")
                    .setId(instanceId)
                    .setArn("arn:aws:ec2:" + region + ":" + accountId + ":instance/" + instanceId)
                    .setTags(tags(instance.path("tags")))
                    .setDetails(Json.write(instance))
                    .build());
        }
        JsonNode key = resource.path("accessKeyDetails");
        String accessKeyId = Json.text(key, "accessKeyId");
        if (accessKeyId != null) {
            out.add(FindingResource.newBuilder()
                    .setType("AwsIamAccessKey")
                    .setId(accessKeyId)
                    .setArn(null)
                    .setTags(Map.of())
                    .setDetails(Json.write(key))
                    .build());
        }
        for (JsonNode bucket : resource.path("s3BucketDetails")) {
            String name = Json.text(bucket, "name");
            if (name != null) {
                out.add(FindingResource.newBuilder()
                        .setType("AwsS3Bucket")
                        .setId(name)
                        .setArn(Json.text(bucket, "arn") != null ? Json.text(bucket, "arn") : "arn:aws:s3:::" + name)
                        .setTags(tags(bucket.path("tags")))
                        .setDetails(Json.write(bucket))
                        .build());
            }
        }
        if (out.isEmpty() && Json.text(resource, "resourceType") != null) {
            // Types Tripline does not model yet (EKS, RDS, Lambda, ...) keep their details for the analyst.
            out.add(FindingResource.newBuilder()
                    .setType(Json.text(resource, "resourceType"))
                    .setId(Json.text(resource, "resourceType"))
                    .setArn(null)
                    .setTags(Map.of())
                    .setDetails(Json.write(resource))
                    .build());
        }
        return out;
    }

    private static Map<String, String> tags(JsonNode tags) {
        Map<String, String> out = new LinkedHashMap<>();
        for (JsonNode tag : tags) {
            String key = Json.text(tag, "key");
            if (key != null) {
                String value = Json.text(tag, "value");
                out.put(key, value == null ? "" : value);
            }
        }
        return out;
    }

    private static Principal principal(JsonNode key) {
        if (key.isMissingNode() || key.isNull() || key.isEmpty()) {
            return null;
        }
        return Principal.newBuilder()
                .setArn(null)
                .setAccessKeyId(Json.text(key, "accessKeyId"))
                .setUserName(Json.text(key, "userName"))
                .setType(Json.text(key, "userType"))
                .build();
    }

    private static Network network(JsonNode action) {
        JsonNode connection = action.path("networkConnectionAction");
        if (!connection.isMissingNode()) {
            return Network.newBuilder()
                    .setRemoteIp(Json.text(connection, "remoteIpDetails", "ipAddressV4"))
                    .setRemotePort(Json.integer(connection, "remotePortDetails", "port"))
                    .setLocalPort(Json.integer(connection, "localPortDetails", "port"))
                    .setDirection(Json.text(connection, "connectionDirection"))
                    .setProtocol(Json.text(connection, "protocol"))
                    .build();
        }
        JsonNode apiCall = action.path("awsApiCallAction");
        if (!apiCall.isMissingNode()) {
            return Network.newBuilder()
                    .setRemoteIp(Json.text(apiCall, "remoteIpDetails", "ipAddressV4"))
                    .setDirection("INBOUND")
                    .build();
        }
        JsonNode probe = action.path("portProbeAction").path("portProbeDetails").path(0);
        if (!probe.isMissingNode()) {
            return Network.newBuilder()
                    .setRemoteIp(Json.text(probe, "remoteIpDetails", "ipAddressV4"))
                    .setLocalPort(Json.integer(probe, "localPortDetails", "port"))
                    .setDirection("INBOUND")
                    .build();
        }
        return null;
    }
}
