package io.tripline.simulator.securityhub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tripline.simulator.core.SimJson;
import java.util.Map;

/**
 * Converts a GuardDuty finding (GetFindings JSON) to the ASFF finding GuardDuty publishes to Security
 * Hub: Id is the GuardDuty finding ARN, ProductArn {@code arn:aws:securityhub:REGION::product/aws/guardduty},
 * GeneratorId the detector ARN, Types under the ASFF namespace of the threat purpose, severity label from
 * GuardDuty's bands, archived findings as RecordState ARCHIVED.
 */
public final class GuardDutyAsff {

    /** GuardDuty threat purpose → ASFF type namespace/category. */
    private static final Map<String, String> NAMESPACES = Map.ofEntries(
            Map.entry("Backdoor", "TTPs/Command and Control"),
            Map.entry("Behavior", "Unusual Behaviors/VM"),
            Map.entry("CredentialAccess", "TTPs/Credential Access"),
            Map.entry("CryptoCurrency", "Effects/Resource Consumption"),
            Map.entry("DefenseEvasion", "TTPs/Defense Evasion"),
            Map.entry("Discovery", "TTPs/Discovery"),
            Map.entry("Execution", "TTPs/Execution"),
            Map.entry("Exfiltration", "Effects/Data Exfiltration"),
            Map.entry("Impact", "Effects/Resource Consumption"),
            Map.entry("InitialAccess", "TTPs/Initial Access"),
            Map.entry("Pentest", "TTPs/Discovery"),
            Map.entry("Persistence", "TTPs/Persistence"),
            Map.entry("Policy", "Software and Configuration Checks/AWS Security Best Practices"),
            Map.entry("PrivilegeEscalation", "TTPs/Privilege Escalation"),
            Map.entry("Recon", "TTPs/Discovery"),
            Map.entry("Stealth", "TTPs/Defense Evasion"),
            Map.entry("Trojan", "TTPs/Execution"),
            Map.entry("UnauthorizedAccess", "TTPs/Initial Access"));

    private GuardDutyAsff() {
    }

    public static String productArn(String region) {
        return "arn:aws:securityhub:" + region + "::product/aws/guardduty";
    }

    /** ASFF Types entry, e.g. {@code TTPs/Initial Access/UnauthorizedAccess:EC2-SSHBruteForce}. */
    public static String asffType(String guardDutyType) {
        int colon = guardDutyType.indexOf(':');
        String purpose = colon < 0 ? guardDutyType : guardDutyType.substring(0, colon);
        return NAMESPACES.getOrDefault(purpose, "Unusual Behaviors") + "/" + guardDutyType.replace('/', '-');
    }

    public static ObjectNode convert(JsonNode gd) {
        String region = gd.path("region").asText();
        String account = gd.path("accountId").asText();
        String arn = gd.path("arn").asText();
        JsonNode service = gd.path("service");
        double severity = gd.path("severity").asDouble();
        String label = SeverityLabels.fromGuardDuty(severity);
        boolean archived = service.path("archived").asBoolean(false);

        ObjectNode f = SimJson.object();
        f.put("SchemaVersion", "2018-10-08");
        f.put("Id", arn);
        f.put("ProductArn", productArn(region));
        f.put("ProductName", "GuardDuty");
        f.put("CompanyName", "Amazon");
        f.put("Region", region);
        f.put("GeneratorId", "arn:aws:guardduty:" + region + ":" + account + ":detector/" + service.path("detectorId").asText());
        f.put("AwsAccountId", account);
        f.putArray("Types").add(asffType(gd.path("type").asText()));
        f.put("FirstObservedAt", service.path("eventFirstSeen").asText(gd.path("createdAt").asText()));
        f.put("LastObservedAt", service.path("eventLastSeen").asText(gd.path("updatedAt").asText()));
        f.put("CreatedAt", gd.path("createdAt").asText());
        f.put("UpdatedAt", gd.path("updatedAt").asText());
        ObjectNode sev = f.putObject("Severity");
        sev.put("Product", severity).put("Label", label).put("Normalized", (int) Math.round(severity * 10));
        f.put("Title", gd.path("title").asText());
        f.put("Description", gd.path("description").asText());
        f.put("SourceUrl", "https://" + region + ".console.aws.amazon.com/guardduty/home?region=" + region
                + "#/findings?macros=current&fId=" + gd.path("id").asText());
        ObjectNode fields = f.putObject("ProductFields");
        fields.put("aws/guardduty/service/archived", Boolean.toString(archived));
        fields.put("aws/guardduty/service/count", service.path("count").asText("1"));
        fields.put("aws/guardduty/service/detectorId", service.path("detectorId").asText());
        fields.put("aws/guardduty/service/serviceName", "guardduty");
        fields.put("aws/guardduty/service/resourceRole", service.path("resourceRole").asText("TARGET"));
        fields.put("aws/securityhub/FindingId", productArn(region) + "/" + arn);
        fields.put("aws/securityhub/ProductName", "GuardDuty");
        fields.put("aws/securityhub/CompanyName", "Amazon");
        f.set("Resources", resources(gd.path("resource"), region, account));
        f.put("WorkflowState", "NEW");
        f.putObject("Workflow").put("Status", "NEW");
        f.put("RecordState", archived ? "ARCHIVED" : "ACTIVE");
        return f;
    }

