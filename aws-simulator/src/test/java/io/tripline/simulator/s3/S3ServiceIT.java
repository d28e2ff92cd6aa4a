package io.tripline.simulator.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.tripline.simulator.AwsSimulator;
import io.tripline.simulator.SimulatorOptions;
import io.tripline.simulator.core.World;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Contract test: the real SDK v2 S3 client (path-style) against the simulated S3. */
class S3ServiceIT {

    private static final String SEED = """
            buckets:
              - {name: acme-data, region: us-east-1, tags: {}, policy: null,
                 publicAccessBlock: {BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true}}
              - {name: acme-open, region: us-east-1}
            """;

    private static AwsSimulator sim;
    private static S3Client s3;

    @BeforeAll
    static void start() throws Exception {
        sim = AwsSimulator.start(SimulatorOptions.defaults());
        new S3Service().seed(sim.world(), sim.world().account(World.DEFAULT_ACCOUNT), null,
                new ObjectMapper(new YAMLFactory()).readTree(SEED));
        s3 = S3Client.builder().endpointOverride(sim.endpoint()).region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTRIPLINETEST", "secret")))
                .httpClientBuilder(ApacheHttpClient.builder()).build();
    }

    @AfterAll
    static void stop() {
        s3.close();
        sim.close();
    }

    @Test
    void shouldReadSeededPublicAccessBlockAndRestoreItAfterDeletion() {
        assertThat(s3.getPublicAccessBlock(r -> r.bucket("acme-data")).publicAccessBlockConfiguration().blockPublicPolicy())
                .isTrue();
        assertThatThrownBy(() -> s3.getPublicAccessBlock(r -> r.bucket("acme-open")))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(404);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NoSuchPublicAccessBlockConfiguration");
                });

        s3.putPublicAccessBlock(r -> r.bucket("acme-open").publicAccessBlockConfiguration(c -> c.blockPublicAcls(true)
                .ignorePublicAcls(true).blockPublicPolicy(true).restrictPublicBuckets(true)));

        var config = s3.getPublicAccessBlock(r -> r.bucket("acme-open")).publicAccessBlockConfiguration();
        assertThat(config.blockPublicAcls() && config.ignorePublicAcls() && config.blockPublicPolicy()
                && config.restrictPublicBuckets()).isTrue();
        s3.deletePublicAccessBlock(r -> r.bucket("acme-open"));
        assertThatThrownBy(() -> s3.getPublicAccessBlock(r -> r.bucket("acme-open"))).isInstanceOf(S3Exception.class);
    }

    @Test
    void shouldPutGetAndDeleteBucketPolicy() {
        assertThatThrownBy(() -> s3.getBucketPolicy(r -> r.bucket("acme-data")))
                .isInstanceOfSatisfying(S3Exception.class, e ->
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NoSuchBucketPolicy"));
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\","
                + "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::acme-data/*\"}]}";
        s3.putBucketPolicy(r -> r.bucket("acme-data").policy(policy));
        assertThat(s3.getBucketPolicy(r -> r.bucket("acme-data")).policy()).isEqualTo(policy);
        s3.deleteBucketPolicy(r -> r.bucket("acme-data"));
        assertThatThrownBy(() -> s3.getBucketPolicy(r -> r.bucket("acme-data"))).isInstanceOf(S3Exception.class);
    }

    @Test
    void shouldStoreGzippedObjectsByteForByteAndListThemByPrefix() throws Exception {
        s3.createBucket(r -> r.bucket("trail-logs"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write("{\"Records\":[]}".getBytes(StandardCharsets.UTF_8));
        }
        String key = "AWSLogs/123456789012/CloudTrail/us-east-1/2026/01/01/log+1.json.gz";
        s3.putObject(r -> r.bucket("trail-logs").key(key), RequestBody.fromBytes(bytes.toByteArray()));

        assertThat(s3.getObjectAsBytes(r -> r.bucket("trail-logs").key(key)).asByteArray()).isEqualTo(bytes.toByteArray());
        assertThat(s3.listObjectsV2(r -> r.bucket("trail-logs").prefix("AWSLogs/123456789012/")).contents())
                .extracting(S3Object::key).containsExactly(key);
        assertThatThrownBy(() -> s3.getObject(r -> r.bucket("trail-logs").key("nope"))).isInstanceOf(NoSuchKeyException.class);
    }

    @Test
    void shouldListBucketsAndRaiseNoSuchBucket() {
        assertThat(s3.listBuckets().buckets()).extracting(b -> b.name()).contains("acme-data", "acme-open");
        assertThatThrownBy(() -> s3.headBucket(r -> r.bucket("ghost"))).isInstanceOf(NoSuchBucketException.class);
        assertThatThrownBy(() -> s3.getBucketPolicy(r -> r.bucket("ghost")))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(404));
    }
}
