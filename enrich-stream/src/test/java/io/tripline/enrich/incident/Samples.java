package io.tripline.enrich.incident;

import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.tripline.core.normalize.Json;

/**
 * Hand-made GuardDuty findings and CloudTrail records in their documented AWS JSON shapes, with the
 * fields the incident chains look at and little else.
 */
final class Samples {

    static final String ACCOUNT = "111122223333";
    static final String REGION = "us-east-1";
    static final String DETECTOR = "12abc34d567e8fa901bc2d34e56789f0";

    private Samples() {
    }

    static ObjectNode finding(String id, String type, double severity, String updatedAt) {
        ObjectNode f = Json.MAPPER.createObjectNode();
        f.put("id", id).put("accountId", ACCOUNT).put("region", REGION).put("type", type).put("severity", severity)
                .put("title", type).put("updatedAt", updatedAt).put("createdAt", updatedAt)
                .put("arn", "arn:aws:guardduty:" + REGION + ":" + ACCOUNT + ":detector/" + DETECTOR + "/finding/" + id);
        ObjectNode service = f.putObject("service");
        service.put("detectorId", DETECTOR).put("count", 1).put("archived", false)
                .put("eventFirstSeen", updatedAt).put("eventLastSeen", updatedAt);
        f.putObject("resource");
        return f;
    }

    static ObjectNode onInstance(ObjectNode finding, String instanceId, Map<String, String> tags, String... securityGroups) {
        ObjectNode resource = (ObjectNode) finding.get("resource");
        resource.put("resourceType", "Instance");
        ObjectNode instance = resource.putObject("instanceDetails");
        instance.put("instanceId", instanceId);
        var tagArray = instance.putArray("tags");
        tags.forEach((k, v) -> tagArray.addObject().put("key", k).put("value", v));
        var sgs = instance.putArray("networkInterfaces").addObject().putArray("securityGroups");
        for (String sg : securityGroups) {
            sgs.addObject().put("groupId", sg).put("groupName", "web");
        }
        return finding;
    }

    static ObjectNode onAccessKey(ObjectNode finding, String accessKeyId, String userName, String userType, String principalId) {
        ObjectNode resource = (ObjectNode) finding.get("resource");
        resource.put("resourceType", "AccessKey");
        resource.putObject("accessKeyDetails").put("accessKeyId", accessKeyId).put("userName", userName)
                .put("userType", userType).put("principalId", principalId);
        return finding;
    }

    static ObjectNode onBucket(ObjectNode finding, String bucket, Map<String, String> tags) {
        ObjectNode resource = (ObjectNode) finding.get("resource");
        resource.put("resourceType", "S3Bucket");
        ObjectNode b = resource.putArray("s3BucketDetails").addObject();
        b.put("name", bucket).put("arn", "arn:aws:s3:::" + bucket);
        var tagArray = b.putArray("tags");
        tags.forEach((k, v) -> tagArray.addObject().put("key", k).put("value", v));
        return finding;
    }

    static ObjectNode withCount(ObjectNode finding, long count, String updatedAt) {
        ObjectNode copy = finding.deepCopy();
        ((ObjectNode) copy.get("service")).put("count", count).put("eventLastSeen", updatedAt);
        return copy.put("updatedAt", updatedAt);
    }

    static ObjectNode archived(ObjectNode finding, String updatedAt) {
        ObjectNode copy = finding.deepCopy();
        ((ObjectNode) copy.get("service")).put("archived", true);
        return copy.put("updatedAt", updatedAt);
    }

    static ObjectNode sample(ObjectNode finding) {
        ((ObjectNode) finding.get("service")).putObject("additionalInfo").put("sample", true);
        return finding;
    }

    /** A CloudTrail record made by {@code arn}; {@code params} is requestParameters JSON text or null. */
    static ObjectNode event(String eventId, String time, String source, String name, String arn, String ip, String params) {
        ObjectNode e = Json.MAPPER.createObjectNode();
        e.put("eventVersion", "1.08").put("eventID", eventId).put("eventTime", time).put("eventSource", source)
                .put("eventName", name).put("awsRegion", REGION).put("recipientAccountId", ACCOUNT)
                .put("sourceIPAddress", ip).put("userAgent", "aws-cli/2.15");
        ObjectNode identity = e.putObject("userIdentity");
        identity.put("arn", arn).put("accountId", ACCOUNT);
        if (arn.contains(":assumed-role/")) {
            identity.put("type", "AssumedRole").put("accessKeyId", "ASIAEXAMPLESESSION01");
        } else if (arn.endsWith(":root")) {
            identity.put("type", "Root");
        } else {
            identity.put("type", "IAMUser").put("userName", arn.substring(arn.lastIndexOf('/') + 1))
                    .put("accessKeyId", "AKIAEXAMPLEUSER00001");
        }
        if (params != null) {
            e.set("requestParameters", Json.parse(params));
        }
        return e;
    }

    static ObjectNode consoleLogin(String eventId, String time, String userArn, String ip, boolean success, boolean mfa) {
        ObjectNode e = event(eventId, time, "signin.amazonaws.com", "ConsoleLogin", userArn, ip, null);
        ((ObjectNode) e.get("userIdentity")).remove("accessKeyId");
        e.putObject("responseElements").put("ConsoleLogin", success ? "Success" : "Failure");
        e.putObject("additionalEventData").put("MFAUsed", mfa ? "Yes" : "No").put("LoginTo", "https://console.aws.amazon.com");
        if (!success) {
            e.put("errorMessage", "Failed authentication");
        }
        return e;
    }
}
