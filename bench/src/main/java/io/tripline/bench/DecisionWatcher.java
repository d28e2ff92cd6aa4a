package io.tripline.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import io.tripline.core.topic.Topics;
import io.tripline.schema.v1.Incident;
import io.tripline.schema.v1.RemediationAction;

/**
 * Follows the responder's ledger ({@code tripline.remediation.actions}) and enrich's incidents
 * ({@code tripline.incidents}), committed records only, and keeps per account when the first decision about
 * it was made (the record timestamp the responder's producer gives the ledger write it makes when it decides:
 * PROPOSED, or EXEMPT) and when its first incident became visible to consumers (when this consumer received
 * it: an incident's record timestamp is event time, not the time it was written).
 */
final class DecisionWatcher implements Runnable, AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final Deserializer<RemediationAction> actions;
    private final Deserializer<Incident> incidents;
    private final Map<String, Long> firstDecision = new ConcurrentHashMap<>();
    private final Map<String, Long> firstIncident = new ConcurrentHashMap<>();
    private final Thread thread = new Thread(this, "bench-decisions");
    private volatile long decisions;

    DecisionWatcher(String bootstrap, Map<String, Object> serde) {
        consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new ByteArrayDeserializer());
        actions = Topics.REMEDIATION_ACTIONS.valueSerde(serde).deserializer();
        incidents = Topics.INCIDENTS.valueSerde(serde).deserializer();
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(Topics.REMEDIATION_ACTIONS.name(), Topics.INCIDENTS.name())) {
            consumer.partitionsFor(topic, Duration.ofSeconds(30)).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        consumer.assign(partitions);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void run() {
        try {
            while (true) {
                ConsumerRecords<String, byte[]> batch = consumer.poll(Duration.ofMillis(100));
                long received = System.currentTimeMillis();
                for (ConsumerRecord<String, byte[]> record : batch) {
                    if (record.topic().equals(Topics.INCIDENTS.name())) {
                        firstIncident.putIfAbsent(incidents.deserialize(record.topic(), record.value()).getAccountId(), received);
                    } else {
                        decisions++;
                        firstDecision.merge(actions.deserialize(record.topic(), record.value()).getAccountId(),
                                record.timestamp(), Math::min);
                    }
                }
            }
        } catch (WakeupException stopping) {
            // close() asked the loop to end
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** When the first decision about {@code account} was appended (epoch ms), or null if none yet. */
    Long decidedAt(String account) {
        return firstDecision.get(account);
    }

    /** When the first incident about {@code account} was received (epoch ms), or null if none yet. */
    Long incidentAt(String account) {
        return firstIncident.get(account);
    }

    /** Ledger records read so far, every account and state included. */
    long records() {
        return decisions;
    }

    @Override
    public void close() throws InterruptedException {
        consumer.wakeup();
        thread.join(10_000);
    }
}
