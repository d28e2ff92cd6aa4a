package io.tripline.core.testing;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import io.tripline.core.serde.WireFormat;

/**
 * Seeded generator of hostile Confluent-wire Avro values, derived from valid serialized records:
 * wrong magic byte, unknown schema id, the id of another subject's schema, truncation, a valid header
 * followed by random bytes, length prefixes claiming gigabytes, oversize bodies, JSON text where Avro
 * belongs, trailing bytes and bit flips. {@link Input#alwaysBad()} says whether the value can never
 * decode (so it must reach the DLQ); random bodies and bit flips sometimes decode to a valid record,
 * which must then simply be processed.
 */
public final class HostileAvro {

    /** What was done to the valid value. */
    public enum Kind {
        WRONG_MAGIC(true), UNKNOWN_SCHEMA_ID(true), OTHER_SCHEMA_ID(false), TRUNCATED(true), HEADER_RANDOM_BODY(false),
        HUGE_LENGTH_PREFIX(true), OVERSIZE(true), JSON_TEXT(true), TRAILING_BYTES(true), BIT_FLIP(false), EMPTY(true);

        private final boolean alwaysBad;

        Kind(boolean alwaysBad) {
            this.alwaysBad = alwaysBad;
        }
    }

    /** One generated value. */
    public record Input(Kind kind, byte[] bytes) {
        public boolean alwaysBad() {
            return kind.alwaysBad;
        }
    }

    /** Size of OVERSIZE bodies: past Kafka's default 1 MB message limit. */
    public static final int OVERSIZE_BYTES = 1_100_000;

    private final Random random;
    private final List<byte[]> valid;
    private final List<byte[]> text;
    private final int otherSchemaId;

    /**
     * @param random        the run's seeded random
     * @param valid         valid wire-format values of the entry point's type
     * @param text          JSON text a misconfigured producer might write instead (at least one)
     * @param otherSchemaId a registered id of a different record type
     */
    public HostileAvro(Random random, List<byte[]> valid, List<byte[]> text, int otherSchemaId) {
        if (valid.isEmpty() || text.isEmpty()) {
            throw new IllegalArgumentException("need valid values and JSON text to derive from");
        }
        this.random = random;
        this.valid = List.copyOf(valid);
        this.text = List.copyOf(text);
        this.otherSchemaId = otherSchemaId;
    }

    /** The next value, its kind chosen uniformly except OVERSIZE, which is rare (megabytes each). */
    public Input next() {
        Kind[] kinds = Kind.values();
        Kind kind = kinds[random.nextInt(kinds.length)];
        while (kind == Kind.OVERSIZE && random.nextInt(25) != 0) {
            kind = kinds[random.nextInt(kinds.length)];
        }
        return next(kind);
    }

    public Input next(Kind kind) {
        byte[] value = valid.get(random.nextInt(valid.size()));
        return new Input(kind, switch (kind) {
            case WRONG_MAGIC -> wrongMagic(value);
            case UNKNOWN_SCHEMA_ID -> withSchemaId(value, 1_000_000 + random.nextInt(Integer.MAX_VALUE - 1_000_000)
                    * (random.nextBoolean() ? 1 : -1));
            case OTHER_SCHEMA_ID -> withSchemaId(value, otherSchemaId);
            case TRUNCATED -> Arrays.copyOf(value, random.nextInt(value.length));
            case HEADER_RANDOM_BODY -> concat(Arrays.copyOf(value, WireFormat.HEADER_SIZE), randomBytes(random.nextInt(600)));
            case HUGE_LENGTH_PREFIX -> hugeLengthPrefix(value);
            case OVERSIZE -> concat(Arrays.copyOf(value, WireFormat.HEADER_SIZE), randomBytes(OVERSIZE_BYTES));
            case JSON_TEXT -> text.get(random.nextInt(text.size()));
            case TRAILING_BYTES -> concat(value, randomBytes(1 + random.nextInt(64)));
            case BIT_FLIP -> bitFlip(value);
            case EMPTY -> new byte[0];
        });
    }

    private byte[] wrongMagic(byte[] value) {
        byte[] out = value.clone();
        out[0] = (byte) (1 + random.nextInt(255));
        return out;
    }

    private static byte[] withSchemaId(byte[] value, int id) {
        byte[] out = value.clone();
        ByteBuffer.wrap(out).put(WireFormat.MAGIC).putInt(id);
        return out;
    }

    /** A header, then a zig-zag varint claiming up to ~4 GB of string/bytes/array items, then little else. */
    private byte[] hugeLengthPrefix(byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(value, 0, WireFormat.HEADER_SIZE);
        long claimed = (1L << 20) + (long) (random.nextDouble() * (1L << 32));
        int repeats = 1 + random.nextInt(4);
        for (int i = 0; i < repeats; i++) {
            long zigzag = (claimed << 1) ^ (claimed >> 63);
            while ((zigzag & ~0x7FL) != 0) {
                out.write((int) ((zigzag & 0x7F) | 0x80));
                zigzag >>>= 7;
            }
            out.write((int) zigzag);
        }
        out.writeBytes(randomBytes(random.nextInt(32)));
        return out.toByteArray();
    }

    private byte[] bitFlip(byte[] value) {
        byte[] out = value.clone();
        int flips = 1 + random.nextInt(8);
        for (int i = 0; i < flips; i++) {
            int at = WireFormat.HEADER_SIZE + random.nextInt(out.length - WireFormat.HEADER_SIZE);
            out[at] ^= (byte) (1 << random.nextInt(8));
        }
        return out;
    }

    private byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
