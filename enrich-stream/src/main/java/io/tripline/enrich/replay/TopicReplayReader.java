package io.tripline.enrich.replay;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;

import io.tripline.core.normalize.SourceKind;
import io.tripline.core.registry.RegistryException;
import io.tripline.core.serde.SerdeConfig;
import io.tripline.core.topic.Topic;
import io.tripline.core.topic.Topics;

/**
 * Reads the raw topics for a {@link TopicQuery}: per partition, from the first offset stamped at or after
 * {@code from} ({@code offsetsForTimes}) up to the end offset captured at start — or earlier, the first
 * offset stamped after {@code to + maxLateness} — with {@code read_committed}, so aborted ingest
 * transactions are never replayed. Values are decoded with the Avro serde against the registry; records
 * whose event time is outside [from, to) or that the filter rejects are dropped; what cannot be decoded
 * is reported as topic-partition@offset with the reason and never stops the read.
 */
public final class TopicReplayReader implements ReplayInput {

    /** Progress of the read, in offsets. */
    public interface Progress {
        void read(long done, long total);
    }

    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration STALL = Duration.ofSeconds(60);

    private final TopicQuery query;
    private final List<ReplayRecord> records = new ArrayList<>();
    private final List<Unparseable> unparseable = new ArrayList<>();
    private long valuesRead;
    private long outOfRange;
    private long filteredOut;

    public TopicReplayReader(TopicQuery query) {
        this.query = query;
    }

