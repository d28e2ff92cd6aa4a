package io.tripline.ingest.sqs;

import java.time.Instant;

/** CloudTrail records for tests and the benchmark, in the S3 log-file shape, with predictable eventIDs. */
public final class CloudTrailFiles {

    private static final Instant BASE = Instant.parse("2026-11-01T02:00:00Z");

    private CloudTrailFiles() {
    }

    public static String eventId(int i) {
        return String.format("00000000-0000-4000-8000-%012d", i);
    }

    public static String record(int i) {
        return "{\"eventVersion\":\"1.09\",\"userIdentity\":{\"type\":\"AssumedRole\",\"principalId\":\"AROAEXAMPLE:web\","
                + "\"arn\":\"arn:aws:sts::111122223333:assumed-role/web-role/i-0a1b2c3d4e5f60718\",\"accountId\":\"111122223333\"},"
                + "\"eventTime\":\"" + BASE.plusMillis(i * 10L) + "\",\"eventSource\":\"s3.amazonaws.com\","
                + "\"eventName\":\"ListBuckets\",\"awsRegion\":\"us-east-1\",\"sourceIPAddress\":\"203.0.113.77\","
                + "\"userAgent\":\"aws-cli/2.15.0\",\"requestParameters\":null,\"responseElements\":null,"
                + "\"requestID\":\"REQ" + i + "\",\"eventID\":\"" + eventId(i) + "\",\"readOnly\":true,"
                + "\"eventType\":\"AwsApiCall\",\"managementEvent\":true,\"recipientAccountId\":\"111122223333\"}";
    }
}
