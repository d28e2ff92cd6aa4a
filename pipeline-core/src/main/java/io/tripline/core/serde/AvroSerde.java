package io.tripline.core.serde;

import java.util.Map;

import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Confluent-wire Avro serde for Kafka clients and Kafka Streams: {@link AvroSerializer} plus
 * {@link AvroDeserializer}, configured together.
 *
 * @param <T> record type
 */
public final class AvroSerde<T extends GenericContainer> implements Serde<T> {

    private final AvroSerializer<T> serializer = new AvroSerializer<>();
    private final AvroDeserializer<T> deserializer;

    private AvroSerde(Class<? extends SpecificRecord> type) {
        this.deserializer = new AvroDeserializer<>(type, null);
    }

    public static <T extends SpecificRecord> AvroSerde<T> specific(Class<T> type) {
        @SuppressWarnings({"unchecked", "rawtypes"})
        AvroSerde<T> serde = new AvroSerde(type);
        return serde;
    }

    public static AvroSerde<GenericRecord> generic() {
        return new AvroSerde<>(null);
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        serializer.configure(configs, isKey);
        deserializer.configure(configs, isKey);
    }

    @Override
    public Serializer<T> serializer() {
        return serializer;
    }

    @Override
    public Deserializer<T> deserializer() {
        return deserializer;
    }
}
