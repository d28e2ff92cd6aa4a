package io.tripline.core.serde;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.avro.Schema;
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
 * @param <T> record type
 */
public final class AvroDeserializer<T> implements Deserializer<T> {

    private final Class<? extends SpecificRecord> type;
    private final Map<Integer, DatumReader<T>> readers = new ConcurrentHashMap<>();
    private SerdeConfig config;

    /** A GenericRecord deserializer. */
    public AvroDeserializer() {
        this(null, null);
    }

    public AvroDeserializer(Class<? extends SpecificRecord> type, SerdeConfig config) {
        this.type = type;
        this.config = config;
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
        DatumReader<T> reader = reader(topic, id);
        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(data, buffer.position(), buffer.remaining(), null);
        try {
            T value = reader.read(null, decoder);
            if (!decoder.isEnd()) {
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

    @SuppressWarnings("unchecked")
    private DatumReader<T> reader(String topic, int id) {
        DatumReader<T> cached = readers.get(id);
        if (cached != null) {
            return cached;
        }
        Schema writer;
        try {
            writer = config.client().schemaById(id);
        } catch (RegistryException e) {
            throw new SerializationException("unknown schema id " + id + " on " + topic + ": " + e.getMessage(), e);
        }
        DatumReader<T> reader;
        if (type == null) {
            reader = new GenericDatumReader<>(writer, writer, GenericData.get());
        } else {
            SpecificData model = SpecificData.getForClass(type);
            Schema readerSchema = model.getSchema(type);
            reader = new SpecificDatumReader<>(writer, readerSchema, model);
        }
        readers.put(id, reader);
        return reader;
    }
}
