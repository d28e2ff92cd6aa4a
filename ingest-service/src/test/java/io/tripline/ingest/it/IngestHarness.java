package io.tripline.ingest.it;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.tripline.core.topic.Topic;
import io.tripline.core.topic.TopicCreator;
import io.tripline.core.topic.Topics;
import io.tripline.stack.testing.SharedStack;

/**
 * Test kit for the broker-backed tests: service properties pointing at the shared broker, registry and
 * a simulator; starting the service; reading a topic (read_committed) and waiting for a condition with a
 * generous deadline — never asserting timings.
 */
public final class IngestHarness {

    public static final String ACCOUNT = "111122223333";
    public static final String REGION = "us-east-1";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    static {
        // the default credential chain reads these; the simulator treats a twelve-digit key as that account's root
        System.setProperty("aws.accessKeyId", ACCOUNT);
        System.setProperty("aws.secretAccessKey", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
        System.setProperty("aws.region", REGION);
    }

    private IngestHarness() {
    }

    /** A name no other test uses, e.g. for queues. */
    public static String uniqueName(String prefix) {
        return SharedStack.uniqueName(prefix);
    }

    /** A fresh topic prefix with every topic created. */
    public static String topics(String name) {
        String prefix = SharedStack.uniqueName(name) + ".";
        try (var admin = SharedStack.get().admin()) {
            new TopicCreator(admin, (short) 1).ensure(Topics.all(), prefix);
        }
        return prefix;
    }

    /** Service properties for one account-region on {@code endpoint} with {@code sources}. */
    public static Map<String, Object> properties(String prefix, String endpoint, List<String> sources, Instant startFrom) {
        SharedStack stack = SharedStack.get();
        Map<String, Object> p = new HashMap<>();
        p.put("tripline.ingest.kafka.bootstrap.servers", stack.bootstrapServers());
        p.put("tripline.ingest.kafka.schema.registry.url", stack.registryUrl());
        p.put("tripline.ingest.topic-prefix", prefix);
        p.put("tripline.ingest.instance-id", "it-" + UUID.randomUUID().toString().substring(0, 8));
        p.put("tripline.ingest.poll-interval", "500ms");
        p.put("tripline.ingest.max-backoff", "2s");
        p.put("tripline.ingest.start-from", startFrom.toString());
        p.put("tripline.ingest.aws.endpoint-override", endpoint);
        p.put("tripline.ingest.sqs.wait-time", "1s");
        p.put("tripline.ingest.accounts[0].id", ACCOUNT);
        p.put("tripline.ingest.accounts[0].regions", List.of(REGION));
        p.put("tripline.ingest.accounts[0].sources", sources);
        p.put("micronaut.server.enabled", false);
        p.put("micronaut.metrics.enabled", true);
        return p;
    }

    public static ApplicationContext start(Map<String, Object> properties) {
        return ApplicationContext.run(properties);
    }

    /** Starts the service with its HTTP server on an ephemeral port, on the host its defaults give (127.0.0.1). */
    public static EmbeddedServer startWithServer(Map<String, Object> properties) {
        Map<String, Object> p = new HashMap<>(properties);
        p.put("micronaut.server.enabled", true);
        p.put("micronaut.server.port", -1);
        EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, p);
        if (!server.isRunning()) {
            server.start();
        }
        return server;
    }

    /** GET {@code path} on the service: status code and body. */
    public static HttpResponse<String> get(EmbeddedServer server, String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(server.getURI().resolve(path)).timeout(Duration.ofSeconds(30)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Polls {@code check} until it holds or {@code timeout} passes; returns whether it held. */
    public static boolean eventually(Duration timeout, java.util.function.BooleanSupplier check) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (check.getAsBoolean()) {
                return true;
            }
            sleep(500);
        }
        return check.getAsBoolean();
    }

    /** Every committed record of {@code topic} (prefixed) with its value deserialized. */
    public static <K, V> List<ConsumerRecord<K, V>> read(Topic<K, V> topic, String prefix) {
        String name = prefix + topic.name();
        Map<String, Object> config = new HashMap<>(SharedStack.get().clientConfig());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "it-read-" + UUID.randomUUID());
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        var keys = topic.keySerde(SharedStack.get().serdeConfig()).deserializer();
        var values = topic.valueSerde(SharedStack.get().serdeConfig()).deserializer();
        List<ConsumerRecord<K, V>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = consumer.partitionsFor(name).stream()
                    .map(i -> new TopicPartition(name, i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    out.add(new ConsumerRecord<>(r.topic(), r.partition(), r.offset(),
                            r.key() == null ? null : keys.deserialize(name, r.key()), values.deserialize(name, r.value())));
                }
            }
        }
        return out;
    }

    /** Waits (up to {@code timeout}) until {@code condition} holds on the topic's records; returns them. */
    public static <K, V> List<ConsumerRecord<K, V>> await(Topic<K, V> topic, String prefix, Duration timeout,
                                                          Predicate<List<ConsumerRecord<K, V>>> condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<ConsumerRecord<K, V>> records = read(topic, prefix);
        while (!condition.test(records) && System.nanoTime() < deadline) {
            sleep(500);
            records = read(topic, prefix);
        }
        return records;
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
