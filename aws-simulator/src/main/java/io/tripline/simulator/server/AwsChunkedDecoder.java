package io.tripline.simulator.server;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Decodes the {@code aws-chunked} content encoding the SDK uses for streaming S3 uploads
 * ({@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD[-TRAILER]} or {@code STREAMING-UNSIGNED-PAYLOAD-TRAILER}):
 * {@code hex-size[;chunk-signature=...]\r\n data \r\n ... 0\r\n [trailers]\r\n}. HTTP-level
 * {@code Transfer-Encoding: chunked} is already removed by the JDK server before this runs.
 */
public final class AwsChunkedDecoder {

    private AwsChunkedDecoder() {
    }

    /** True when the request body is aws-chunked framed, by content encoding or payload hash marker. */
    public static boolean applies(Map<String, String> lowerCaseHeaders) {
        String encoding = lowerCaseHeaders.get("content-encoding");
        String sha = lowerCaseHeaders.get("x-amz-content-sha256");
        return (encoding != null && encoding.contains("aws-chunked"))
                || (sha != null && sha.startsWith("STREAMING-"));
    }

    /** The payload without chunk framing, signatures or trailing checksums. */
    public static byte[] decode(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length);
        int pos = 0;
        while (pos < body.length) {
            int lineEnd = indexOfCrlf(body, pos);
            if (lineEnd < 0) {
                throw new IllegalArgumentException("aws-chunked body without chunk header terminator at " + pos);
            }
            String header = new String(body, pos, lineEnd - pos, StandardCharsets.US_ASCII);
            int semicolon = header.indexOf(';');
            String hex = (semicolon < 0 ? header : header.substring(0, semicolon)).trim();
            int size = Integer.parseInt(hex, 16);
            pos = lineEnd + 2;
            if (size == 0) {
                break; // what follows are trailers (x-amz-checksum-*), not payload
            }
            out.write(body, pos, size);
            pos += size + 2;
        }
        return out.toByteArray();
    }

    /** Content-Encoding after removing aws-chunked, or null when nothing else remains. */
    public static String remainingEncoding(String encoding) {
        if (encoding == null) {
            return null;
        }
        StringBuilder rest = new StringBuilder();
        for (String part : encoding.split(",")) {
            String p = part.trim();
            if (!p.isEmpty() && !p.equals("aws-chunked")) {
                rest.append(rest.length() == 0 ? "" : ",").append(p);
            }
        }
        return rest.length() == 0 ? null : rest.toString();
    }

    private static int indexOfCrlf(byte[] body, int from) {
        for (int i = from; i + 1 < body.length; i++) {
            if (body[i] == '\r' && body[i + 1] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
