package io.tripline.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.Function;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;

import io.tripline.core.serde.SerdeConfig;
import io.tripline.core.topic.Topic;

/**
 * Reads one topic from the beginning with {@code isolation.level=read_committed} (what a downstream
 * consumer sees: nothing from aborted transactions) and keeps counting as more is committed. Every
 * record is counted by key and by "occurrence": the key plus what makes one version distinct on that
 * topic ({@code version} function), so an occurrence seen twice is a duplicate.
 *
 * @param <V> the topic's value type
 */
final class TopicTally<V> implements AutoCloseable {

    private final Topic<String, V> topic;
    private final Function<V, String> version;
    private final BiConsumer<String, V> listener;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Deserializer<String> keys;
    private final Deserializer<V> values;
    private final Map<String, Integer> byKey = new HashMap<>();
    private final Map<String, Integer> byOccurrence = new HashMap<>();
    private long records;

    /** {@code listener} sees every record read, in offset order per partition. */
    TopicTally(Topic<String, V> topic, String bootstrap, String registryUrl, Function<V, String> version,
               BiConsumer<String, V> listener) {
        this.topic = topic;
        this.version = version;
        this.listener = listener;
        Map<String, Object> serde = Map.of(SerdeConfig.URL, registryUrl);
        this.keys = topic.keySerde(serde).deserializer();
        this.values = topic.valueSerde(serde).deserializer();
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "faults-tally-" + UUID.randomUUID());
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        this.consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (PartitionInfo info : consumer.partitionsFor(topic.name(), Duration.ofSeconds(30))) {
            partitions.add(new TopicPartition(topic.name(), info.partition()));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /**
     * Reads everything committed so far (up to the last stable offsets when called). A broker that is
     * away for a moment (restarting) makes this return early; the next call goes on where it stopped.
     */
    void catchUp() {
        try {
            Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment(), Duration.ofSeconds(10));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!reached(end) && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    count(record);
                }
            }
        } catch (TimeoutException brokerAway) {
            // counted so far stays counted; the caller polls again
        }
    }

    private boolean reached(Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey(), Duration.ofSeconds(10)) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    private void count(ConsumerRecord<byte[], byte[]> record) {
        records++;
        String key = keys.deserialize(topic.name(), record.key());
        V value = values.deserialize(topic.name(), record.value());
        byKey.merge(key, 1, Integer::sum);
        byOccurrence.merge(key + "\u0000" + version.apply(value), 1, Integer::sum);
        listener.accept(key, value);
    }

    String name() {
        return topic.name();
    }

    long records() {
        return records;
    }

    Set<String> keys() {
        return byKey.keySet();
    }

    /** Expected keys never seen. */
    long lost(Set<String> expected) {
        return expected.stream().filter(k -> !byKey.containsKey(k)).count();
    }

    /** Occurrences (key + version) seen more than once, counting each extra copy. */
    long duplicated() {
        return byOccurrence.values().stream().filter(n -> n > 1).mapToLong(n -> n - 1).sum();
    }

    /** A few duplicated occurrences, for the failure message. */
    List<String> duplicateSamples() {
        return byOccurrence.entrySet().stream().filter(e -> e.getValue() > 1).limit(5)
                .map(e -> e.getKey().replace('\u0000', '@') + " x" + e.getValue()).toList();
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
