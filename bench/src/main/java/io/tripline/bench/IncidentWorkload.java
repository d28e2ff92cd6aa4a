package io.tripline.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.tripline.core.normalize.Json;
import io.tripline.core.normalize.Normalizers;
import io.tripline.core.topic.Topics;
import io.tripline.schema.v1.SecurityFinding;
import io.tripline.schema.v1.TrailEvent;

/**
 * A deterministic correlation-heavy workload: many accounts and entities with every chain active at
 * once. Per 100 records: 60 ordinary reads (no signal), 20 instance-role calls from outside, 10 chain
 * CloudTrail calls (IAM persistence, console logins, security groups, user data, bucket policy,
 * StopLogging) and 10 GuardDuty findings whose counts grow. Records are Avro-encoded up front so only
 * the topology is measured; event times are 100 ms apart.
 * <p>
 * Each record also has the time it reaches Tripline, as the real feeds deliver it: a GuardDuty finding
 * version when it is updated, a CloudTrail event 5 to 15 minutes after its event time (S3 log delivery;
 * spread evenly by a fixed hash). {@link #generate} returns the records in that arrival order, so each
 * source is in event-time order on its own and CloudTrail trails GuardDuty, as in a live deployment.
 */
final class IncidentWorkload {

    /** One pre-encoded raw record: a GuardDuty finding or else a CloudTrail event, with its event and arrival time. */
    record Raw(boolean finding, String key, byte[] value, Instant time, Instant arrival) {
    }

    /** How late CloudTrail reaches Tripline after its event time: S3 delivery takes 5 to 15 minutes. */
    static final long TRAIL_DELAY_MIN_MS = 5 * 60_000L;
    static final long TRAIL_DELAY_SPREAD_MS = 10 * 60_000L;

    private static final String[] CHAIN_CALLS = {"CreateAccessKey", "AttachUserPolicy", "ConsoleLogin", "ConsoleLogin",
        "AuthorizeSecurityGroupIngress", "ModifyInstanceAttribute", "PutBucketPolicy", "CreateLoginProfile", "StopLogging",
        "ConsoleLogin"};
    private static final String[] FINDING_TYPES = {"UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS",
        "UnauthorizedAccess:EC2/SSHBruteForce", "CredentialAccess:IAMUser/AnomalousBehavior", "Backdoor:EC2/C&CActivity.B!DNS",
        "Exfiltration:S3/AnomalousBehavior"};

    private final Map<String, Object> serde;
    private final int entities;
    private final Normalizers normalizers = new Normalizers();

    IncidentWorkload(Map<String, Object> serde, int entities) {
        this.serde = serde;
        this.entities = entities;
    }

    /** {@code count} records in arrival order (ties in generation order). */
    List<Raw> generate(int count) {
        var trail = Topics.RAW_CLOUDTRAIL.valueSerde(serde).serializer();
        var findings = Topics.RAW_GUARDDUTY.valueSerde(serde).serializer();
        List<Raw> out = new ArrayList<>(count);
        long start = Instant.parse("2026-03-01T00:00:00Z").toEpochMilli();
        long seed = 42;
        for (int i = 0; i < count; i++) {
            seed = seed * 6364136223846793005L + 1442695040888963407L; // fixed LCG: the same workload every run
            int entity = (int) Long.remainderUnsigned(seed >>> 16, entities);
            int slot = i % 100;
            Instant time = Instant.ofEpochMilli(start + i * 100L);
            if (slot >= 90) {
                SecurityFinding f = normalizers.guardDuty().normalize(finding(entity, FINDING_TYPES[entity % FINDING_TYPES.length], i, time));
                out.add(new Raw(true, f.getSourceId(), findings.serialize(Topics.RAW_GUARDDUTY.name(), f), time, time));
            } else {
                ObjectNode json = slot < 60 ? event(i, entity, "DescribeInstances", user(entity), "10.1.2.3", time)
                        : slot < 80 ? event(i, entity, "ListBuckets", session(entity), "203.0.113." + entity % 250, time)
                        : chainCall(i, entity, CHAIN_CALLS[(slot - 80) % CHAIN_CALLS.length], time);
                TrailEvent e = normalizers.cloudTrail().normalize(json);
                out.add(new Raw(false, e.getEventId(), trail.serialize(Topics.RAW_CLOUDTRAIL.name(), e), time,
                        time.plusMillis(trailDelay(i))));
            }
        }
        out.sort(Comparator.comparing(Raw::arrival)); // stable: records arriving at the same time keep their order
        return out;
    }

