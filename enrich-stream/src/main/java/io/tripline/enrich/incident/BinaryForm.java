package io.tripline.enrich.incident;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

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

    static void string(DataOutputStream out, String value) throws IOException {
        if (value == null) {
            out.writeInt(-1);
            return;
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    static String string(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            return null;
        }
        byte[] utf8 = new byte[length];
        in.readFully(utf8);
        return new String(utf8, StandardCharsets.UTF_8);
    }

    static void strings(DataOutputStream out, List<String> values) throws IOException {
        out.writeInt(values.size());
        for (String value : values) {
            string(out, value);
        }
    }

    static List<String> strings(DataInputStream in) throws IOException {
        int size = in.readInt();
        List<String> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            out.add(string(in));
        }
        return out;
    }

    static void map(DataOutputStream out, Map<String, String> values) throws IOException {
        Map<String, String> sorted = values instanceof TreeMap<String, String> tree ? tree : new TreeMap<>(values);
        out.writeInt(sorted.size());
        for (Map.Entry<String, String> entry : sorted.entrySet()) {
            string(out, entry.getKey());
            string(out, entry.getValue());
        }
    }

    static Map<String, String> map(DataInputStream in) throws IOException {
        int size = in.readInt();
        Map<String, String> out = new TreeMap<>();
        for (int i = 0; i < size; i++) {
            out.put(string(in), string(in));
        }
        return out;
    }

    /** A map of counts, in key order. */
    static void counts(DataOutputStream out, TreeMap<String, Long> values) throws IOException {
        out.writeInt(values.size());
        for (Map.Entry<String, Long> entry : values.entrySet()) {
            string(out, entry.getKey());
            out.writeLong(entry.getValue());
        }
    }

    static TreeMap<String, Long> counts(DataInputStream in) throws IOException {
        int size = in.readInt();
        TreeMap<String, Long> out = new TreeMap<>();
        for (int i = 0; i < size; i++) {
            out.put(string(in), in.readLong());
        }
        return out;
    }
}
