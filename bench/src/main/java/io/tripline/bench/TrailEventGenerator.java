package io.tripline.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.tripline.core.normalize.Json;

/**
 * Deterministic synthetic CloudTrail records in the S3 log shape: a realistic mix of read-only calls
 * with a small share of the writes that Tripline's rules look at (StopLogging, PutBucketPolicy,
 * CreateAccessKey, AuthorizeSecurityGroupIngress, ConsoleLogin failures...), spread over many
 * principals, instances and source IPs so correlation state grows as it would in a real account.
 */
public final class TrailEventGenerator {

    private static final String[][] CALLS = {
        {"ec2.amazonaws.com", "DescribeInstances", "true"},
        {"s3.amazonaws.com", "ListBuckets", "true"},
        {"sts.amazonaws.com", "GetCallerIdentity", "true"},
        {"iam.amazonaws.com", "ListUsers", "true"},
        {"ec2.amazonaws.com", "DescribeSecurityGroups", "true"},
        {"kms.amazonaws.com", "Decrypt", "true"},
        {"secretsmanager.amazonaws.com", "GetSecretValue", "true"},
        {"ssm.amazonaws.com", "GetParameter", "true"},
        {"signin.amazonaws.com", "ConsoleLogin", "false"},
        {"iam.amazonaws.com", "CreateAccessKey", "false"},
        {"iam.amazonaws.com", "AttachUserPolicy", "false"},
        {"ec2.amazonaws.com", "AuthorizeSecurityGroupIngress", "false"},
        {"s3.amazonaws.com", "PutBucketPolicy", "false"},
        {"cloudtrail.amazonaws.com", "StopLogging", "false"},
        {"ec2.amazonaws.com", "RunInstances", "false"},
    };
    /** Read-only calls dominate real trails; writes are about one in ten. */
    private static final int[] WEIGHTS = {30, 15, 12, 8, 8, 6, 4, 4, 3, 2, 2, 2, 2, 1, 1};

    /** The read-only calls come first in {@link #CALLS}; background traffic draws only from them. */
    private static final int READ_ONLY_CALLS = 8;
    private static final int STOP_LOGGING = 13;

    private final SplittableRandom random;
    private final int principals;
    private final long stepNanos;
    private Instant clock;

    public TrailEventGenerator(long seed, int principals, Instant start) {
        this(seed, principals, start, 0);
    }

    private TrailEventGenerator(long seed, int principals, Instant start, long stepNanos) {
        this.random = new SplittableRandom(seed);
        this.principals = principals;
        this.clock = start;
        this.stepNanos = stepNanos;
    }

    /**
     * Background traffic for latency runs: IAM users' read-only calls, which open no incident, with event
     * times {@code 1/ratePerSecond} apart from {@code start}, so event time keeps pace with the wall clock
     * when the records are sent at that rate.
     */
    public static TrailEventGenerator background(long seed, int principals, Instant start, int ratePerSecond) {
        return new TrailEventGenerator(seed, principals, start, 1_000_000_000L / ratePerSecond);
    }

    public List<String> records(int count) {
        List<String> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(next(i));
        }
        return out;
    }

    private String next(int sequence) {
        boolean background = stepNanos > 0;
        String[] call = pick(background ? READ_ONLY_CALLS : CALLS.length);
        clock = background ? clock.plusNanos(stepNanos) : clock.plusMillis(1 + random.nextInt(40));
        int principal = random.nextInt(principals);
        String account = "1111222233" + String.format("%02d", principal % 7);
        // Instance credentials used from outside are an incident signal: background traffic has none.
        return build(call, principal, account, clock, sequence, principal % 3 == 0 && !background);
    }

    /**
     * A user's StopLogging call in {@code account} at {@code time}: an event that opens an incident alone
     * (trail tampering) and that the responder's trail-tampering playbook decides on.
     */
    public String stopLogging(String account, Instant time, int sequence) {
        return build(CALLS[STOP_LOGGING], random.nextInt(principals), account, time, sequence, false);
    }

    private String build(String[] call, int principal, String account, Instant time, int sequence, boolean instanceRole) {
        ObjectNode record = Json.MAPPER.createObjectNode();
        record.put("eventVersion", "1.08");
        ObjectNode identity = record.putObject("userIdentity");
        if (instanceRole) {
            String instance = String.format("i-%017x", principal);
            identity.put("type", "AssumedRole")
                    .put("arn", "arn:aws:sts::" + account + ":assumed-role/app-role-" + (principal % 11) + "/" + instance)
                    .put("accountId", account).put("accessKeyId", "ASIA" + String.format("%016d", principal));
            identity.putObject("sessionContext").putObject("sessionIssuer").put("type", "Role")
                    .put("arn", "arn:aws:iam::" + account + ":role/app-role-" + (principal % 11));
        } else {
            identity.put("type", "IAMUser").put("userName", "user-" + principal)
                    .put("arn", "arn:aws:iam::" + account + ":user/user-" + principal)
                    .put("accountId", account).put("accessKeyId", "AKIA" + String.format("%016d", principal));
        }
        record.put("eventTime", time.toString());
        record.put("eventSource", call[0]);
        record.put("eventName", call[1]);
        record.put("awsRegion", principal % 5 == 0 ? "eu-west-1" : "us-east-1");
        record.put("sourceIPAddress", "198.51." + (principal % 250) + "." + (1 + random.nextInt(250)));
        record.put("userAgent", "aws-cli/2.15.0 Python/3.11");
        ObjectNode request = record.putObject("requestParameters");
        switch (call[1]) {
            case "AuthorizeSecurityGroupIngress" -> request.put("groupId", "sg-" + principal)
                    .putObject("ipPermissions").putArray("items").addObject().put("ipProtocol", "tcp").put("fromPort", 22)
                    .putObject("ipRanges").putArray("items").addObject().put("cidrIp", "0.0.0.0/0");
            case "PutBucketPolicy" -> request.put("bucketName", "bucket-" + principal % 50);
            case "StopLogging" -> request.put("name", "arn:aws:cloudtrail:us-east-1:" + account + ":trail/main");
            case "ConsoleLogin" -> {
                record.putObject("responseElements").put("ConsoleLogin", random.nextInt(4) == 0 ? "Success" : "Failure");
                record.putObject("additionalEventData").put("MFAUsed", "No");
            }
            default -> request.put("maxResults", 100);
        }
        record.put("eventID", String.format("%08x-0000-4000-8000-%012x", sequence, random.nextLong() & 0xffffffffffffL));
        record.put("readOnly", Boolean.parseBoolean(call[2]));
        record.put("eventType", "AwsApiCall");
        record.put("managementEvent", true);
        record.put("recipientAccountId", account);
        return Json.write(record);
    }

    private String[] pick(int calls) {
        int total = 0;
        for (int i = 0; i < calls; i++) {
            total += WEIGHTS[i];
        }
        int roll = random.nextInt(total);
        for (int i = 0; i < calls; i++) {
            roll -= WEIGHTS[i];
            if (roll < 0) {
                return CALLS[i];
            }
        }
        return CALLS[0];
    }
}
