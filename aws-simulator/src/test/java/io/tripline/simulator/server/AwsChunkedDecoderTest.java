package io.tripline.simulator.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Unit tests of the aws-chunked framing decoder and the SigV4 scope parser. */
class AwsChunkedDecoderTest {

    @Test
    void shouldStripChunkSignaturesAndTrailingChecksums() {
        String framed = "5;chunk-signature=abc\r\nhello\r\n6;chunk-signature=def\r\n world\r\n0;chunk-signature=0\r\n"
                + "x-amz-checksum-crc32:AAAAAA==\r\n\r\n";
        byte[] decoded = AwsChunkedDecoder.decode(framed.getBytes(StandardCharsets.US_ASCII));
        assertThat(new String(decoded, StandardCharsets.UTF_8)).isEqualTo("hello world");
    }

    @Test
    void shouldRecogniseStreamingPayloadsByEncodingOrPayloadHash() {
        assertThat(AwsChunkedDecoder.applies(Map.of("content-encoding", "aws-chunked"))).isTrue();
        assertThat(AwsChunkedDecoder.applies(Map.of("x-amz-content-sha256", "STREAMING-UNSIGNED-PAYLOAD-TRAILER"))).isTrue();
        assertThat(AwsChunkedDecoder.applies(Map.of("content-encoding", "gzip"))).isFalse();
        assertThat(AwsChunkedDecoder.remainingEncoding("aws-chunked,gzip")).isEqualTo("gzip");
    }

    @Test
    void shouldParseTheCredentialScopeFromHeaderOrPresignedQuery() {
        SigV4Scope scope = SigV4Scope.parse("AWS4-HMAC-SHA256 Credential=AKID/20260101/eu-west-1/guardduty/aws4_request, "
                + "SignedHeaders=host, Signature=00", Map.of());
        assertThat(scope).isEqualTo(new SigV4Scope("AKID", "20260101", "eu-west-1", "guardduty"));
        assertThat(SigV4Scope.parse(null, Map.of("X-Amz-Credential", "K/20260101/us-east-1/sts/aws4_request")).service())
                .isEqualTo("sts");
        assertThat(SigV4Scope.presence("Basic abc", Map.of())).isEqualTo(SigV4Scope.Presence.MALFORMED);
        assertThat(SigV4Scope.presence(null, Map.of())).isEqualTo(SigV4Scope.Presence.MISSING);
    }
}
