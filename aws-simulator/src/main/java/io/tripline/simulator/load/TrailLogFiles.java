package io.tripline.simulator.load;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.tripline.simulator.core.Account;
import io.tripline.simulator.core.SimIds;
import io.tripline.simulator.core.SimJson;
import io.tripline.simulator.s3.S3State;
import io.tripline.simulator.sqs.SqsQueue;
import io.tripline.simulator.sqs.SqsState;

/**
 * Delivers CloudTrail the way a trail does: a gzipped {@code {"Records":[…]}} object under
 * {@code AWSLogs/ACCOUNT/CloudTrail/REGION/yyyy/MM/dd/}, then an S3 {@code ObjectCreated:Put} notification
 * on the queue. The records are routine read-only calls by internal users (no detection rule or incident
 * opener fires on them), so they load ingest and enrich without drowning the incidents under test.
 */
final class TrailLogFiles {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final String[][] CALLS = {
        {"ec2.amazonaws.com", "DescribeInstances"},
        {"s3.amazonaws.com", "ListBuckets"},
        {"sts.amazonaws.com", "GetCallerIdentity"},
        {"ec2.amazonaws.com", "DescribeSecurityGroups"},
        {"iam.amazonaws.com", "ListRoles"},
    };

    private final Account account;
    private final String region;
    private final String bucket;
    private final SqsQueue queue;
    private final SimIds ids;
    private long sequence;

    TrailLogFiles(Account account, String region, String bucket, String queueName, SimIds ids, Instant now) {
        this.account = account;
        this.region = region;
        this.bucket = bucket;
        this.ids = ids;
        s3().createBucket(bucket, region, now);
        SqsState sqs = account.regional(region, SqsState.class, () -> new SqsState(account.id(), region));
        SqsQueue existing = sqs.find(queueName);
        this.queue = existing != null ? existing : sqs.create(queueName, now.toEpochMilli());
    }

    /** Writes one log file of {@code count} events dated {@code at} and notifies the queue; returns its eventIDs. */
    List<String> deliver(int count, Instant at, LoadLedger ledger) {
        ArrayNode records = SimJson.array();
        List<String> eventIds = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ObjectNode record = record(at);
            eventIds.add(record.get("eventID").asText());
            records.add(record);
        }
        String key = "AWSLogs/" + account.id() + "/CloudTrail/" + region + "/" + DAY.format(at) + "/" + account.id()
                + "_CloudTrail_" + region + "_" + STAMP.format(at) + "_" + ids.hex(16) + ".json.gz";
        ObjectNode file = SimJson.object();
        file.set("Records", records);
        S3State.S3Object object = s3().putObject(bucket, key, gzip(SimJson.write(file)), null, at);
        queue.send(ids.uuid(), notification(key, object), Map.of(), "AIDAJDPLRKLG7UEXAMPLE", at.toEpochMilli(), 0);
        ledger.cloudTrail(eventIds, key, at);
        return eventIds;
    }

    private ObjectNode record(Instant at) {
        String[] call = CALLS[(int) (sequence % CALLS.length)];
        int user = (int) (sequence % 50);
        sequence++;
        ObjectNode r = SimJson.object();
        r.put("eventVersion", "1.09");
        ObjectNode identity = r.putObject("userIdentity");
        identity.put("type", "IAMUser").put("principalId", "AIDALOADUSER" + user)
                .put("arn", "arn:aws:iam::" + account.id() + ":user/load-user-" + user).put("accountId", account.id())
                .put("userName", "load-user-" + user);
        r.put("eventTime", SimJson.isoSeconds(at));
        r.put("eventSource", call[0]);
        r.put("eventName", call[1]);
        r.put("awsRegion", region);
        r.put("sourceIPAddress", "10.0." + (user / 10) + "." + (10 + user));
        r.put("userAgent", "aws-sdk-java/2.40.2");
        r.putNull("requestParameters");
        r.putNull("responseElements");
        r.put("requestID", ids.uuid());
        r.put("eventID", ids.uuid());
        r.put("readOnly", true);
        r.put("eventType", "AwsApiCall");
        r.put("managementEvent", true);
        r.put("recipientAccountId", account.id());
        return r;
    }

    private String notification(String key, S3State.S3Object object) {
        ObjectNode event = SimJson.object();
        ObjectNode record = event.putArray("Records").addObject();
        record.put("eventVersion", "2.1").put("eventSource", "aws:s3").put("awsRegion", region)
                .put("eventTime", SimJson.isoMillis(object.lastModified)).put("eventName", "ObjectCreated:Put");
        ObjectNode s3 = record.putObject("s3");
        s3.putObject("bucket").put("name", bucket).put("arn", "arn:aws:s3:::" + bucket);
        s3.putObject("object").put("key", key).put("size", object.getSize())
                .put("eTag", object.etag.replace("\"", ""));
        return SimJson.write(event);
    }

    private S3State s3() {
        return account.global(S3State.class, () -> new S3State(account.id()));
    }

    private static byte[] gzip(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
