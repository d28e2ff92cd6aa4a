package io.tripline.ingest.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;

import io.tripline.core.topic.Topics;
import io.tripline.schema.v1.IngestCursor;

/**
 * Reads every committed cursor back from the compacted cursor topic at start, with
 * {@code isolation.level=read_committed}: a cursor from an aborted transaction must never be resumed
 * from, or its records would be skipped.
 */
public final class CursorStore {

    private CursorStore() {
    }

    /** The latest committed cursor per key {@code source/account/region}. */
    public static Map<String, IngestCursor> readAll(Map<String, Object> kafkaSettings, String prefix, Duration timeout) {
        String topic = (prefix == null ? "" : prefix) + Topics.INGEST_CURSORS.name();
        Map<String, Object> config = new HashMap<>(kafkaSettings);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "tripline-ingest-cursors-" + UUID.randomUUID());
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, org.apache.kafka.common.serialization.ByteArrayDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, org.apache.kafka.common.serialization.ByteArrayDeserializer.class);
        Deserializer<String> keys = Topics.INGEST_CURSORS.keySerde(kafkaSettings).deserializer();
        Deserializer<IngestCursor> values = Topics.INGEST_CURSORS.valueSerde(kafkaSettings).deserializer();
        Map<String, IngestCursor> cursors = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo info : consumer.partitionsFor(topic, timeout)) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            // under read_committed, end offsets are the last stable offsets: everything committed so far
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!caughtUp(consumer, end)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read cursors from " + topic + " within " + timeout);
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    String key = keys.deserialize(topic, record.key());
                    if (record.value() == null) {
                        cursors.remove(key);
                    } else {
                        cursors.put(key, values.deserialize(topic, record.value()));
                    }
                }
            }
        }
        return cursors;
    }

    private static boolean caughtUp(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }
}
