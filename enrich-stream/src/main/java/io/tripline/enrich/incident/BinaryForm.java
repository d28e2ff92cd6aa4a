package io.tripline.enrich.incident;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The building blocks of the stage's binary forms ({@link SignalCodec}, {@link IncidentStateCodec}): strings as
 * a length and UTF-8 (-1 for null), lists as a size and their elements, maps as a size and their entries in key
 * order, so equal values always give equal bytes.
 */
final class BinaryForm {

    private BinaryForm() {
    }

    /**
     * The serde of a binary form: {@code write} and {@code read} for values, null for null, and records an earlier
     * version wrote as JSON (they start with '{') read through {@link JsonCodec}.
     */
    static <T> Serde<T> serde(Class<T> type, Function<T, byte[]> write, Function<byte[], T> read) {
        Deserializer<T> json = JsonCodec.serde(type).deserializer();
        Serializer<T> serializer = (topic, value) -> value == null ? null : write.apply(value);
        Deserializer<T> deserializer = (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            return bytes.length > 0 && bytes[0] == '{' ? json.deserialize(topic, bytes) : read.apply(bytes);
        };
        return Serdes.serdeFrom(serializer, deserializer);
    }

    /**
     * Writes a binary form into a growing array, big-endian as {@code DataOutputStream} writes it (the bytes are the
     * same), without its per-byte synchronised calls, which showed in the stage's profile.
     */
    static final class Writer {

        private byte[] bytes;
        private int size;

        Writer(int capacity) {
            bytes = new byte[capacity];
        }

        private void room(int more) {
            if (size + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
            }
        }

        void writeByte(int value) {
            room(1);
            bytes[size++] = (byte) value;
        }

        void writeBoolean(boolean value) {
            writeByte(value ? 1 : 0);
        }

        void writeInt(int value) {
            room(4);
            bytes[size++] = (byte) (value >>> 24);
            bytes[size++] = (byte) (value >>> 16);
            bytes[size++] = (byte) (value >>> 8);
            bytes[size++] = (byte) value;
        }

        void writeLong(long value) {
            writeInt((int) (value >>> 32));
            writeInt((int) value);
        }

        void writeDouble(double value) {
            writeLong(Double.doubleToLongBits(value));
        }

        /** A length and UTF-8; -1 for null. */
        void string(String value) {
            if (value == null) {
                writeInt(-1);
                return;
            }
            byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
            writeInt(utf8.length);
            room(utf8.length);
            System.arraycopy(utf8, 0, bytes, size, utf8.length);
            size += utf8.length;
        }

        void strings(List<String> values) {
            writeInt(values.size());
            for (String value : values) {
                string(value);
            }
        }

        /** A map in key order. */
        void map(Map<String, String> values) {
            entries(values instanceof TreeMap<String, String> tree ? tree : new TreeMap<>(values), this::string);
        }

        /** A map of counts, in key order. */
        void counts(TreeMap<String, Long> values) {
            entries(values, this::writeLong);
        }

        private <V> void entries(TreeMap<String, V> sorted, Consumer<V> value) {
            writeInt(sorted.size());
            for (Map.Entry<String, V> entry : sorted.entrySet()) {
                string(entry.getKey());
                value.accept(entry.getValue());
            }
        }

        byte[] toByteArray() {
            return Arrays.copyOf(bytes, size);
        }
    }

    /** Reads what a {@link Writer} wrote; input that ends early or claims more than it holds is a {@link SerializationException}. */
    static final class Reader {

        private final byte[] bytes;
        private final String what;
        private int position;

        Reader(byte[] bytes, String what) {
            this.bytes = bytes;
            this.what = what;
        }

        private void need(int count) {
            if (count < 0 || count > bytes.length - position) {
                throw new SerializationException("cannot read " + what + ": it ends early (" + bytes.length + " bytes)");
            }
        }

        int readUnsignedByte() {
            need(1);
            return bytes[position++] & 0xff;
        }

        boolean readBoolean() {
            return readUnsignedByte() != 0;
        }

        int readInt() {
            need(4);
            int value = (bytes[position] & 0xff) << 24 | (bytes[position + 1] & 0xff) << 16
                    | (bytes[position + 2] & 0xff) << 8 | bytes[position + 3] & 0xff;
            position += 4;
            return value;
        }

        long readLong() {
            return (long) readInt() << 32 | readInt() & 0xffffffffL;
        }

        double readDouble() {
            return Double.longBitsToDouble(readLong());
        }

        String string() {
            int length = readInt();
            if (length < 0) {
                return null;
            }
            need(length);
            String value = new String(bytes, position, length, StandardCharsets.UTF_8);
            position += length;
            return value;
        }

        List<String> strings() {
            int size = readInt();
            need(size); // each element takes at least one byte: a claimed size beyond the input is not allocated
            List<String> out = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                out.add(string());
            }
            return out;
        }

        Map<String, String> map() {
            return entries(this::string);
        }

        TreeMap<String, Long> counts() {
            return entries(this::readLong);
        }

        private <V> TreeMap<String, V> entries(Supplier<V> value) {
            int size = readInt();
            need(size); // as in strings(): a claimed size beyond the input is not allocated
            TreeMap<String, V> out = new TreeMap<>();
            for (int i = 0; i < size; i++) {
                out.put(string(), value.get());
            }
            return out;
        }
    }
}
