package io.tripline.ingest.sqs;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import io.tripline.core.normalize.Json;
import io.tripline.core.normalize.NormalizationException;

/**
 * Reads SQS message bodies: unwraps SNS notifications ({@code Type: Notification}, {@code Message}
 * string) and extracts the objects of S3 event notifications (keys are URL-encoded by S3).
 */
public final class SqsBodies {

    /** One S3 object named by a notification. */
    public record S3Ref(String bucket, String key, String etag) {
        /** The id remembered once the object is fully published. */
        public String id() {
            return bucket + "/" + key + (etag == null ? "" : "#" + etag);
        }
    }

    private SqsBodies() {
    }

    /** The message's JSON, with an SNS envelope removed. */
    public static JsonNode unwrap(String body) {
        JsonNode json = Json.parse(body);
        if ("Notification".equals(Json.text(json, "Type")) && json.path("Message").isTextual()) {
            return Json.parse(json.get("Message").asText());
        }
        return json;
    }

    /** The created objects of an S3 event notification; empty for {@code s3:TestEvent}. */
    public static List<S3Ref> s3Objects(JsonNode notification) {
        List<S3Ref> refs = new ArrayList<>();
        if ("s3:TestEvent".equals(Json.text(notification, "Event"))) {
            return refs;
        }
        JsonNode records = notification.path("Records");
        if (!records.isArray()) {
            throw new NormalizationException("not an S3 event notification: no Records array");
        }
        for (JsonNode record : records) {
            String event = Json.text(record, "eventName");
            if (event != null && !event.startsWith("ObjectCreated")) {
                continue;
            }
            String bucket = Json.text(record, "s3", "bucket", "name");
            String key = Json.text(record, "s3", "object", "key");
            if (bucket == null || key == null) {
                throw new NormalizationException("S3 event notification without s3.bucket.name or s3.object.key");
            }
            // S3 encodes keys in notifications like form values ('+' for space)
            refs.add(new S3Ref(bucket, URLDecoder.decode(key, StandardCharsets.UTF_8),
                    Json.text(record, "s3", "object", "eTag")));
        }
        return refs;
    }
}
