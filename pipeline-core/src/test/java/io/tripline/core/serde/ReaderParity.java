package io.tripline.core.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.common.errors.SerializationException;

import io.tripline.core.registry.InMemorySchemaRegistry;

/**
 * Deserializes the same wire-format bytes with a compiled-reading {@link AvroDeserializer} and one that reads
 * with Avro's SpecificDatumReader only (the path before compiled readers), and fails unless both give equal
 * records made of the same Java classes (lists, maps, strings, Instants, enums, all the way down) or both
 * refuse the bytes with a SerializationException.
 */
final class ReaderParity<T> {

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    private final AvroSerializer<IndexedRecord> serializer = new AvroSerializer<>(new SerdeConfig(registry, true), false);
    private final AvroDeserializer<T> compiled;
    private final AvroDeserializer<T> avro;
    private int read;
    private int refused;

    @SuppressWarnings({"unchecked", "rawtypes"})
    ReaderParity(Class<?> type) {
        SerdeConfig config = new SerdeConfig(registry, true);
        this.compiled = new AvroDeserializer<>((Class) type, config, true);
        this.avro = new AvroDeserializer<>((Class) type, config, false);
    }

    /** The record in the wire format, its schema registered on {@code topic}. */
    byte[] serialize(String topic, IndexedRecord record) {
        return serializer.serialize(topic, record);
    }

    /**
     * The record in the wire format with its arrays and maps written as Avro's BlockingBinaryEncoder writes them,
     * in blocks of a negative item count followed by their byte size, which a reader must accept too.
     */
    byte[] serializeBlocked(String topic, IndexedRecord record) {
        byte[] header = Arrays.copyOf(serialize(topic, record), WireFormat.HEADER_SIZE);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(header);
        try {
            BinaryEncoder encoder = EncoderFactory.get().blockingBinaryEncoder(out, null);
            new SpecificDatumWriter<>(record.getSchema(), SpecificData.getForSchema(record.getSchema())).write(record, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    AvroDeserializer<T> compiled() {
        return compiled;
    }

    /** Fails with {@code what} unless both deserializers agree on {@code bytes}; returns the record, or null. */
    T check(byte[] bytes, String what) {
        Object expected;
        Object actual;
        try {
            expected = avro.deserialize("t", bytes);
        } catch (SerializationException e) {
            expected = e;
        }
        try {
            actual = compiled.deserialize("t", bytes);
        } catch (SerializationException e) {
            actual = e;
        } catch (RuntimeException | Error e) {
            throw new AssertionError(what + ": the compiled reader threw " + e + " instead of a SerializationException", e);
        }
        if (expected instanceof SerializationException) {
            assertThat(actual).as("%s: Avro's reader refused it (%s) but the compiled reader read it", what, expected)
                    .isInstanceOf(SerializationException.class);
            refused++;
            return null;
        }
        if (actual instanceof SerializationException e) {
            fail("%s: Avro's reader read it but the compiled reader refused it: %s", what, e.getMessage());
        }
        assertThat(actual).as(what).isEqualTo(expected);
        sameClasses(expected, actual, what);
        read++;
        @SuppressWarnings("unchecked")
        T record = (T) actual;
        return record;
    }

    int read() {
        return read;
    }

    int refused() {
        return refused;
    }

    private static void sameClasses(Object expected, Object actual, String path) {
        if (expected == null || actual == null) {
            assertThat(actual).as(path).isEqualTo(expected);
            return;
        }
        assertThat(actual.getClass()).as("class at %s", path).isEqualTo(expected.getClass());
        if (expected instanceof IndexedRecord record) {
            IndexedRecord other = (IndexedRecord) actual;
            record.getSchema().getFields().forEach(f -> sameClasses(record.get(f.pos()), other.get(f.pos()), path + "." + f.name()));
        } else if (expected instanceof Collection<?> items) {
            Iterator<?> others = ((Collection<?>) actual).iterator();
            int i = 0;
            for (Object item : items) {
                sameClasses(item, others.next(), path + "[" + i++ + "]");
            }
        } else if (expected instanceof Map<?, ?> map) {
            Map<?, ?> other = (Map<?, ?>) actual;
            assertThat(classes(other.keySet())).as("key classes at %s", path).isEqualTo(classes(map.keySet()));
            map.forEach((k, v) -> sameClasses(v, other.get(k), path + "[\"" + k + "\"]"));
        }
    }

    private static Set<Class<?>> classes(Collection<?> values) {
        return values.stream().map(Object::getClass).collect(Collectors.toSet());
    }
}
