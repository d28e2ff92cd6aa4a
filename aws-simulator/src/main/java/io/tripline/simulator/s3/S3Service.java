package io.tripline.simulator.s3;

import com.fasterxml.jackson.databind.JsonNode;
import io.tripline.simulator.core.Account;
import io.tripline.simulator.core.AwsError;
import io.tripline.simulator.core.AwsService;
import io.tripline.simulator.core.CallContext;
import io.tripline.simulator.core.Protocol;
import io.tripline.simulator.core.Seedable;
import io.tripline.simulator.core.SimRequest;
import io.tripline.simulator.core.SimResponse;
import io.tripline.simulator.core.World;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Simulated Amazon S3 (REST-XML, path-style {@code /BUCKET/KEY?subresource}): bucket lifecycle, bucket
 * policy, public access block, and small objects (CloudTrail log files for the ingest poller).
 */
public final class S3Service implements AwsService, Seedable {

    @Override
    public String signingName() {
        return "s3";
    }

    @Override
    public Protocol protocol() {
        return Protocol.REST_XML;
    }

    /** The S3 state of an account. */
    public static S3State state(Account account) {
        return account.global(S3State.class, () -> new S3State(account.id()));
    }

    /** Bucket name and key of a path-style request; key null for bucket requests, bucket null for "/". */
    record Target(String bucket, String key) {
        static Target of(String path) {
            String trimmed = path == null ? "" : path.startsWith("/") ? path.substring(1) : path;
            if (trimmed.isEmpty()) {
                return new Target(null, null);
            }
            int slash = trimmed.indexOf('/');
            if (slash < 0 || slash == trimmed.length() - 1) {
                return new Target(slash < 0 ? trimmed : trimmed.substring(0, slash), null);
            }
            return new Target(trimmed.substring(0, slash), trimmed.substring(slash + 1));
        }
    }

    @Override
    public String operationName(SimRequest request) {
        Target t = Target.of(request.path());
        String m = request.method();
        Map<String, java.util.List<String>> q = request.query();
        if (t.bucket() == null) {
            return "GET".equals(m) ? "ListBuckets" : null;
        }
        if (t.key() != null) {
            return switch (m) {
                case "GET" -> "GetObject";
                case "PUT" -> "PutObject";
                case "HEAD" -> "HeadObject";
                case "DELETE" -> "DeleteObject";
                default -> null;
            };
        }
        if (q.containsKey("publicAccessBlock")) {
            return verb(m, "PublicAccessBlock");
        }
        if (q.containsKey("policy")) {
            return verb(m, "BucketPolicy");
        }
        if (q.containsKey("location")) {
            return "GET".equals(m) ? "GetBucketLocation" : null;
        }
        return switch (m) {
            case "PUT" -> "CreateBucket";
            case "HEAD" -> "HeadBucket";
            case "DELETE" -> "DeleteBucket";
            case "GET" -> "2".equals(request.queryParam("list-type")) ? "ListObjectsV2" : "ListObjects";
            default -> null;
        };
    }

    private static String verb(String method, String noun) {
        return switch (method) {
            case "GET" -> "Get" + noun;
            case "PUT" -> "Put" + noun;
            case "DELETE" -> "Delete" + noun;
            default -> null;
        };
    }

    @Override
    public SimResponse handle(SimRequest request, CallContext context) {
        String operation = operationName(request);
        if (operation == null) {
            throw new AwsError(405, "MethodNotAllowed", "The specified method is not allowed against this resource.");
        }
        Target t = Target.of(request.path());
        S3State s = state(context.account());
        S3Buckets buckets = new S3Buckets(s, request, context, t.bucket());
        S3Objects objects = new S3Objects(s, request, context, t.bucket(), t.key());
        return switch (operation) {
            case "ListBuckets" -> buckets.listBuckets();
            case "CreateBucket" -> buckets.createBucket();
            case "HeadBucket" -> buckets.headBucket();
            case "DeleteBucket" -> buckets.deleteBucket();
            case "GetBucketLocation" -> buckets.getBucketLocation();
            case "GetPublicAccessBlock" -> buckets.getPublicAccessBlock();
            case "PutPublicAccessBlock" -> buckets.putPublicAccessBlock();
            case "DeletePublicAccessBlock" -> buckets.deletePublicAccessBlock();
            case "GetBucketPolicy" -> buckets.getBucketPolicy();
            case "PutBucketPolicy" -> buckets.putBucketPolicy();
            case "DeleteBucketPolicy" -> buckets.deleteBucketPolicy();
            case "ListObjectsV2", "ListObjects" -> objects.listObjects("ListObjectsV2".equals(operation));
            case "GetObject" -> objects.getObject(false);
            case "HeadObject" -> objects.getObject(true);
            case "PutObject" -> objects.putObject();
            case "DeleteObject" -> objects.deleteObject();
            default -> throw new AwsError(405, "MethodNotAllowed", "Not supported: " + operation);
        };
    }

    @Override
    public void seed(World world, Account account, String region, JsonNode spec) {
        S3State s = state(account);
        for (JsonNode node : spec.path("buckets")) {
            S3State.Bucket bucket = s.createBucket(node.path("name").asText(),
                    node.path("region").asText(region == null ? "us-east-1" : region), world.clock().now());
            node.path("tags").fields().forEachRemaining(e -> bucket.tags.put(e.getKey(), e.getValue().asText()));
            JsonNode policy = node.path("policy");
            if (policy.isTextual()) {
                bucket.policy = policy.asText();
            } else if (policy.isObject()) {
                bucket.policy = policy.toString();
            }
            JsonNode pab = node.path("publicAccessBlock");
            if (pab.isObject()) {
                Map<String, Boolean> config = new LinkedHashMap<>();
                S3Xml.PAB_FIELDS.forEach(f -> config.put(f, pab.path(f).asBoolean(false)));
                bucket.publicAccessBlock = config;
            }
        }
    }
}
