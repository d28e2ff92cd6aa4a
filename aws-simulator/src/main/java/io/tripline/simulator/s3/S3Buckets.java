package io.tripline.simulator.s3;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tripline.simulator.core.AwsError;
import io.tripline.simulator.core.CallContext;
import io.tripline.simulator.core.SimJson;
import io.tripline.simulator.core.SimRequest;
import io.tripline.simulator.core.SimResponse;
import io.tripline.simulator.ec2.XmlWriter;
import java.util.Map;

/**
 * Bucket-level S3 operations. Bucket management calls are CloudTrail management events and are
 * recorded with the event names CloudTrail uses (e.g. PutBucketPublicAccessBlock).
 */
final class S3Buckets {

    private static final String SOURCE = "s3.amazonaws.com";

    private final S3State s;
    private final SimRequest request;
    private final CallContext ctx;
    private final String name;

    S3Buckets(S3State s, SimRequest request, CallContext ctx, String name) {
        this.s = s;
        this.request = request;
        this.ctx = ctx;
        this.name = name;
    }

    private ObjectNode params() {
        return SimJson.object().put("bucketName", name).put("Host", request.header("host"));
    }

    SimResponse listBuckets() {
        XmlWriter xml = new XmlWriter().root("ListAllMyBucketsResult", S3Xml.NAMESPACE)
                .start("Owner").leaf("ID", s.accountId).leaf("DisplayName", "tripline-" + s.accountId).end()
                .start("Buckets");
        s.buckets.values().forEach(b -> xml.start("Bucket").leaf("Name", b.name)
                .leaf("CreationDate", S3Xml.iso(b.creationDate)).leaf("BucketRegion", b.region).end());
        return SimResponse.xml(200, xml.toString());
    }

    SimResponse createBucket() {
        if (s.buckets.containsKey(name)) {
            throw new AwsError(409, "BucketAlreadyOwnedByYou", "Your previous request to create the named bucket"
                    + " succeeded and you already own it.");
        }
        String constraint = S3Xml.locationConstraint(request.bodyText());
        S3State.Bucket bucket = s.createBucket(name, constraint == null ? ctx.region() : constraint, ctx.clock().now());
        ctx.recordEvent(SOURCE, "CreateBucket", params(), null);
        return SimResponse.empty(200).withHeader("Location", "/" + bucket.name);
    }

    SimResponse headBucket() {
        S3State.Bucket bucket = s.bucket(name);
        return SimResponse.empty(200).withHeader("x-amz-bucket-region", bucket.region);
    }

    SimResponse deleteBucket() {
        S3State.Bucket bucket = s.bucket(name);
        if (!bucket.objects.isEmpty()) {
            throw new AwsError(409, "BucketNotEmpty", "The bucket you tried to delete is not empty");
        }
        s.buckets.remove(name);
        ctx.recordEvent(SOURCE, "DeleteBucket", params(), null);
        return SimResponse.empty(204);
    }

    SimResponse getBucketLocation() {
        S3State.Bucket bucket = s.bucket(name);
        // us-east-1 is reported as an empty LocationConstraint, as S3 does.
        String location = "us-east-1".equals(bucket.region) ? "" : bucket.region;
        return SimResponse.xml(200, "<?xml version=\"1.0\" encoding=\"UTF-8\"?><LocationConstraint xmlns=\""
                + S3Xml.NAMESPACE + "\">" + location + "</LocationConstraint>");
    }

    SimResponse getPublicAccessBlock() {
        Map<String, Boolean> config = s.bucket(name).publicAccessBlock;
        if (config == null) {
            throw AwsError.notFound("NoSuchPublicAccessBlockConfiguration",
                    "The public access block configuration was not found");
        }
        return SimResponse.xml(200, S3Xml.publicAccessBlock(config));
    }

    SimResponse putPublicAccessBlock() {
        S3State.Bucket bucket = s.bucket(name);
        Map<String, Boolean> config = S3Xml.parsePublicAccessBlock(request.bodyText());
        bucket.publicAccessBlock = Map.copyOf(config);
        ObjectNode params = params();
        ObjectNode pab = params.putObject("PublicAccessBlockConfiguration").put("xmlns", S3Xml.NAMESPACE);
        config.forEach(pab::put);
        params.put("publicAccessBlock", "");
        ctx.recordEvent(SOURCE, "PutBucketPublicAccessBlock", params, null);
        return SimResponse.empty(200);
    }

    SimResponse deletePublicAccessBlock() {
        s.bucket(name).publicAccessBlock = null;
        ctx.recordEvent(SOURCE, "DeleteBucketPublicAccessBlock", params().put("publicAccessBlock", ""), null);
        return SimResponse.empty(204);
    }

    SimResponse getBucketPolicy() {
        String policy = s.bucket(name).policy;
        if (policy == null) {
            throw AwsError.notFound("NoSuchBucketPolicy", "The bucket policy does not exist");
        }
        return SimResponse.json(200, policy, "application/json");
    }

    SimResponse putBucketPolicy() {
        S3State.Bucket bucket = s.bucket(name);
        String policy = request.bodyText();
        try {
            if (!SimJson.MAPPER.readTree(policy).isObject()) {
                throw new IllegalArgumentException();
            }
        } catch (Exception e) {
            throw AwsError.badRequest("MalformedPolicy", "Policies must be valid JSON and the first byte must be '{'");
        }
        bucket.policy = policy;
        ObjectNode params = params().put("policy", "");
        params.set("bucketPolicy", SimJson.parse(policy));
        ctx.recordEvent(SOURCE, "PutBucketPolicy", params, null);
        return SimResponse.empty(204);
    }

    SimResponse deleteBucketPolicy() {
        s.bucket(name).policy = null;
        ctx.recordEvent(SOURCE, "DeleteBucketPolicy", params().put("policy", ""), null);
        return SimResponse.empty(204);
    }
}
