package io.tripline.core.serde;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

import io.tripline.core.registry.RegistryException;

/**
 * Reads the Confluent wire format. With a SpecificRecord class, data written with any registered
 * writer schema is resolved to the class's schema (Avro schema resolution, so older and newer writers
 * both read); without one, it yields GenericRecords in the writer's schema. Bytes that are not in the
 * format, name an unknown schema id, or do not decode raise a {@link SerializationException} whose
 * message says what was found.
 *
 * <p>Data written with exactly the class's own schema (the same parsing canonical form, so the same bytes for
 * the same record), which is what Tripline's services write, is read by a {@link CompiledReader}, which gives
 * equal records faster; that is decided once per schema id. Any other writer schema needs resolution and is read
 * by Avro's SpecificDatumReader.
 *
 * @param <T> record type
 */
public final class AvroDeserializer<T> implements Deserializer<T> {

    private final Class<? extends SpecificRecord> type;
    private final boolean compiledReads;
    private final Map<Integer, BodyReader<T>> readers = new ConcurrentHashMap<>();
    private SerdeConfig config;

    /** A GenericRecord deserializer. */
    public AvroDeserializer() {
        this(null, null);
    }

    public AvroDeserializer(Class<? extends SpecificRecord> type, SerdeConfig config) {
        this(type, config, true);
    }

    /** With {@code compiledReads} false, every record is read by Avro's reader, as before compiled readers. */
    AvroDeserializer(Class<? extends SpecificRecord> type, SerdeConfig config, boolean compiledReads) {
        this.type = type;
        this.config = config;
        this.compiledReads = compiledReads;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        this.config = SerdeConfig.from(configs);
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        if (config == null) {
            throw new SerializationException("AvroDeserializer used before configure()");
        }
        ByteBuffer buffer = ByteBuffer.wrap(data);
        int id = WireFormat.readSchemaId(topic, buffer);
        BodyReader<T> reader = reader(topic, id);
        try {
            T value = reader.read(data, buffer.position(), buffer.remaining());
            if (value == null) {
                throw new SerializationException("Avro body on " + topic + " with schema id " + id
                        + " has trailing bytes after the record");
            }
            return value;
        } catch (IOException | RuntimeException e) {
            if (e instanceof SerializationException se) {
                throw se;
            }
            throw new SerializationException("could not decode Avro on " + topic + " with writer schema id " + id + ": " + e, e);
        }
    }

    /** Whether records written with schema {@code id} are read by a {@link CompiledReader} (once one was read). */
    boolean readsCompiled(int id) {
        return readers.get(id) instanceof Compiled<T>;
    }

    /** The record in a body, or null when bytes are left after it. */
    private interface BodyReader<T> {
        T read(byte[] data, int offset, int length) throws IOException;
    }

    private record Compiled<T>(CompiledReader<T> reader) implements BodyReader<T> {
        @Override
        public T read(byte[] data, int offset, int length) {
            return reader.read(data, offset, length);
        }
    }

    private record Avro<T>(DatumReader<T> reader) implements BodyReader<T> {
        @Override
        public T read(byte[] data, int offset, int length) throws IOException {
            BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(data, offset, length, null);
            T value = reader.read(null, decoder);
            return decoder.isEnd() ? value : null;
        }
    }

    private BodyReader<T> reader(String topic, int id) {
        BodyReader<T> cached = readers.get(id);
        if (cached != null) {
            return cached;
        }
        Schema writer;
        try {
            writer = config.client().schemaById(id);
        } catch (RegistryException e) {
            throw new SerializationException("unknown schema id " + id + " on " + topic + ": " + e.getMessage(), e);
        }
        BodyReader<T> reader;
        if (type == null) {
            reader = new Avro<>(new GenericDatumReader<>(writer, writer, GenericData.get()));
        } else {
            SpecificData model = SpecificData.getForClass(type);
            Schema readerSchema = model.getSchema(type);
            CompiledReader<T> compiled = compiledReads && sameParsingForm(writer, readerSchema) ? CompiledReader.of(readerSchema, model) : null;
            reader = compiled != null ? new Compiled<>(compiled) : new Avro<>(new SpecificDatumReader<>(writer, readerSchema, model));
        }
        readers.put(id, reader);
        return reader;
    }

    /**
     * Whether data written with {@code writer} reads into {@code reader} without resolution: the parsing canonical
     * form keeps names, field order, types and enum symbols, everything the bytes depend on, and drops only what
     * resolution against the reader's own schema ignores (docs, defaults, aliases, Java and logical-type hints).
     */
    private static boolean sameParsingForm(Schema writer, Schema reader) {
        return writer == reader || SchemaNormalization.toParsingForm(writer).equals(SchemaNormalization.toParsingForm(reader));
    }
}
