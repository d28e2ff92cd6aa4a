package io.tripline.simulator.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.tripline.simulator.AwsSimulator;
import io.tripline.simulator.SimulatorOptions;
import io.tripline.simulator.core.AwsService;
import io.tripline.simulator.core.CallContext;
import io.tripline.simulator.core.Protocol;
import io.tripline.simulator.core.SimRequest;
import io.tripline.simulator.core.SimResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** The HTTP front door: body decoding for the SDK's S3 uploads, refusals without SigV4, request ids, routing. */
class ServerIT {

    private static final Map<String, byte[]> RECEIVED = new ConcurrentHashMap<>();
    private static final Map<String, String> HEADERS = new ConcurrentHashMap<>();
    private static AwsSimulator simulator;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** Stands in for S3 so this test sees exactly the body the server hands a service. */
    static final class RecordingS3 implements AwsService {
        @Override
        public String signingName() {
            return "s3";
        }

        @Override
        public Protocol protocol() {
            return Protocol.REST_XML;
        }

        @Override
        public String operationName(SimRequest request) {
            return "PUT".equals(request.method()) ? "PutObject" : null;
        }

        @Override
        public SimResponse handle(SimRequest request, CallContext context) {
            RECEIVED.put(request.path(), request.body());
            HEADERS.putAll(request.headers());
            try {
                String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(request.body()));
                return SimResponse.empty(200).withHeader("ETag", "\"" + md5 + "\"");
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @BeforeAll
    static void start() {
        simulator = AwsSimulator.start(SimulatorOptions.defaults().withService(new RecordingS3()));
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @Test
    void shouldHandTheServiceTheDecodedBodyOfAnSdkStreamingUpload() {
        byte[] payload = "x".repeat(200_000).getBytes(StandardCharsets.UTF_8);
        try (S3Client s3 = S3Client.builder().endpointOverride(simulator.endpoint()).forcePathStyle(true)
                .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("AKIAS3TEST", "secret")))
                .httpClient(software.amazon.awssdk.http.apache.ApacheHttpClient.create()).build()) {
            s3.putObject(b -> b.bucket("bucket").key("big.txt"), RequestBody.fromBytes(payload));
        }
        assertThat(RECEIVED.get("/bucket/big.txt")).isEqualTo(payload);
        assertThat(HEADERS.getOrDefault("content-encoding", "")).doesNotContain("aws-chunked");
    }

    @Test
    void shouldRefuseARequestWithoutSigV4InTheInferredServicesShape() throws Exception {
        HttpResponse<String> json = HTTP.send(HttpRequest.newBuilder(simulator.endpoint().resolve("/detector")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(json.statusCode()).isEqualTo(403);
        assertThat(json.headers().firstValue("x-amzn-ErrorType")).contains("MissingAuthenticationTokenException");

        HttpResponse<String> query = HTTP.send(HttpRequest.newBuilder(simulator.endpoint())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("Action=GetCallerIdentity&Version=2011-06-15")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(query.statusCode()).isEqualTo(403);
        assertThat(query.body()).contains("<Code>MissingAuthenticationToken</Code>").contains("<Type>Sender</Type>");
        assertThat(query.headers().firstValue("x-amzn-RequestId")).isPresent();
    }

    @Test
    void shouldAnswerIncompleteSignatureForAMalformedAuthorizationHeader() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(simulator.endpoint().resolve("/findings"))
                .header("Authorization", "AWS4-HMAC-SHA256 Signature=abc")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).contains("IncompleteSignatureException");
    }

    @Test
    void shouldAnswerAnUnknownQueryActionWithInvalidActionAndRequestIds() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(simulator.endpoint())
                .header("Authorization", auth("sts"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("Action=GetFederationTokenz&Version=2011-06-15")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("<Code>InvalidAction</Code>");
        assertThat(response.headers().firstValue("x-amz-request-id")).isPresent();
    }

    @Test
    void shouldAcceptPresignedQueryStringAuthentication() throws Exception {
        URI uri = simulator.endpoint().resolve("/?Action=GetCallerIdentity&Version=2011-06-15"
                + "&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAPRESIGNED%2F20260101%2Fus-east-1%2Fsts%2Faws4_request"
                + "&X-Amz-Signature=00");
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("<Account>123456789012</Account>");
    }

    @Test
    void shouldRenderCloudTrailErrorsWithTheNamespacedJsonType() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(simulator.endpoint())
                .header("Authorization", auth("cloudtrail"))
                .header("X-Amz-Target", "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.GetTrailStatus")
                .header("Content-Type", "application/x-amz-json-1.1")
                .POST(HttpRequest.BodyPublishers.ofString("{\"Name\":\"nope\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"__type\":\"com.amazonaws.cloudtrail.v20131101#TrailNotFoundException\"");
    }

    private static String auth(String service) {
        return "AWS4-HMAC-SHA256 Credential=AKIATEST/20260101/us-east-1/" + service
                + "/aws4_request, SignedHeaders=host, Signature=00";
    }
}
