package io.tripline.enrich.topology;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.tripline.core.dlq.DeadLetters;
import io.tripline.core.topic.Topics;
import io.tripline.schema.v1.DeadLetter;

/**
 * Sends a record whose processing throws (e.g. a decoded finding whose embedded JSON is corrupt) to
 * {@code tripline.dlq} with the failing node as stage, its topic, partition, offset, original bytes and
 * the reason, and goes on. Without it the exception kills the stream thread, the replacement thread
 * reads the same record again, and the application is stuck on it forever.
 */
public final class DeadLetterHandler implements ProcessingExceptionHandler {

    /** The (prefixed) DLQ topic. */
    static final String TOPIC = "tripline.enrich.dlq.topic";
    /** Prefix of the Avro serde settings used to write the envelopes. */
    static final String SERDE_PREFIX = "tripline.enrich.dlq.serde.";

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterHandler.class);

    private String topic;
    private Serializer<DeadLetter> serializer;

    /** The Streams settings that configure this handler for {@code settings}' DLQ topic and registry. */
    static Map<String, Object> settings(EnrichSettings settings) {
        Map<String, Object> out = new HashMap<>();
        out.put(org.apache.kafka.streams.StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.class);
        out.put(TOPIC, settings.topic(Topics.DLQ));
        settings.serdeSettings().forEach((key, value) -> out.put(SERDE_PREFIX + key, value));
        return out;
    }

    @Override
    public void configure(Map<String, ?> configs) {
        topic = (String) configs.get(TOPIC);
        Map<String, Object> serde = new HashMap<>();
        configs.forEach((key, value) -> {
            if (key.startsWith(SERDE_PREFIX)) {
                serde.put(key.substring(SERDE_PREFIX.length()), value);
            }
        });
        if (topic == null || serde.isEmpty()) {
            throw new IllegalStateException("DeadLetterHandler needs " + TOPIC + " and " + SERDE_PREFIX + "* settings; "
                    + "use EnrichTopology.config(settings, ...)");
        }
        serializer = Topics.DLQ.valueSerde(serde).serializer();
    }

    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        String stage = "enrich." + context.processorNodeId();
        LOG.warn("record {}-{}@{} failed in {}, sent to the DLQ: {}", context.topic(), context.partition(), context.offset(),
                stage, exception.toString());
        // the failure time is the record's own timestamp, not the wall clock: replays stay byte-identical
        DeadLetter letter = new DeadLetters(Clock.fixed(Instant.ofEpochMilli(context.timestamp()), ZoneOffset.UTC))
                .builder(stage)
                .topic(context.topic())
                .partition(context.partition())
                .offset(context.offset())
                .key(context.sourceRawKey())
                .value(context.sourceRawValue())
                .headers(context.headers())
                .error(exception)
                .build();
        byte[] value = serializer.serialize(topic, letter);
        return Response.resume(List.of(new ProducerRecord<>(topic, null, context.timestamp(), context.sourceRawKey(), value)));
    }
}
