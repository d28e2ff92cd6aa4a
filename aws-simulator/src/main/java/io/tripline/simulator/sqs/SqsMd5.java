package io.tripline.simulator.sqs;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The MD5 digests SQS returns and the SDK verifies: of the body, and of the message attributes in
 * AWS's binary encoding (attributes sorted by name; each name, data type and value length-prefixed with
 * a 4-byte big-endian length; a transport byte 1 for String/Number, 2 for Binary before the value).
 */
public final class SqsMd5 {

    private SqsMd5() {
    }

    public static String ofBody(String body) {
        return hex(md5().digest(body.getBytes(StandardCharsets.UTF_8)));
    }

    /** Null for no attributes, as SQS omits MD5OfMessageAttributes then. */
    public static String ofAttributes(Map<String, SqsMessage.Attribute> attributes) {
        if (attributes == null || attributes.isEmpty()) {
            return null;
        }
        MessageDigest digest = md5();
        for (Map.Entry<String, SqsMessage.Attribute> e : new TreeMap<>(attributes).entrySet()) {
            SqsMessage.Attribute value = e.getValue();
            lengthPrefixed(digest, e.getKey().getBytes(StandardCharsets.UTF_8));
            lengthPrefixed(digest, value.dataType().getBytes(StandardCharsets.UTF_8));
            if (value.binaryValue() != null) {
                digest.update((byte) 2);
                lengthPrefixed(digest, value.binaryValue());
            } else {
                digest.update((byte) 1);
                lengthPrefixed(digest, value.stringValue().getBytes(StandardCharsets.UTF_8));
            }
        }
        return hex(digest.digest());
    }

    private static void lengthPrefixed(MessageDigest digest, byte[] bytes) {
        digest.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
        digest.update(bytes);
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
