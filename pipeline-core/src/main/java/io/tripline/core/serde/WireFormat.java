package io.tripline.core.serde;

import java.nio.ByteBuffer;

import org.apache.kafka.common.errors.SerializationException;

/**
 * The Confluent wire format: magic byte 0, a 4-byte big-endian schema id, then the Avro binary body.
 * Anything else is rejected with a message that says what was found, so a DLQ entry explains itself.
 */
public final class WireFormat {

    public static final byte MAGIC = 0;
    public static final int HEADER_SIZE = 5;

    private WireFormat() {
    }

    /** Reads and checks the header; the buffer is left positioned at the Avro body. */
    public static int readSchemaId(String topic, ByteBuffer buffer) {
        int length = buffer.remaining();
        if (length < HEADER_SIZE) {
            throw new SerializationException("not Confluent wire format on " + topic + ": expected magic byte 0 and a "
                    + "4-byte schema id, found only " + length + " byte(s)" + preview(buffer));
        }
        byte magic = buffer.get();
        if (magic != MAGIC) {
            buffer.position(buffer.position() - 1);
            throw new SerializationException("not Confluent wire format on " + topic + ": unknown magic byte "
                    + String.format("0x%02x", magic) + describe(magic) + preview(buffer));
        }
        return buffer.getInt();
    }

    public static byte[] header(int schemaId) {
        return ByteBuffer.allocate(HEADER_SIZE).put(MAGIC).putInt(schemaId).array();
    }

    private static String describe(byte magic) {
        if (magic == '{' || magic == '[') {
            return " (looks like JSON text)";
        }
        if (magic >= 0x20 && magic < 0x7f) {
            return " ('" + (char) magic + "', looks like text)";
        }
        return "";
    }

    private static String preview(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        int n = Math.min(16, copy.remaining());
        if (n == 0) {
            return "";
        }
        StringBuilder hex = new StringBuilder(", first bytes:");
        for (int i = 0; i < n; i++) {
            hex.append(String.format(" %02x", copy.get()));
        }
        return hex.toString();
    }
}
