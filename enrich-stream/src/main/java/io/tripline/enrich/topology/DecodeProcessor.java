package io.tripline.enrich.topology;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.function.Function;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

import io.tripline.core.dlq.DeadLetters;

/**
 * Deserializes raw bytes inside the topology, so a record that is not valid Avro in the Confluent wire
 * format (or fails to decode) becomes a dead letter with its topic, partition, offset and the reason,
 * produced in the same transaction as everything else, and processing goes on. A decoded record is
 * forwarded with its event time as timestamp (finding updatedAt, CloudTrail eventTime) rather than the
 * time ingest wrote it, so stream time downstream, and with it every window, grace, open delay and quiet
 * period, runs on event time whenever and however fast the records arrive (docs/scoring.md).
 *
 * @param <V> value type
 */
final class DecodeProcessor<V> implements Processor<String, byte[], String, Decoded<V>> {

    private final Deserializer<V> deserializer;
    private final String stage;
    private final Function<V, Instant> eventTime;
    private ProcessorContext<String, Decoded<V>> context;

    DecodeProcessor(Deserializer<V> deserializer, String stage, Function<V, Instant> eventTime) {
        this.deserializer = deserializer;
        this.stage = stage;
        this.eventTime = eventTime;
    }

    @Override
    public void init(ProcessorContext<String, Decoded<V>> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, byte[]> record) {
        RecordMetadata metadata = context.recordMetadata().orElse(null);
        String topic = metadata == null ? "unknown" : metadata.topic();
        V value;
        long time;
        try {
            value = deserializer.deserialize(topic, record.value());
            if (value == null) {
                return; // a tombstone on a raw topic carries nothing to enrich
            }
            time = EventTimes.timestamp(eventTime.apply(value));
        } catch (RuntimeException e) {
            byte[] key = record.key() == null ? null : record.key().getBytes(StandardCharsets.UTF_8);
            ConsumerRecord<byte[], byte[]> original = new ConsumerRecord<>(topic,
                    metadata == null ? -1 : metadata.partition(), metadata == null ? -1 : metadata.offset(),
                    record.timestamp(), TimestampType.CREATE_TIME, -1, -1, key, record.value(), record.headers(),
                    java.util.Optional.empty());
            // The failure time is the record's own timestamp, not the wall clock: replays stay byte-identical.
            DeadLetters letters = new DeadLetters(Clock.fixed(Instant.ofEpochMilli(record.timestamp()), ZoneOffset.UTC));
            context.forward(record.withValue(Decoded.failed(key, letters.fromRecord(original, stage, e))));
            return;
        }
        // outside the try: a failure further down is not a decoding failure (DeadLetterHandler names its node)
        context.forward(record.withValue(Decoded.ok(value)).withTimestamp(time));
    }
}
