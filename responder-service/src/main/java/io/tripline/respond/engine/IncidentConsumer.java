package io.tripline.respond.engine;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.tripline.core.dlq.DeadLetters;
import io.tripline.core.topic.Topics;
import io.tripline.respond.ledger.LedgerException;
import io.tripline.schema.v1.DeadLetter;
import io.tripline.schema.v1.Detection;
import io.tripline.schema.v1.Incident;
import io.tripline.schema.v1.SecurityFinding;

/**
 * The poll loop: findings and detections feed the evidence index, incidents go to the responder
 * (unless they come from a replay). Offsets are committed after a batch is handled; redelivery after
 * a crash is harmless because every decision is looked up in the ledger first. Records that cannot be
 * read or handled go to the DLQ with their origin and the reason.
 *
 * <p>Playbooks match on the incident's member findings and detections, so the index must hold them when
 * an incident is decided. The evidence topics are compacted tables: on every assignment they are read from
 * the beginning, whatever offsets were committed, so a restarted responder knows the evidence its
 * predecessor had read. And an incident waits (its partitions paused) until the evidence topics have been
 * read up to their last stable offsets taken after the incident was fetched: enrich commits an incident
 * with or after its members, so they are below those offsets, even when the evidence topics lag behind. The
 * wait ends as soon as the members it waits for are in the index: an incident whose finding and detection
 * members are all indexed already is decided at once (its CloudTrail event members, listed in
 * {@code eventMembers}, are never published as evidence and are not waited for).
 */
