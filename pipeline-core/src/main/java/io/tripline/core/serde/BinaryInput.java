package io.tripline.core.serde;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.apache.avro.AvroRuntimeException;

/**
 * The Avro binary body of one record, read in place from the consumer's byte array by a {@link CompiledReader}.
 * Numbers decode exactly as Avro's BinaryDecoder decodes them (the same zig-zag varints, at most 5 bytes for an
 * int and 10 for a long, the same bits kept when a last byte overflows, a boolean true only for byte 1). Every
 * length and item count is checked against the bytes left before anything is allocated for it, so a corrupted
 * prefix fails with a {@link DecodingException} saying where, never with a huge allocation.
 */
final class BinaryInput {

    private final byte[] bytes;
    private final int start;
    private final int end;
    private int position;

    BinaryInput(byte[] bytes, int offset, int length) {
        this.bytes = bytes;
        this.start = offset;
        this.end = offset + length;
        this.position = offset;
    }

    boolean atEnd() {
        return position == end;
    }

    int remaining() {
        return end - position;
    }

    int readInt() {
        int n = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            int b = next();
            n ^= (b & 0x7f) << shift;
            if (b <= 0x7f) {
                return (n >>> 1) ^ -(n & 1);
            }
        }
        throw failure("invalid int encoding (more than 5 bytes)");
    }

    long readLong() {
        long n = 0;
        for (int shift = 0; shift < 70; shift += 7) {
            int b = next();
            n ^= (long) (b & 0x7f) << shift;
            if (b <= 0x7f) {
                return (n >>> 1) ^ -(n & 1);
            }
        }
        throw failure("invalid long encoding (more than 10 bytes)");
    }

    boolean readBoolean() {
        return next() == 1;
    }

    float readFloat() {
        return Float.intBitsToFloat((int) littleEndian(4));
    }

    double readDouble() {
        return Double.longBitsToDouble(littleEndian(8));
    }

    String readString() {
        int length = length("string");
        String text = length == 0 ? "" : new String(bytes, position, length, StandardCharsets.UTF_8);
        position += length;
        return text;
    }

    byte[] readBytes() {
        int length = length("bytes");
        byte[] copy = Arrays.copyOfRange(bytes, position, position + length);
        position += length;
        return copy;
    }

    /** A length prefix, which must be neither negative nor more than the bytes left. */
    private int length(String what) {
        int at = position;
        int length = readInt();
        if (length < 0) {
            throw failureAt(at, what + " length is negative: " + length);
        }
        if (length > remaining()) {
            throw failureAt(at, what + " length " + length + " exceeds the " + remaining() + " byte(s) left");
        }
        return length;
    }

    /**
     * The item count of the next array or map block, which Avro may write negated and followed by the block's
     * byte size; 0 ends the array or map. Each item takes at least {@code minItemBytes} (at least 1: the compiler
     * refuses items that may take none), so a count the bytes left cannot hold is refused before anything is
     * allocated for it.
     */
    int readBlockCount(String what, int minItemBytes) {
        int at = position;
        long count = readLong();
        if (count < 0) {
            count = -count;
            readLong();
            if (count < 0) {
                throw failureAt(at, what + " item count is negative");
            }
        }
        long room = remaining() / minItemBytes;
        if (count > room) {
            throw failureAt(at, what + " item count " + count + " exceeds what the " + remaining() + " byte(s) left can hold");
        }
        return (int) count;
    }

    private long littleEndian(int size) {
        if (remaining() < size) {
            throw failure("needs " + size + " bytes, " + remaining() + " left");
        }
        long value = 0;
        for (int i = 0; i < size; i++) {
            value |= (bytes[position + i] & 0xffL) << (8 * i);
        }
        position += size;
        return value;
    }

    private int next() {
        if (position >= end) {
            throw failure("ends before the record does");
        }
        return bytes[position++] & 0xff;
    }

    DecodingException failure(String reason) {
        return failureAt(position, reason);
    }

    private DecodingException failureAt(int at, String reason) {
        return new DecodingException("Avro body of " + (end - start) + " byte(s) at byte " + (at - start) + ": " + reason);
    }

    /** Bytes that do not decode as the record; the deserializer reports it as a SerializationException. */
    static final class DecodingException extends AvroRuntimeException {
        private static final long serialVersionUID = 1L;

        DecodingException(String message) {
            super(message);
        }
    }
}
