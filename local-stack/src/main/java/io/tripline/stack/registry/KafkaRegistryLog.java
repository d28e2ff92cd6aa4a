package io.tripline.stack.registry;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The schemas topic as a {@link RegistryLog}: a compacted single-partition topic, written with an
 * idempotent acks=all producer and tailed by one reader thread that applies every record to the
 * {@link SchemaStore}. Tailing (rather than reading once) is what lets several registry processes
 * on the same topic converge; waiting for the reader to pass our own offset is what makes a read
 * after a write consistent.
 */
public final class KafkaRegistryLog implements RegistryLog {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaRegistryLog.class);
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
    /** Distinct client ids keep several registries in one JVM from clashing on JMX names. */
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final String topic;
    private final TopicPartition partition;
    private final SchemaStore store;
    private final Duration writeTimeout;
    private final KafkaProducer<String, String> producer;
    private final KafkaConsumer<String, String> consumer;
    private final Thread reader;
    private final Object progress = new Object();
    /** Next offset the reader will apply; guarded by {@link #progress}. */
    private long position;
    private volatile boolean running = true;

    private KafkaRegistryLog(RegistryConfig config, SchemaStore store) {
        this.topic = config.topic();
        this.partition = new TopicPartition(topic, 0);
        this.store = store;
        this.writeTimeout = config.writeTimeout();
        String clientId = "tripline-registry-" + INSTANCES.incrementAndGet() + "-" + topic;
        this.producer = new KafkaProducer<>(producerProps(config, clientId + "-writer"));
        this.consumer = new KafkaConsumer<>(consumerProps(config, clientId + "-reader"));
        this.reader = new Thread(this::readLoop, "registry-reader-" + topic);
        this.reader.setDaemon(true);
    }

    /**
     * Creates the topic if missing, reads it from the beginning to its current end, and keeps
     * tailing it in the background.
     */
    public static KafkaRegistryLog open(RegistryConfig config, SchemaStore store) {
        ensureTopic(config);
        KafkaRegistryLog log = new KafkaRegistryLog(config, store);
        try {
            log.startReading();
        } catch (RuntimeException e) {
            log.close();
            throw e;
        }
        return log;
    }

    private void startReading() {
        consumer.assign(List.of(partition));
        consumer.seekToBeginning(List.of(partition));
        long end = consumer.endOffsets(List.of(partition), STARTUP_TIMEOUT).get(partition);
        reader.start();
        if (!awaitPosition(end, STARTUP_TIMEOUT)) {
            throw new IllegalStateException("timed out reading " + topic + " up to offset " + end);
        }
        LOG.info("Schema registry loaded {} up to offset {}: {} subjects, max id {}",
                topic, end, store.subjects(true).size(), store.maxId());
    }

    @Override
    public void write(String key, String value) {
        long deadline = System.nanoTime() + writeTimeout.toNanos();
        long offset;
        try {
            offset = producer.send(new ProducerRecord<>(topic, 0, key, value))
                    .get(writeTimeout.toMillis(), TimeUnit.MILLISECONDS)
                    .offset();
        } catch (TimeoutException e) {
            throw RegistryException.timeout("Write to the Kafka store timed out while writing to " + topic);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RegistryException.storeError("Interrupted while writing to " + topic);
        } catch (ExecutionException e) {
            LOG.warn("Writing to {} failed", topic, e.getCause());
            throw RegistryException.storeError("Error while writing to the Kafka store: " + e.getCause());
        }
        Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
        if (!awaitPosition(offset + 1, left)) {
            throw RegistryException.timeout("Write to the Kafka store timed out while waiting for offset "
                    + offset + " of " + topic + " to be read back");
        }
    }

    private boolean awaitPosition(long target, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (progress) {
            while (position < target) {
                long waitMillis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (waitMillis <= 0 || !running) {
                    return false;
                }
                try {
                    progress.wait(waitMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }

    private void readLoop() {
        try {
            while (running) {
                try {
                    for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                        applyRecord(record);
                    }
                    long next = consumer.position(partition);
                    synchronized (progress) {
                        position = next;
                        progress.notifyAll();
                    }
                } catch (WakeupException e) {
                    // close() woke us up; the loop condition ends the thread.
                } catch (RuntimeException e) {
                    // Broker hiccups must not kill the only thread that keeps this registry current.
                    LOG.warn("Reading {} failed, retrying", topic, e);
                    sleepQuietly();
                }
            }
        } finally {
            consumer.close(Duration.ofSeconds(2));
            synchronized (progress) {
                progress.notifyAll();
            }
        }
    }

    private void applyRecord(ConsumerRecord<String, String> record) {
        try {
            SchemaStore.Outcome outcome = store.apply(
                    RegistryRecordCodec.decode(record.key(), record.value()), record.offset());
            LOG.debug("Applied {}-{}@{}: {}", topic, record.partition(), record.offset(), outcome);
        } catch (IllegalArgumentException e) {
            // Another writer's garbage must not stop the registry; skip it and say where it is.
            LOG.warn("Skipping unreadable record {}-{}@{}: {}", topic, record.partition(), record.offset(),
                    e.getMessage());
        }
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        if (reader.isAlive()) {
            try {
                reader.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        } else {
            consumer.close(Duration.ofSeconds(2));
        }
        producer.close(Duration.ofSeconds(5));
    }

    /** Creates the topic like Confluent's registry does: one partition, compacted. */
    private static void ensureTopic(RegistryConfig config) {
        try (Admin admin = Admin.create(adminProps(config))) {
            try {
                TopicDescription description = admin.describeTopics(List.of(config.topic()))
                        .allTopicNames().get(STARTUP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                        .get(config.topic());
                if (description.partitions().size() != 1) {
                    // Ordering across partitions is undefined, and ids are decided by log order.
                    throw new IllegalStateException("schemas topic " + config.topic() + " has "
                            + description.partitions().size() + " partitions; it must have exactly 1");
                }
                return;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw new IllegalStateException("cannot describe " + config.topic(), e.getCause());
                }
            }
            NewTopic newTopic = new NewTopic(config.topic(), 1, config.replicationFactor())
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            try {
                admin.createTopics(List.of(newTopic)).all()
                        .get(STARTUP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                LOG.info("Created schemas topic {} (compacted, 1 partition, replication factor {})",
                        config.topic(), config.replicationFactor());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("cannot create " + config.topic(), e.getCause());
                }
                // Another registry process created it between our describe and create.
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while preparing " + config.topic(), e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka at " + config.bootstrapServers()
                    + " did not answer within " + STARTUP_TIMEOUT + " while preparing " + config.topic(), e);
        }
    }

    /** The configured client settings (TLS, SASL...) under everything the log sets itself. */
    private static Properties clientProps(RegistryConfig config) {
        Properties props = new Properties();
        props.putAll(config.clientProperties());
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        return props;
    }

    static Properties adminProps(RegistryConfig config) {
        Properties props = clientProps(config);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) STARTUP_TIMEOUT.toMillis());
        return props;
    }

    static Properties producerProps(RegistryConfig config, String clientId) {
        Properties props = clientProps(config);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) config.writeTimeout().toMillis());
        props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return props;
    }

    static Properties consumerProps(RegistryConfig config, String clientId) {
        Properties props = clientProps(config);
        // No group: every registry process reads the whole topic itself.
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return props;
    }
}
