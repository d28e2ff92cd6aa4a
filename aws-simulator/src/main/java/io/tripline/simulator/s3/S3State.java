package io.tripline.simulator.s3;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.tripline.simulator.core.AwsError;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The buckets of one account (bucket names are account-wide here) with their policy, public access
 * block, tags and small objects. Other simulator parts (e.g. a CloudTrail trail writing log files)
 * can use {@link #putObject} directly.
 */
public final class S3State {

    /** A stored object; bytes are kept exactly as uploaded (gzip CloudTrail logs stay gzip). */
    public static final class S3Object {
        public String key;
        @JsonIgnore
        public byte[] data;
        public String contentType;
        public String contentEncoding;
        public String etag;
        public Instant lastModified;
        public final Map<String, String> metadata = new LinkedHashMap<>();

        public int getSize() {
            return data.length;
        }
    }

    /** A bucket. */
    public static final class Bucket {
        public String name;
        public String region;
        public Instant creationDate;
        public volatile String policy;
        /** BlockPublicAcls, IgnorePublicAcls, BlockPublicPolicy, RestrictPublicBuckets; null when none set. */
        public volatile Map<String, Boolean> publicAccessBlock;
        public final Map<String, String> tags = new ConcurrentSkipListMap<>();
        public final Map<String, S3Object> objects = new ConcurrentSkipListMap<>();
    }

    public final String accountId;
    public final Map<String, Bucket> buckets = new ConcurrentSkipListMap<>();

    public S3State(String accountId) {
        this.accountId = accountId;
    }

    public Bucket bucket(String name) {
        Bucket bucket = buckets.get(name);
        if (bucket == null) {
            throw AwsError.notFound("NoSuchBucket", "The specified bucket does not exist");
        }
        return bucket;
    }

    public Bucket createBucket(String name, String region, Instant now) {
        return buckets.computeIfAbsent(name, n -> {
            Bucket bucket = new Bucket();
            bucket.name = n;
            bucket.region = region;
            bucket.creationDate = now;
            return bucket;
        });
    }

    /** Stores an object and returns it; the ETag is the hex MD5 in quotes, as for single-part uploads. */
    public S3Object putObject(String bucketName, String key, byte[] data, String contentType, Instant now) {
        S3Object object = new S3Object();
        object.key = key;
        object.data = data;
        object.contentType = contentType == null ? "binary/octet-stream" : contentType;
        object.etag = "\"" + md5Hex(data) + "\"";
        object.lastModified = now;
        bucket(bucketName).objects.put(key, object);
        return object;
    }

    static String md5Hex(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
