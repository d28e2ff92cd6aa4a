package io.tripline.simulator.cloudtrail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One CloudTrail record in event history, with the fields LookupEvents filters on extracted once.
 * {@code sequence} breaks ties between events of the same second so paging order is total.
 */
public record StoredEvent(long sequence, Instant eventTime, String eventId, String eventName, String eventSource,
                          boolean readOnly, String username, String accessKeyId, List<Resource> resources,
                          ObjectNode record) {

    /** A resource a LookupEvents item names: {@code AWS::IAM::User} / {@code alice}. */
    public record Resource(String type, String name) {
    }

    /** Extracts the lookup fields from a CloudTrail record. */
    public static StoredEvent of(long sequence, ObjectNode record) {
        Instant time = Instant.parse(record.path("eventTime").asText());
        JsonNode identity = record.path("userIdentity");
        String readOnlyText = record.path("readOnly").asText("false");
        return new StoredEvent(sequence, time, record.path("eventID").asText(), record.path("eventName").asText(),
                record.path("eventSource").asText(), Boolean.parseBoolean(readOnlyText), username(identity),
                identity.path("accessKeyId").asText(null), resources(record), record);
    }

    /** LookupEvents' Username: the IAM user name, the role session name, or "root". */
    static String username(JsonNode identity) {
        String type = identity.path("type").asText("");
        if (identity.hasNonNull("userName") && !"AssumedRole".equals(type)) {
            return identity.get("userName").asText();
        }
        String arn = identity.path("arn").asText("");
        if ("Root".equals(type)) {
            return "root";
        }
        int slash = arn.lastIndexOf('/');
        return slash < 0 ? null : arn.substring(slash + 1);
    }

    /** Resources named in request parameters or response elements, as event history shows them. */
    static List<Resource> resources(JsonNode record) {
        List<Resource> out = new ArrayList<>();
        JsonNode req = record.path("requestParameters");
        JsonNode resp = record.path("responseElements");
        String source = record.path("eventSource").asText("");
        add(out, "AWS::IAM::User", req.path("userName"));
        add(out, "AWS::IAM::Role", req.path("roleName"));
        add(out, "AWS::IAM::Policy", req.path("policyArn"));
        add(out, "AWS::IAM::AccessKey", resp.path("accessKey").path("accessKeyId"));
        add(out, "AWS::IAM::AccessKey", req.path("accessKeyId"));
        add(out, "AWS::S3::Bucket", req.path("bucketName"));
        add(out, "AWS::EC2::SecurityGroup", req.path("groupId"));
        add(out, "AWS::EC2::Instance", req.path("instanceId"));
        for (JsonNode item : req.path("instancesSet").path("items")) {
            add(out, "AWS::EC2::Instance", item.path("instanceId"));
        }
        if (source.startsWith("cloudtrail.")) {
            add(out, "AWS::CloudTrail::Trail", req.path("name"));
        }
        if (source.startsWith("sts.")) {
            add(out, "AWS::IAM::Role", req.path("roleArn"));
        }
        for (JsonNode r : record.path("resources")) {
            if (r.hasNonNull("ARN") && r.hasNonNull("type")) {
                out.add(new Resource(r.get("type").asText(), r.get("ARN").asText()));
            }
        }
        return List.copyOf(out);
    }

    private static void add(List<Resource> out, String type, JsonNode name) {
        if (name != null && name.isValueNode() && !name.asText().isEmpty()) {
            Resource r = new Resource(type, name.asText());
            if (!out.contains(r)) {
                out.add(r);
            }
        }
    }
}