    /** S3 delivery delay of the i-th record: 5 min plus a fixed hash of i spread over 10 min. */
    private static long trailDelay(int i) {
        long mixed = (i + 1) * 0x9E3779B97F4A7C15L;
        return TRAIL_DELAY_MIN_MS + Long.remainderUnsigned(mixed ^ (mixed >>> 29), TRAIL_DELAY_SPREAD_MS);
    }

    private static String account(int entity) {
        return String.format("%012d", 100_000_000_000L + entity % 20);
    }

    private static String instance(int entity) {
        return String.format("i-%017x", entity);
    }

    private static String user(int entity) {
        return "arn:aws:iam::" + account(entity) + ":user/user-" + entity;
    }

    private static String session(int entity) {
        return "arn:aws:sts::" + account(entity) + ":assumed-role/app-role/" + instance(entity);
    }

    private static ObjectNode chainCall(int i, int entity, String name, Instant time) {
        ObjectNode e = event(i, entity, name, user(entity), "198.51.100." + entity % 250, time);
        ObjectNode params = e.putObject("requestParameters");
        switch (name) {
            case "ConsoleLogin" -> {
                e.putObject("responseElements").put("ConsoleLogin", i % 3 == 0 ? "Success" : "Failure");
                e.putObject("additionalEventData").put("MFAUsed", "No");
            }
            case "AuthorizeSecurityGroupIngress" -> params.put("groupId", String.format("sg-%08x", entity));
            case "ModifyInstanceAttribute" -> params.put("instanceId", instance(entity)).put("userData", "<sensitiveDataRemoved>");
            case "PutBucketPolicy" -> params.put("bucketName", "bucket-" + entity);
            case "AttachUserPolicy" -> params.put("userName", "user-" + entity).put("policyArn", "arn:aws:iam::aws:policy/AdministratorAccess");
            default -> params.put("userName", "user-" + entity);
        }
        return e;
    }

    private static ObjectNode event(int i, int entity, String name, String arn, String ip, Instant time) {
        ObjectNode e = Json.MAPPER.createObjectNode();
        e.put("eventVersion", "1.08").put("eventID", "bench-" + i).put("eventTime", time.toString())
                .put("eventSource", "bench.amazonaws.com").put("eventName", name).put("awsRegion", "us-east-1")
                .put("recipientAccountId", account(entity)).put("sourceIPAddress", ip);
        ObjectNode identity = e.putObject("userIdentity").put("arn", arn).put("accountId", account(entity));
        identity.put("type", arn.contains(":assumed-role/") ? "AssumedRole" : "IAMUser");
        identity.put("accessKeyId", arn.contains(":assumed-role/") ? "ASIA" + entity : "AKIA" + entity);
        return e;
    }

    private static ObjectNode finding(int entity, String type, int i, Instant time) {
        String account = account(entity);
        String id = String.format("f%08x%02d", entity, type.length());
        ObjectNode f = Json.MAPPER.createObjectNode();
        f.put("id", id).put("accountId", account).put("region", "us-east-1").put("type", type).put("severity", 2 + entity % 8)
                .put("updatedAt", time.toString()).put("title", type)
                .put("arn", "arn:aws:guardduty:us-east-1:" + account + ":detector/d0/finding/" + id);
        f.putObject("service").put("detectorId", "d0").put("count", 1 + i / 1000).put("eventFirstSeen", time.toString())
                .put("eventLastSeen", time.toString());
        ObjectNode resource = f.putObject("resource");
        if (type.contains(":EC2/")) {
            ObjectNode details = resource.put("resourceType", "Instance").putObject("instanceDetails").put("instanceId", instance(entity));
            details.putArray("tags").addObject().put("key", "Environment").put("value", entity % 2 == 0 ? "production" : "dev");
            details.putArray("networkInterfaces").addObject().putArray("securityGroups").addObject()
                    .put("groupId", String.format("sg-%08x", entity));
        } else if (type.contains(":S3/")) {
            resource.put("resourceType", "S3Bucket").putArray("s3BucketDetails").addObject().put("name", "bucket-" + entity);
        } else {
            boolean instanceSession = type.contains("InstanceCredentialExfiltration");
            resource.put("resourceType", "AccessKey").putObject("accessKeyDetails")
                    .put("accessKeyId", (instanceSession ? "ASIA" : "AKIA") + entity)
                    .put("userName", instanceSession ? "app-role" : "user-" + entity)
                    .put("userType", instanceSession ? "AssumedRole" : "IAMUser")
                    .put("principalId", instanceSession ? "AROAAPP:" + instance(entity) : "AIDA" + entity);
        }
        return f;
    }
}
