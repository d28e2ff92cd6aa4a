package io.tripline.core.serde;

import java.io.IOException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

import io.tripline.core.registry.RegistryException;

/**
 * Writes SpecificRecords or GenericRecords in the Confluent wire format under the TopicNameStrategy
 * subject ({@code <topic>-value} or {@code <topic>-key}), registering the schema on first use unless
 * {@code auto.register.schemas=false}. SpecificRecords are written by a {@link CompiledWriter} for their schema
 * (the bytes of Avro's SpecificDatumWriter, faster); GenericRecords by Avro's GenericDatumWriter.
 *
 * @param <T> record type
 */
public final class AvroSerializer<T extends GenericContainer> implements Serializer<T> {

    private static final ThreadLocal<RecordBuffer> BUFFER = ThreadLocal.withInitial(RecordBuffer::new);

    private SerdeConfig config;
    private boolean isKey;
    // Schema id and writer by subject and schema instance: generated classes share one Schema object, so the
    // hot path is two lookups, with no Schema.toString() and no writer (whose model is found by reflection) per
    // record.
    private final Map<String, Map<Schema, Registered<T>>> registered = new ConcurrentHashMap<>();

    public AvroSerializer() {
    }

    public AvroSerializer(SerdeConfig config, boolean isKey) {
        this.config = config;
        this.isKey = isKey;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        this.config = SerdeConfig.from(configs);
        this.isKey = isKey;
    }

    @Override
    public byte[] serialize(String topic, T record) {
        if (record == null) {
            return null;
        }
        if (config == null) {
            throw new SerializationException("AvroSerializer used before configure()");
        }
        Schema schema = record.getSchema();
        String subject = Subjects.topicName(topic, isKey);
        Map<Schema, Registered<T>> bySchema = registered.computeIfAbsent(subject,
                k -> Collections.synchronizedMap(new IdentityHashMap<>()));
        Registered<T> known = bySchema.get(schema);
        if (known == null) {
            int id;
            try {
                id = config.autoRegister() ? config.client().register(subject, schema) : config.client().idOf(subject, schema);
            } catch (RegistryException e) {
                throw new SerializationException("could not get a schema id for subject " + subject + ": " + e.getMessage(), e);
            }
            known = new Registered<>(WireFormat.header(id), writer(record, schema));
            bySchema.put(schema, known);
        }
        // The thread's buffer and encoder are reused: Kafka Streams shares one serializer between its stream threads.
        RecordBuffer buffer = BUFFER.get();
        try {
            BinaryEncoder encoder = buffer.start(known.header());
            known.writer().write(record, encoder);
            encoder.flush();
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("could not encode " + schema.getFullName() + " for " + topic + ": " + e, e);
        }
        return buffer.toByteArray();
    }

    /** What serializing a schema on a subject needs: the wire-format header with its id, and its writer. */
    private record Registered<T>(byte[] header, DatumWriter<T> writer) {
    }

    @SuppressWarnings("unchecked")
    private DatumWriter<T> writer(T record, Schema schema) {
        if (record instanceof SpecificRecord) {
            // The generated class's model carries its logical-type conversions (timestamp-millis <-> Instant). The
            // compiled writer writes what SpecificDatumWriter would, without its per-field lookups and dispatch.
            return CompiledWriter.of(schema, SpecificData.getForSchema(schema));
        }
        return new GenericDatumWriter<>(schema, GenericData.get());
    }
}
