package io.tripline.core.normalize;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.tripline.schema.v1.FindingResource;
import io.tripline.schema.v1.FindingSource;
import io.tripline.schema.v1.Network;
import io.tripline.schema.v1.Principal;
import io.tripline.schema.v1.RecordState;
import io.tripline.schema.v1.SecurityFinding;
import io.tripline.schema.v1.Severity;
import io.tripline.schema.v1.SeverityLabel;
import io.tripline.schema.v1.WorkflowStatus;

/**
 * The one door for Security Hub findings in the AWS Security Finding Format (PascalCase). A finding
 * whose ProductArn is {@code arn:aws:securityhub:REGION::product/aws/guardduty} is GuardDuty's finding re-imported: it keeps
 * the GuardDuty finding ARN as identity and is marked as a Security Hub copy, so it collapses with
 * GuardDuty's own record.
 */
public final class AsffNormalizer {

    private static final String SHAPE = "ASFF finding";
    private static final String GUARDDUTY_PRODUCT = ":product/aws/guardduty";

    public SecurityFinding normalize(JsonNode finding) {
        if (finding == null || !finding.isObject()) {
            throw new NormalizationException(SHAPE + " must be a JSON object");
        }
        String id = Json.required(finding, SHAPE, "Id");
        String productArn = Json.required(finding, SHAPE, "ProductArn");
        String accountId = Json.required(finding, SHAPE, "AwsAccountId");
        boolean guardDutyCopy = productArn.endsWith(GUARDDUTY_PRODUCT);
        String identity = guardDutyCopy ? GuardDutyArns.canonical(id).orElse(id) : id;
        String region = region(finding, productArn);
        Integer gdCount = Json.integer(finding, "ProductFields", "aws/guardduty/service/count");

        return SecurityFinding.newBuilder()
                .setIdentity(identity)
                .setSource(FindingSource.SECURITY_HUB)
                .setSourceId(id)
                .setSecurityHubCopy(guardDutyCopy)
                .setProductArn(productArn)
                .setGeneratorId(Json.text(finding, "GeneratorId"))
                .setTypes(strings(finding.path("Types")))
                .setTitle(Json.text(finding, "Title"))
                .setDescription(Json.text(finding, "Description"))
                .setSeverity(severity(finding.path("Severity")))
                .setAccountId(accountId)
                .setRegion(region)
                .setResources(resources(finding.path("Resources")))
                .setPrincipal(principal(finding.path("Resources")))
                .setNetwork(network(finding.path("Network")))
                .setFirstSeen(Json.instant(finding, SHAPE, "FirstObservedAt"))
                .setLastSeen(Json.instant(finding, SHAPE, "LastObservedAt"))
                .setUpdatedAt(Json.requiredInstant(finding, SHAPE, "UpdatedAt"))
                .setCount(gdCount == null ? 1 : Math.max(1, gdCount))
                .setRecordState(recordState(Json.text(finding, "RecordState")))
                .setWorkflowStatus(workflow(finding))
                .setSample(Boolean.TRUE.equals(Json.bool(finding, "Sample"))
                        || Boolean.TRUE.equals(Json.bool(finding, "ProductFields", "aws/guardduty/service/additionalInfo/sample")))
                .setRaw(Json.write(finding))
                .build();
    }

    private static String region(JsonNode finding, String productArn) {
        String region = Json.text(finding, "Region");
        if (region != null) {
            return region;
        }
        // Older ASFF has no Region: the product ARN carries it (arn:aws:securityhub:REGION::product/...).
        String[] parts = productArn.split(":");
        if (parts.length > 3 && !parts[3].isEmpty()) {
            return parts[3];
        }
        String resourceRegion = Json.text(finding.path("Resources").path(0), "Region");
        if (resourceRegion != null) {
            return resourceRegion;
        }
        throw new NormalizationException(SHAPE + " " + Json.abbreviate(Json.text(finding, "Id")) + " has no Region");
    }

    private static Severity severity(JsonNode severity) {
        SeverityLabel label = Severities.parseLabel(Json.text(severity, "Label"));
        Integer normalized = Json.integer(severity, "Normalized");
        if (label == SeverityLabel.UNKNOWN && normalized != null) {
            label = Severities.fromNormalized(normalized);
        }
        int value = normalized != null ? Severities.clamp(normalized) : Severities.normalizedOf(label);
        String original = Json.text(severity, "Original");
        if (original == null && severity.has("Product")) {
            original = severity.get("Product").asText();
        }
        return Severity.newBuilder().setLabel(label).setNormalized(value).setOriginal(original).build();
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(item -> out.add(item.asText()));
        return out;
    }

