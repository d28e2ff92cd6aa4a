package io.tripline.respond.ledger;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.Serde;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.tripline.core.topic.Topics;
import io.tripline.schema.v1.RemediationAction;

/**
 * The ledger on Kafka: the compacted {@code tripline.remediation.actions} topic is read to its end at
 * start (read_committed), and every transition is written to it and to the audit topic in one
 * transaction — a crash can lose a transition but never split the ledger from its audit. The
 * transactional id also fences a second responder instance started with the same id.
 * <p>
 * A producer that fails in a way it cannot abort from (a broker restart can leave its transaction in an
 * invalid state) can never write again; it is closed, and the next transition starts a new one with the same
 * transactional id, which aborts whatever the old one left open. Only fencing by another instance is final.
 */
public final class KafkaLedger implements Ledger, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaLedger.class);

    private final Map<String, RemediationAction> latest = new ConcurrentHashMap<>();
    private final Supplier<Producer<String, RemediationAction>> producers;
    /** The transactional producer; null after it failed beyond aborting, until the next transition makes another. */
    private Producer<String, RemediationAction> producer;
    private final String ledgerTopic;
    private final String auditTopic;
    private long sequence;
    private String lastHash = AuditChain.GENESIS;

    public KafkaLedger(Map<String, Object> clientConfig, Map<String, Object> serdeConfig, String topicPrefix,
                       String transactionalId) {
        this(topicPrefix, () -> producer(clientConfig, serdeConfig, transactionalId));
        restore(clientConfig, serdeConfig);
        producer = started();
    }

    /** A ledger starting empty that writes through the producers {@code producers} makes (each one not yet initialised). */
    KafkaLedger(String topicPrefix, Supplier<Producer<String, RemediationAction>> producers) {
        this.ledgerTopic = topicPrefix + Topics.REMEDIATION_ACTIONS.name();
        this.auditTopic = topicPrefix + Topics.REMEDIATION_AUDIT.name();
        this.producers = producers;
    }

    private static Producer<String, RemediationAction> producer(Map<String, Object> clientConfig,
                                                                Map<String, Object> serdeConfig, String transactionalId) {
        Map<String, Object> p = new HashMap<>(clientConfig);
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        // New serializers each time: closing a producer closes its serializers.
        Serde<RemediationAction> serde = Topics.REMEDIATION_ACTIONS.valueSerde(serdeConfig);
        return new KafkaProducer<>(p, Topics.REMEDIATION_ACTIONS.keySerde(serdeConfig).serializer(), serde.serializer());
    }

    /** A new producer with its transactions initialised (which aborts what an earlier one with the id left open). */
    private Producer<String, RemediationAction> started() {
        Producer<String, RemediationAction> fresh = producers.get();
        try {
            fresh.initTransactions();
        } catch (RuntimeException e) {
            fresh.close(Duration.ZERO);
            throw e;
        }
        return fresh;
    }

    private void restore(Map<String, Object> clientConfig, Map<String, Object> serdeConfig) {
        readToEnd(clientConfig, serdeConfig, ledgerTopic, r -> latest.put(r.key(), r.value()));
        readToEnd(clientConfig, serdeConfig, auditTopic, r -> {
            sequence = r.value().getSequence();
            lastHash = r.value().getHash();
        });
        LOG.info("Ledger restored: {} actions from {}, audit at sequence {}", latest.size(), ledgerTopic, sequence);
    }

    /** Reads every committed record of {@code topic} from the beginning to its current end. */
    public static void readToEnd(Map<String, Object> clientConfig, Map<String, Object> serdeConfig, String topic,
                                 java.util.function.Consumer<ConsumerRecord<String, RemediationAction>> sink) {
        Map<String, Object> c = new HashMap<>(clientConfig);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.remove(ConsumerConfig.GROUP_ID_CONFIG);
        try (KafkaConsumer<String, RemediationAction> consumer = new KafkaConsumer<>(c,
                Topics.REMEDIATION_ACTIONS.keySerde(serdeConfig).deserializer(),
                Topics.REMEDIATION_ACTIONS.valueSerde(serdeConfig).deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            while (partitions.stream().anyMatch(tp -> consumer.position(tp, Duration.ofSeconds(30)) < end.get(tp))) {
                for (ConsumerRecord<String, RemediationAction> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.value() != null) {
                        sink.accept(record);
                    }
                }
            }
        }
    }

    @Override
    public Optional<RemediationAction> get(String actionId) {
        return Optional.ofNullable(latest.get(actionId));
    }

    @Override
    public Collection<RemediationAction> all() {
        return List.copyOf(latest.values());
    }

    @Override
    public synchronized RemediationAction record(RemediationAction next) {
        RemediationAction linked = AuditChain.link(next, sequence + 1, lastHash);
        try {
            if (producer == null) {
                producer = started();
                LOG.info("Ledger producer started again after an earlier one failed");
            }
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(ledgerTopic, linked.getActionId(), linked));
            producer.send(new ProducerRecord<>(auditTopic, linked.getActionId(), linked));
            producer.commitTransaction();
        } catch (KafkaException e) {
            // the transaction is gone: neither the ledger nor the audit has the record, and our chain
            // position stays where it was
            boolean fenced = e instanceof ProducerFencedException || e instanceof InvalidProducerEpochException;
            if (producer != null) {
                try {
                    producer.abortTransaction();
                } catch (KafkaException abort) {
                    e.addSuppressed(abort);
                    if (!fenced) {
                        // In an error state it cannot leave: the next transition starts a new producer.
                        LOG.warn("Ledger producer cannot abort after {}; it is replaced at the next transition", e.toString());
                        producer.close(Duration.ZERO);
                        producer = null;
                    }
                }
            }
            throw new LedgerException("could not record action " + linked.getActionId() + " as "
                    + linked.getState() + ": " + e.getMessage(), e, fenced);
        }
        sequence = linked.getSequence();
        lastHash = linked.getHash();
        latest.put(linked.getActionId(), linked);
        LOG.info("Action {} {} -> {} (audit #{})", linked.getActionId(), linked.getActionType(), linked.getState(),
                linked.getSequence());
        return linked;
    }

    @Override
    public synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(10));
        }
    }
}
