package io.tripline.ingest.config;

import java.util.LinkedHashMap;
import java.util.Map;

import io.micronaut.context.annotation.Property;
import io.micronaut.core.convert.format.MapFormat;
import jakarta.inject.Singleton;

/**
 * Raw Kafka client and serde settings, passed through from {@code tripline.ingest.kafka.*} (e.g.
 * {@code bootstrap.servers}, {@code schema.registry.url}, security settings) to every producer,
 * consumer and admin client, like micronaut-kafka does.
 */
@Singleton
public class KafkaSettings {

    public static final String PREFIX = "tripline.ingest.kafka";

    private final Map<String, Object> properties;

    public KafkaSettings(@Property(name = PREFIX) @MapFormat(transformation = MapFormat.MapTransformation.FLAT,
            keyFormat = io.micronaut.core.naming.conventions.StringConvention.RAW) Map<String, Object> properties) {
        this.properties = properties == null ? Map.of() : Map.copyOf(properties);
    }

    /** A mutable copy to add client-specific settings to. */
    public Map<String, Object> copy() {
        Map<String, Object> copy = new LinkedHashMap<>();
        properties.forEach((k, v) -> copy.put(k, v == null ? null : v.toString()));
        return copy;
    }

    public Object get(String key) {
        return properties.get(key);
    }
}
