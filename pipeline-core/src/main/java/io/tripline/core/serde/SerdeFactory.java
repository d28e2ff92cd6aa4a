package io.tripline.core.serde;

import java.util.Map;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Makes a configured serde for a topic's key or value. Avro serdes need the registry settings, which
 * are only known at run time, so topics hold factories rather than serdes.
 *
 * @param <T> the serialized type
 */
@FunctionalInterface
public interface SerdeFactory<T> {

    Serde<T> create(Map<String, ?> settings, boolean isKey);

    static SerdeFactory<String> string() {
        return (settings, isKey) -> Serdes.String();
    }

    static <T> SerdeFactory<T> of(Serde<T> serde) {
        return (settings, isKey) -> serde;
    }

    /** Confluent-wire Avro for a generated SpecificRecord class. */
    static <T extends SpecificRecord> SerdeFactory<T> avro(Class<T> type) {
        return (settings, isKey) -> {
            AvroSerde<T> serde = AvroSerde.specific(type);
            serde.configure(settings, isKey);
            return serde;
        };
    }
}