    private static List<FindingResource> resources(JsonNode resources) {
        List<FindingResource> out = new ArrayList<>();
        for (JsonNode resource : resources) {
            String type = Json.text(resource, "Type");
            String id = Json.text(resource, "Id");
            if (type == null || id == null) {
                continue;
            }
            JsonNode details = resource.get("Details");
            out.add(FindingResource.newBuilder()
                    .setType(type)
                    .setId(shortId(type, id))
                    .setArn(id.startsWith("arn:") ? id : null)
                    .setTags(tags(resource.path("Tags")))
                    .setDetails(details == null ? null : Json.write(details))
                    .build());
        }
        return out;
    }

    /** ASFF resource Ids are ARNs; correlation keys on the short id AWS APIs use (i-..., bucket name, key id). */
    private static String shortId(String type, String id) {
        if (!id.startsWith("arn:")) {
            return id;
        }
        return switch (type) {
            case "AwsEc2Instance", "AwsEc2Volume", "AwsEc2SecurityGroup", "AwsEc2NetworkInterface", "AwsIamAccessKey" ->
                    id.substring(id.lastIndexOf('/') + 1);
            case "AwsS3Bucket" -> id.substring(id.lastIndexOf(':') + 1);
            default -> id;
        };
    }

    private static Map<String, String> tags(JsonNode tags) {
        Map<String, String> out = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = tags.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> tag = fields.next();
            out.put(tag.getKey(), tag.getValue().asText());
        }
        return out;
    }

    private static Principal principal(JsonNode resources) {
        for (JsonNode resource : resources) {
            JsonNode key = resource.path("Details").path("AwsIamAccessKey");
            if (!key.isMissingNode()) {
                return Principal.newBuilder()
                        .setArn(null)
                        .setAccessKeyId(Json.text(resource, "Id") == null ? null
                                : shortId("AwsIamAccessKey", Json.text(resource, "Id")))
                        .setUserName(Json.text(key, "PrincipalName") != null ? Json.text(key, "PrincipalName")
                                : Json.text(key, "UserName"))
                        .setType(Json.text(key, "PrincipalType"))
                        .build();
            }
            JsonNode user = resource.path("Details").path("AwsIamUser");
            if (!user.isMissingNode()) {
                return Principal.newBuilder()
                        .setArn(Json.text(resource, "Id"))
                        .setUserName(Json.text(user, "UserName"))
                        .setType("IAMUser")
                        .build();
            }
        }
        return null;
    }

    private static Network network(JsonNode network) {
        if (network.isMissingNode() || network.isNull()) {
            return null;
        }
        String direction = Json.text(network, "Direction");
        boolean inbound = direction == null || "IN".equalsIgnoreCase(direction);
        return Network.newBuilder()
                .setRemoteIp(Json.text(network, inbound ? "SourceIpV4" : "DestinationIpV4"))
                .setRemotePort(Json.integer(network, inbound ? "SourcePort" : "DestinationPort"))
                .setLocalPort(Json.integer(network, inbound ? "DestinationPort" : "SourcePort"))
                .setDirection(direction == null ? null : ("IN".equalsIgnoreCase(direction) ? "INBOUND" : "OUTBOUND"))
                .setProtocol(Json.text(network, "Protocol"))
                .build();
    }

    private static RecordState recordState(String state) {
        if (state == null) {
            return RecordState.UNKNOWN;
        }
        return switch (state.toUpperCase(Locale.ROOT)) {
            case "ACTIVE" -> RecordState.ACTIVE;
            case "ARCHIVED" -> RecordState.ARCHIVED;
            default -> RecordState.UNKNOWN;
        };
    }

    private static WorkflowStatus workflow(JsonNode finding) {
        String status = Json.text(finding, "Workflow", "Status");
        if (status == null) {
            status = Json.text(finding, "WorkflowState");
        }
        if (status == null) {
            return WorkflowStatus.UNKNOWN;
        }
        return switch (status.toUpperCase(Locale.ROOT)) {
            case "NEW" -> WorkflowStatus.NEW;
            case "NOTIFIED", "ASSIGNED", "IN_PROGRESS" -> WorkflowStatus.NOTIFIED;
            case "SUPPRESSED", "DEFERRED" -> WorkflowStatus.SUPPRESSED;
            case "RESOLVED" -> WorkflowStatus.RESOLVED;
            default -> WorkflowStatus.UNKNOWN;
        };
    }
}
