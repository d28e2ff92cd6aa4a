package io.tripline.simulator.s3;

import io.tripline.simulator.core.AwsError;
import io.tripline.simulator.core.CallContext;
import io.tripline.simulator.core.SimRequest;
import io.tripline.simulator.core.SimResponse;
import io.tripline.simulator.ec2.XmlWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Object-level S3 operations for small objects, bytes stored as uploaded (the server already removed
 * aws-chunked framing). Object reads and writes are CloudTrail data events, so nothing is recorded.
 */
final class S3Objects {

    private final S3State s;
    private final SimRequest request;
    private final CallContext ctx;
    private final String bucketName;
    private final String key;

    S3Objects(S3State s, SimRequest request, CallContext ctx, String bucketName, String key) {
        this.s = s;
        this.request = request;
        this.ctx = ctx;
        this.bucketName = bucketName;
        this.key = key;
    }

    SimResponse putObject() {
        S3State.Bucket bucket = s.bucket(bucketName);
        S3State.S3Object object = s.putObject(bucket.name, key, request.body(), request.header("content-type"),
                ctx.clock().now());
        object.contentEncoding = request.header("content-encoding");
        request.headers().forEach((k, v) -> {
            if (k.startsWith("x-amz-meta-")) {
                object.metadata.put(k.substring("x-amz-meta-".length()), v);
            }
        });
        return SimResponse.empty(200).withHeader("ETag", object.etag);
    }

    SimResponse getObject(boolean head) {
        S3State.S3Object object = s.bucket(bucketName).objects.get(key);
        if (object == null) {
            // HEAD has no body, so the SDK sees only the 404 status either way.
            throw AwsError.notFound("NoSuchKey", "The specified key does not exist.");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", object.contentType);
        headers.put("ETag", object.etag);
        headers.put("Last-Modified", S3Xml.httpDate(object.lastModified));
        headers.put("Accept-Ranges", "bytes");
        if (head) {
            headers.put("Content-Length", String.valueOf(object.data.length));
        }
        if (object.contentEncoding != null) {
            headers.put("Content-Encoding", object.contentEncoding);
        }
        object.metadata.forEach((k, v) -> headers.put("x-amz-meta-" + k, v));
        return new SimResponse(200, headers, head ? new byte[0] : object.data);
    }

    SimResponse deleteObject() {
        s.bucket(bucketName).objects.remove(key);
        return SimResponse.empty(204);
    }

    /** ListObjectsV2 (continuation-token) and V1 (marker), with prefix, delimiter-free, max-keys. */
    SimResponse listObjects(boolean v2) {
        S3State.Bucket bucket = s.bucket(bucketName);
        String prefix = orEmpty(request.queryParam("prefix"));
        int maxKeys = request.queryParam("max-keys") == null ? 1000 : Integer.parseInt(request.queryParam("max-keys"));
        String after = v2 ? (request.queryParam("continuation-token") != null ? request.queryParam("continuation-token")
                : orEmpty(request.queryParam("start-after"))) : orEmpty(request.queryParam("marker"));
        boolean urlEncode = "url".equals(request.queryParam("encoding-type"));
        List<S3State.S3Object> matching = bucket.objects.values().stream()
                .filter(o -> o.key.startsWith(prefix) && o.key.compareTo(after) > 0).toList();
        List<S3State.S3Object> page = matching.subList(0, Math.min(maxKeys, matching.size()));
        boolean truncated = matching.size() > page.size();
        XmlWriter xml = new XmlWriter().root("ListBucketResult", S3Xml.NAMESPACE).leaf("Name", bucket.name)
                .leaf("Prefix", encode(prefix, urlEncode)).leaf("MaxKeys", maxKeys).leaf("IsTruncated", truncated);
        if (urlEncode) {
            xml.leaf("EncodingType", "url");
        }
        if (v2) {
            xml.leaf("KeyCount", page.size()).leaf("ContinuationToken", request.queryParam("continuation-token"))
                    .leaf("StartAfter", request.queryParam("start-after"));
            if (truncated) {
                xml.leaf("NextContinuationToken", page.get(page.size() - 1).key);
            }
        } else {
            xml.leaf("Marker", after);
            if (truncated) {
                xml.leaf("NextMarker", encode(page.get(page.size() - 1).key, urlEncode));
            }
        }
        for (S3State.S3Object o : page) {
            xml.start("Contents").leaf("Key", encode(o.key, urlEncode)).leaf("LastModified", S3Xml.iso(o.lastModified))
                    .leaf("ETag", o.etag).leaf("Size", o.data.length).leaf("StorageClass", "STANDARD").end();
        }
        return SimResponse.xml(200, xml.toString());
    }

    /** encoding-type=url: the SDK asks for it by default and URL-decodes keys it gets back. */
    private static String encode(String value, boolean urlEncode) {
        return urlEncode && value != null ? URLEncoder.encode(value, StandardCharsets.UTF_8).replace("%2F", "/") : value;
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
