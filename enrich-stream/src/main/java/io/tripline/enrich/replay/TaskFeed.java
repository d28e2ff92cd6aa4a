package io.tripline.enrich.replay;

import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.processor.internals.StreamTask;

/**
 * Runs the topology on the stream task a {@link TopologyTestDriver} set up — the same task, processor
 * graph, state stores, record collector and exception handlers — but feeds that task directly. Per record
 * it does what the driver does that can change the output: enqueue the record on its partition at the
 * next offset, process while the task has processable records, punctuate on stream time, and re-enqueue
 * what the topology sent to its repartition topics before going on. It leaves out what cannot: matching
 * the topic name against every source topic compiled as a regex (for inputs and for each output record),
 * a commit per record (no cache is configured, so a commit never releases output), and queueing every
 * output record per topic; the topology's output goes straight to the {@link ReplayOutput}.
 * <p>
 * The driver keeps the task, its producer and its partitions in non-public fields; they are read once,
 * and a Kafka Streams upgrade that renames them fails here with the field's name (and
 * {@code ReplayEngineTest} compares this feed's output with the driver's own).
 */
final class TaskFeed implements TopologyFeed {

    private final TopologyTestDriver driver;
    private final ReplayOutput output;
    private final long wallClock;
    private final StreamTask task;
    private final MockProducer<byte[], byte[]> producer;
    private final Map<String, TopicPartition> partitions;
    private final Map<TopicPartition, long[]> offsets = new HashMap<>();

    @SuppressWarnings("unchecked")
    TaskFeed(TopologyTestDriver driver, ReplayOutput output, long wallClock) {
        this.driver = driver;
        this.output = output;
        this.wallClock = wallClock;
        this.task = (StreamTask) field(driver, "task");
        this.producer = (MockProducer<byte[], byte[]>) field(driver, "producer");
        this.partitions = Map.copyOf((Map<String, TopicPartition>) field(driver, "partitionsByInputTopic"));
        if (task == null) {
            throw new IllegalStateException("the topology has no stream task to run");
        }
        partitions.values().forEach(partition -> offsets.put(partition, new long[1]));
    }

    @Override
    public void pipe(String topic, String key, byte[] value, long timestamp) {
        TopicPartition partition = partitions.get(topic);
        if (partition == null) {
            throw new IllegalArgumentException("topic " + topic + " is not a source topic of the topology");
        }
        enqueue(partition, timestamp, key == null ? null : key.getBytes(StandardCharsets.UTF_8), value, new RecordHeaders());
        capture();
        while (task.hasRecordsQueued() && task.isProcessable(wallClock)) {
            task.process(wallClock);
            task.maybePunctuateStreamTime();
            capture();
        }
    }

    @Override
    public void drain() {
        // output is handed over as it is produced
    }

    @Override
    public void close() {
        driver.close();
    }

    private void enqueue(TopicPartition partition, long timestamp, byte[] key, byte[] value, Headers headers) {
        long offset = offsets.get(partition)[0]++;
        task.addRecords(partition, Collections.singleton(new ConsumerRecord<>(partition.topic(), partition.partition(),
                offset, timestamp, TimestampType.CREATE_TIME, key == null ? -1 : key.length,
                value == null ? -1 : value.length, key, value, headers, Optional.empty())));
    }

    /** Moves what the topology produced: repartitioned records back into the task, the rest to the output. */
    private void capture() {
        List<ProducerRecord<byte[], byte[]>> sent = producer.history();
        if (sent.isEmpty()) {
            return;
        }
        producer.clear();
        for (ProducerRecord<byte[], byte[]> record : sent) {
            TopicPartition partition = partitions.get(record.topic());
            if (partition != null) {
                enqueue(partition, record.timestamp(), record.key(), record.value(), record.headers());
            } else {
                output.accept(record.topic(), record.key(), record.value());
            }
        }
    }

    private static Object field(TopologyTestDriver driver, String name) {
        try {
            Field field = TopologyTestDriver.class.getDeclaredField(name);
            field.setAccessible(true);
            return field.get(driver);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot reach TopologyTestDriver." + name
                    + " (has the Kafka Streams version changed?)", e);
        }
    }
}