    /**
     * Reads the range; throws {@link KafkaException} (or {@link IllegalStateException} naming a missing
     * topic or a stalled read) when the cluster cannot be read.
     */
    public TopicReplayReader read(Progress progress) {
        Map<String, Object> config = new HashMap<>(query.clientConfig());
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, query.bootstrapServers());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "tripline-replay");
        config.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG); // assigned partitions, no group, nothing committed
        Map<String, Object> serde = new HashMap<>(query.clientConfig());
        serde.put(SerdeConfig.URL, query.schemaRegistryUrl());
        Map<String, Decoder> decoders = new LinkedHashMap<>();
        decoders.put(query.topic(Topics.RAW_GUARDDUTY), new Decoder(SourceKind.GUARDDUTY,
                Topics.RAW_GUARDDUTY.valueSerde(serde).deserializer()));
        decoders.put(query.topic(Topics.RAW_SECURITYHUB), new Decoder(SourceKind.SECURITYHUB,
                Topics.RAW_SECURITYHUB.valueSerde(serde).deserializer()));
        decoders.put(query.topic(Topics.RAW_CLOUDTRAIL), new Decoder(SourceKind.CLOUDTRAIL,
                Topics.RAW_CLOUDTRAIL.valueSerde(serde).deserializer()));

        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            Map<TopicPartition, Long> stop = new HashMap<>();
            Map<TopicPartition, Long> start = range(consumer, stop);
            long total = 0;
            for (Map.Entry<TopicPartition, Long> entry : start.entrySet()) {
                total += Math.max(0, stop.get(entry.getKey()) - entry.getValue());
            }
            Set<TopicPartition> open = new HashSet<>();
            start.forEach((partition, offset) -> {
                if (offset < stop.get(partition)) {
                    open.add(partition);
                }
            });
            consumer.assign(open);
            open.forEach(partition -> consumer.seek(partition, start.get(partition)));
            long lastProgress = System.nanoTime();
            long done = 0;
            while (!open.isEmpty()) {
                long before = done;
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    if (record.offset() < stop.get(partition)) {
                        accept(record, decoders.get(record.topic()));
                        done++;
                    }
                }
                for (TopicPartition partition : List.copyOf(open)) {
                    // Positions pass transaction markers too, so this ends even when the last offsets are markers.
                    if (consumer.position(partition) >= stop.get(partition)) {
                        open.remove(partition);
                    }
                }
                consumer.assign(open);
                if (progress != null) {
                    progress.read(done, total);
                }
                if (done > before || open.isEmpty()) {
                    lastProgress = System.nanoTime();
                } else if (System.nanoTime() - lastProgress > STALL.toNanos()) {
                    throw new IllegalStateException("no progress reading " + open + " for " + STALL.toSeconds() + " s");
                }
            }
        }
        records.sort(ReplayRecord.ORDER);
        return this;
    }

    @Override
    public List<ReplayRecord> records() {
        return records;
    }

    @Override
    public List<Unparseable> unparseable() {
        return unparseable;
    }

    @Override
    public long valuesRead() {
        return valuesRead;
    }

    /** Values read whose event time is outside [from, to). */
    public long outOfRange() {
        return outOfRange;
    }

    /** Values in range that the filter rejected. */
    public long filteredOut() {
        return filteredOut;
    }

    /** Start offsets per partition; fills {@code stop} with the offset each partition is read up to (exclusive). */
    private Map<TopicPartition, Long> range(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> stop) {
        Map<String, List<PartitionInfo>> existing = consumer.listTopics();
        List<TopicPartition> partitions = new ArrayList<>();
        for (Topic<?, ?> topic : TopicQuery.RAW_TOPICS) {
            String name = query.topic(topic);
            List<PartitionInfo> infos = existing.get(name);
            if (infos == null || infos.isEmpty()) {
                throw new IllegalStateException("topic " + name + " not found on " + query.bootstrapServers());
            }
            infos.forEach(info -> partitions.add(new TopicPartition(info.topic(), info.partition())));
        }
        // Captured once: records written while the replay runs are not part of it. With read_committed
        // these are the last stable offsets, so an open ingest transaction is not waited for.
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        Map<TopicPartition, Long> from = timesToOffsets(consumer, partitions, query.from().toEpochMilli(), end);
        long until = query.to().plus(query.maxLateness()).toEpochMilli();
        Map<TopicPartition, Long> to = timesToOffsets(consumer, partitions, until, end);
        Map<TopicPartition, Long> start = new LinkedHashMap<>();
        for (TopicPartition partition : partitions) {
            long last = Math.min(end.get(partition), to.get(partition));
            stop.put(partition, last);
            start.put(partition, Math.min(from.get(partition), last));
        }
        return start;
    }

    private static Map<TopicPartition, Long> timesToOffsets(KafkaConsumer<byte[], byte[]> consumer,
                                                            List<TopicPartition> partitions, long timestamp,
                                                            Map<TopicPartition, Long> end) {
        Map<TopicPartition, Long> query = new HashMap<>();
        partitions.forEach(p -> query.put(p, timestamp));
        Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query);
        Map<TopicPartition, Long> offsets = new HashMap<>();
        for (TopicPartition partition : partitions) {
            OffsetAndTimestamp hit = found.get(partition);
            // No record stamped at or after the time: the partition's range starts (or ends) at its end.
            offsets.put(partition, hit == null ? end.get(partition) : hit.offset());
        }
        return offsets;
    }

    private void accept(ConsumerRecord<byte[], byte[]> record, Decoder decoder) {
        if (record.value() == null) {
            return; // a tombstone carries nothing to replay
        }
        valuesRead++;
        SpecificRecord value;
        try {
            value = decoder.deserializer().deserialize(record.topic(), record.value());
        } catch (RuntimeException e) {
            if (e.getCause() instanceof RegistryException registry && registry.status() == 0) {
                // Not this record's fault: without the registry no record decodes, so the replay cannot go on.
                throw new IllegalStateException("schema registry " + query.schemaRegistryUrl() + " unreachable: "
                        + registry.getMessage(), registry);
            }
            unparseable.add(new Unparseable(record.topic() + "-" + record.partition() + "@" + record.offset(),
                    String.valueOf(e.getMessage())));
            return;
        }
        ReplayRecord replay = ReplayRecord.of(decoder.kind(), value);
        if (replay.eventTime().isBefore(query.from()) || !replay.eventTime().isBefore(query.to())) {
            outOfRange++;
        } else if (query.filter().test(replay)) {
            records.add(replay);
        } else {
            filteredOut++;
        }
    }

    private record Decoder(SourceKind kind, Deserializer<? extends SpecificRecord> deserializer) {
    }
}
