package io.tripline.core.topic;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.apache.kafka.common.serialization.Serde;

import io.tripline.core.serde.SerdeFactory;

/**
 * One Kafka topic and everything needed to use it: name, key and value serdes, partitions, cleanup
 * policy and retention. Declared once in {@link Topics}; code never spells a topic name.
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class Topic<K, V> {

    /** Kafka's cleanup.policy values. */
    public enum Cleanup {
        DELETE("delete"), COMPACT("compact"), COMPACT_DELETE("compact,delete");

        private final String value;

        Cleanup(String value) {
            this.value = value;
        }

        public String value() {
            return value;
        }
    }

    private final String name;
    private final SerdeFactory<K> keySerde;
    private final SerdeFactory<V> valueSerde;
    private final int partitions;
    private final Cleanup cleanup;
    private final Duration retention;
    private final String description;

    Topic(String name, SerdeFactory<K> keySerde, SerdeFactory<V> valueSerde, int partitions, Cleanup cleanup,
          Duration retention, String description) {
        this.name = Objects.requireNonNull(name);
        this.keySerde = Objects.requireNonNull(keySerde);
        this.valueSerde = Objects.requireNonNull(valueSerde);
        this.partitions = partitions;
        this.cleanup = cleanup;
        this.retention = retention;
        this.description = description;
    }

    public String name() {
        return name;
    }

    public int partitions() {
        return partitions;
    }

    public Cleanup cleanup() {
        return cleanup;
    }

    /** Retention of a deleting topic; null means forever (compacted topics keep the latest value per key). */
    public Duration retention() {
        return retention;
    }

    public String description() {
        return description;
    }

    /** The key serde, configured for {@code settings} (registry URL, auto-register, ...). */
    public Serde<K> keySerde(Map<String, ?> settings) {
        return keySerde.create(settings, true);
    }

    /** The value serde, configured for {@code settings} (registry URL, auto-register, ...). */
    public Serde<V> valueSerde(Map<String, ?> settings) {
        return valueSerde.create(settings, false);
    }

    /** The topic-level configs to create it with. */
    public Map<String, String> configs() {
        Map<String, String> configs = new LinkedHashMap<>();
        configs.put("cleanup.policy", cleanup.value());
        configs.put("retention.ms", retention == null ? "-1" : String.valueOf(retention.toMillis()));
        return configs;
    }

    @Override
    public String toString() {
        return name;
    }
}