public final class IncidentConsumer implements Runnable, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(IncidentConsumer.class);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final KafkaProducer<byte[], DeadLetter> dlq;
    private final String prefix;
    private final Responder responder;
    private final EvidenceIndex index;
    private final Deserializer<Incident> incidents;
    private final Deserializer<SecurityFinding> findings;
    private final Deserializer<Detection> detections;
    private final DeadLetters deadLetters;
    private Map<TopicPartition, Long> evidenceTarget;
    /** The finding and detection members the held incidents wait for, until they are indexed or the target read. */
    private Set<String> awaited = Set.of();
    private volatile boolean running = true;

    public IncidentConsumer(Map<String, Object> clientConfig, Map<String, Object> serdeConfig, String groupId,
                            String prefix, Responder responder, EvidenceIndex index, Clock clock) {
        Map<String, Object> c = new HashMap<>(clientConfig);
        c.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        this.consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.dlq = new KafkaProducer<>(new HashMap<>(clientConfig), Topics.DLQ.keySerde(serdeConfig).serializer(),
                Topics.DLQ.valueSerde(serdeConfig).serializer());
        this.prefix = prefix;
        this.responder = responder;
        this.index = index;
        this.incidents = Topics.INCIDENTS.valueSerde(serdeConfig).deserializer();
        this.findings = Topics.FINDINGS.valueSerde(serdeConfig).deserializer();
        this.detections = Topics.DETECTIONS.valueSerde(serdeConfig).deserializer();
        this.deadLetters = new DeadLetters(clock);
    }

    @Override
    public void run() {
        consumer.subscribe(List.of(prefix + Topics.INCIDENTS.name(), prefix + Topics.FINDINGS.name(),
                prefix + Topics.DETECTIONS.name()), new EvidenceFromTheStart());
        try {
            while (running) {
                try {
                    pollOnce();
                } catch (LedgerException e) {
                    if (e.fatal()) {
                        LOG.error("Ledger writer fenced by another responder instance; stopping: {}", e.getMessage());
                        return;
                    }
                    // handle the uncommitted records again once the ledger is writable: every decision is
                    // looked up in the ledger first, so what did get recorded is not repeated
                    LOG.error("Ledger unavailable, retrying the batch in 5 s: {}", e.getMessage());
                    rewind();
                    Thread.sleep(5000);
                }
            }
        } catch (WakeupException e) {
            // close() asked us to stop
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            consumer.close(Duration.ofSeconds(5));
            dlq.close(Duration.ofSeconds(5));
        }
    }

    private void pollOnce() {
        ConsumerRecords<byte[], byte[]> batch = consumer.poll(Duration.ofMillis(500));
        // evidence first, so an incident in the same batch as its findings sees them
        Map<TopicPartition, Long> firstIncident = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : batch) {
            if (isIncident(record.topic())) {
                firstIncident.putIfAbsent(new TopicPartition(record.topic(), record.partition()), record.offset());
            } else {
                handle(record);
            }
        }
        if (!firstIncident.isEmpty() && evidenceTarget == null) {
            awaited = missingMembers(batch);
            if (!awaited.isEmpty()) {
                evidenceTarget = consumer.endOffsets(evidencePartitions());
            }
        }
        if (evidenceTarget != null && !evidenceRead(evidenceTarget) && !indexed(awaited)) {
            // hold the incidents until the evidence committed before them has been read; fetch them again then
            firstIncident.forEach(consumer::seek);
            consumer.pause(incidentPartitions());
            consumer.commitSync();
            return;
        }
        evidenceTarget = null;
        awaited = Set.of();
        consumer.resume(incidentPartitions());
        for (ConsumerRecord<byte[], byte[]> record : batch) {
            if (isIncident(record.topic())) {
                handle(record);
            }
        }
        if (!batch.isEmpty()) {
            consumer.commitSync();
        }
    }

    /**
     * The finding and detection members of the batch's incidents that are not in the index yet. Waiting for the
     * evidence topics to be read to their ends costs as long as the responder lags behind them, seconds under
     * a steady load of detections, so incidents wait only for what they miss.
     */
    private Set<String> missingMembers(ConsumerRecords<byte[], byte[]> batch) {
        Set<String> missing = new java.util.TreeSet<>();
        for (ConsumerRecord<byte[], byte[]> record : batch) {
            if (!isIncident(record.topic()) || record.value() == null) {
                continue;
            }
            try {
                missing.addAll(missingMembers(incidents.deserialize(record.topic(), record.value()), index));
            } catch (RuntimeException e) {
                // handle() sends it to the DLQ
            }
        }
        return missing;
    }

    /**
     * The members of {@code incident} a decision must wait for: its findings and detections not yet in
     * {@code index}. Its CloudTrail event members ({@code eventMembers}) are never published as evidence and
     * are not waited for; an incident written before that field existed waits for all its members.
     */
    static Set<String> missingMembers(Incident incident, EvidenceIndex index) {
        Set<String> events = Set.copyOf(incident.getEventMembers());
        Set<String> missing = new java.util.TreeSet<>();
        for (String member : incident.getMembers()) {
            if (!events.contains(member) && !indexed(index, member)) {
                missing.add(member);
            }
        }
        return missing;
    }

    private boolean indexed(Set<String> members) {
        return members.stream().allMatch(member -> indexed(index, member));
    }

    private static boolean indexed(EvidenceIndex index, String member) {
        return index.finding(member) != null || index.detection(member) != null;
    }

    private static boolean isIncident(String topic) {
        return topic.endsWith(Topics.INCIDENTS.name());
    }

    private Set<TopicPartition> incidentPartitions() {
        return consumer.assignment().stream().filter(tp -> isIncident(tp.topic())).collect(Collectors.toSet());
    }

    private Set<TopicPartition> evidencePartitions() {
        return consumer.assignment().stream().filter(tp -> !isIncident(tp.topic())).collect(Collectors.toSet());
    }

    private boolean evidenceRead(Map<TopicPartition, Long> target) {
        Set<TopicPartition> assigned = consumer.assignment();
        return target.entrySet().stream().filter(e -> assigned.contains(e.getKey()))
                .allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }

    /** Reads the evidence tables from the beginning on every assignment; incidents resume from their offsets. */
    private final class EvidenceFromTheStart implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            List<TopicPartition> evidence = partitions.stream().filter(tp -> !isIncident(tp.topic())).toList();
            consumer.seekToBeginning(evidence);
            evidenceTarget = null;
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            evidenceTarget = null;
        }
    }

    /** Seeks every assigned partition back to its committed offset (or the beginning). */
    private void rewind() {
        Set<TopicPartition> assigned = consumer.assignment();
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(assigned);
        for (TopicPartition tp : assigned) {
            OffsetAndMetadata offset = committed.get(tp);
            if (offset == null) {
                consumer.seekToBeginning(List.of(tp));
            } else {
                consumer.seek(tp, offset.offset());
            }
        }
    }

    private void handle(ConsumerRecord<byte[], byte[]> record) {
        if (record.value() == null) {
            return;
        }
        try {
            String topic = record.topic();
            if (topic.endsWith(Topics.FINDINGS.name())) {
                index.add(findings.deserialize(topic, record.value()));
            } else if (topic.endsWith(Topics.DETECTIONS.name())) {
                index.add(detections.deserialize(topic, record.value()));
            } else {
                Incident incident = incidents.deserialize(topic, record.value());
                if (ReplayGuard.isReplay(topic, record.headers(), prefix)) {
                    LOG.info("Incident {} from {}-{}@{} is a replay: not acted on", incident.getIncidentId(), topic,
                            record.partition(), record.offset());
                    return;
                }
                index.add(incident);
                responder.onIncident(incident);
            }
        } catch (LedgerException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.error("Record {}-{}@{} could not be handled, sent to the DLQ: {}", record.topic(), record.partition(),
                    record.offset(), e.toString());
            dlq.send(new ProducerRecord<>(prefix + Topics.DLQ.name(), record.key(),
                    deadLetters.fromRecord(record, "respond", e)));
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
    }
}