    private static ArrayNode resources(JsonNode resource, String region, String account) {
        ArrayNode out = SimJson.array();
        String type = resource.path("resourceType").asText("");
        if (resource.has("instanceDetails")) {
            JsonNode i = resource.get("instanceDetails");
            ObjectNode r = out.addObject();
            r.put("Type", "AwsEc2Instance");
            r.put("Id", "arn:aws:ec2:" + region + ":" + account + ":instance/" + i.path("instanceId").asText());
            r.put("Partition", "aws").put("Region", region);
            ObjectNode tags = r.putObject("Tags");
            i.path("tags").forEach(t -> tags.put(t.path("key").asText(), t.path("value").asText()));
            ObjectNode details = r.putObject("Details").putObject("AwsEc2Instance");
            details.put("Type", i.path("instanceType").asText(null));
            if (i.hasNonNull("imageId")) {
                details.put("ImageId", i.get("imageId").asText());
            }
            ArrayNode ips = details.putArray("IpV4Addresses");
            i.path("networkInterfaces").forEach(eni -> {
                if (eni.hasNonNull("publicIp")) {
                    ips.add(eni.get("publicIp").asText());
                }
                if (eni.hasNonNull("privateIpAddress")) {
                    ips.add(eni.get("privateIpAddress").asText());
                }
            });
            JsonNode eni0 = i.path("networkInterfaces").path(0);
            if (eni0.hasNonNull("vpcId")) {
                details.put("VpcId", eni0.get("vpcId").asText());
            }
            if (eni0.hasNonNull("subnetId")) {
                details.put("SubnetId", eni0.get("subnetId").asText());
            }
            if (i.path("iamInstanceProfile").hasNonNull("arn")) {
                details.put("IamInstanceProfileArn", i.path("iamInstanceProfile").path("arn").asText());
            }
            if (i.hasNonNull("launchTime")) {
                details.put("LaunchedAt", i.get("launchTime").asText());
            }
        }
        if (resource.has("accessKeyDetails")) {
            JsonNode k = resource.get("accessKeyDetails");
            ObjectNode r = out.addObject();
            r.put("Type", "AwsIamAccessKey");
            r.put("Id", "AWS::IAM::AccessKey:" + k.path("accessKeyId").asText());
            r.put("Partition", "aws").put("Region", region);
            ObjectNode details = r.putObject("Details").putObject("AwsIamAccessKey");
            details.put("PrincipalId", k.path("principalId").asText()).put("PrincipalName", k.path("userName").asText())
                    .put("PrincipalType", k.path("userType").asText());
        }
        resource.path("s3BucketDetails").forEach(b -> {
            ObjectNode r = out.addObject();
            r.put("Type", "AwsS3Bucket").put("Id", "arn:aws:s3:::" + b.path("name").asText())
                    .put("Partition", "aws").put("Region", region);
        });
        if (out.isEmpty()) {
            out.addObject().put("Type", "Other").put("Id", type.isEmpty() ? account : type)
                    .put("Partition", "aws").put("Region", region);
        }
        return out;
    }
}
