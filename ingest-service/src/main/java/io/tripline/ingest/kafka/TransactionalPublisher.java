package io.tripline.ingest.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.tripline.core.topic.Topic;
import io.tripline.core.topic.Topics;
import io.tripline.ingest.source.SourceId;
import io.tripline.schema.v1.DeadLetter;

/**
 * The transactional producer of one source: every {@link Batch} — records, dead letters and the new
 * cursor — is committed in one Kafka transaction or not at all. The {@code transactional.id} is fixed per
 * instance and source, so a restarted instance fences its predecessor's open transaction.
 */
public final class TransactionalPublisher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TransactionalPublisher.class);

    private final SourceId source;
    private final String prefix;
    private final CommitHook hook;
    private final Map<String, Object> serdeSettings;
    private final Map<Topic<?, ?>, Serializer<?>[]> serializers = new HashMap<>();
    private final KafkaProducer<byte[], byte[]> producer;

    public TransactionalPublisher(SourceId source, Map<String, Object> kafkaSettings, String transactionalId,
                                  String prefix, CommitHook hook) {
        this.source = source;
        this.prefix = prefix == null ? "" : prefix;
        this.hook = hook;
        this.serdeSettings = new HashMap<>(kafkaSettings);
        Map<String, Object> config = new HashMap<>(kafkaSettings);
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, transactionalId);
        config.putIfAbsent(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, String.valueOf(4 * 1024 * 1024));
        this.producer = new KafkaProducer<>(config);
        // fences any zombie with the same id and aborts its open transaction
        producer.initTransactions();
    }

    /** The prefixed topic name this service writes {@code topic} to. */
    public String topicName(Topic<?, ?> topic) {
        return prefix + topic.name();
    }

    /**
     * Publishes the batch in one transaction. On failure the transaction is aborted and the exception
     * rethrown; the caller keeps its previous cursor, so nothing is skipped.
     */
    public void publish(Batch batch) {
        producer.beginTransaction();
        try {
            for (OutRecord<?, ?> record : batch.records()) {
                send(record);
            }
            for (DeadLetter letter : batch.deadLetters()) {
                send(new OutRecord<>(Topics.DLQ, null, letter, letter.getSource()));
            }
            if (batch.cursor() != null) {
                send(new OutRecord<>(Topics.INGEST_CURSORS, source.key(), batch.cursor(), source.key()));
            }
            hook.beforeCommit(source, batch);
            producer.commitTransaction();
        } catch (RuntimeException e) {
            abortQuietly(e);
            throw e;
        }
    }

    private void abortQuietly(RuntimeException cause) {
        try {
            producer.abortTransaction();
        } catch (KafkaException e) {
            // fenced or fatal: the caller replaces this publisher; the broker aborts on re-init
            LOG.warn("Could not abort transaction of {} after {}: {}", source, cause.toString(), e.toString());
        }
    }

    @SuppressWarnings("unchecked")
    private <K, V> void send(OutRecord<K, V> record) {
        String topic = topicName(record.topic());
        Serializer<?>[] pair = serializers.computeIfAbsent(record.topic(), t -> new Serializer<?>[] {
            t.keySerde(serdeSettings).serializer(), t.valueSerde(serdeSettings).serializer()});
        byte[] key = record.key() == null ? null : ((Serializer<K>) pair[0]).serialize(topic, record.key());
        byte[] value = ((Serializer<V>) pair[1]).serialize(topic, record.value());
        producer.send(new ProducerRecord<>(topic, key, value));
    }

    /** Closes the producer; an open transaction is aborted by the broker when the next instance fences it. */
    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
