package io.tripline.stack.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.tripline.core.serde.SerdeConfig;
import io.tripline.stack.kafka.KafkaBroker;
import io.tripline.stack.registry.RegistryConfig;
import io.tripline.stack.registry.SchemaRegistryServer;

/**
 * The broker and schema registry every integration test of a module's suite shares: started once per
 * test JVM on first use, stopped when the JVM exits. Tests keep apart by using {@link #uniqueName}.
 *
 * <p>Kafka is the child-JVM KRaft broker; with {@code -Dtripline.it.docker=true} and a Docker engine
 * available, it is Testcontainers' KafkaContainer instead (the registry still runs here, against it).
 */
public final class SharedStack {

    private static final Logger LOG = LoggerFactory.getLogger(SharedStack.class);
    private static SharedStack instance;

    private final String bootstrapServers;
    private final SchemaRegistryServer registry;
    private final AutoCloseable kafka;

    private SharedStack(String bootstrapServers, AutoCloseable kafka, SchemaRegistryServer registry) {
        this.bootstrapServers = bootstrapServers;
        this.kafka = kafka;
        this.registry = registry;
    }

    /** The suite's stack, started on first call. */
    public static synchronized SharedStack get() {
        if (instance == null) {
            instance = start();
            SharedStack started = instance;
            Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "shared-stack-stop"));
        }
        return instance;
    }

    private static SharedStack start() {
        try {
            AutoCloseable kafka;
            String bootstrap;
            if (DockerKafka.requested() && DockerKafka.available()) {
                DockerKafka container = DockerKafka.start();
                kafka = container;
                bootstrap = container.bootstrapServers();
                LOG.info("Shared stack on Testcontainers Kafka {}", bootstrap);
            } else {
                if (DockerKafka.requested()) {
                    LOG.warn("-Dtripline.it.docker=true but no Docker engine is available: using the embedded KRaft broker");
                }
                Path dir = Files.createTempDirectory("tripline-it-");
                KafkaBroker broker = KafkaBroker.start(KafkaBroker.Options.defaults().dataDir(dir).port(0));
                kafka = broker;
                bootstrap = broker.bootstrapServers();
            }
            SchemaRegistryServer registry = SchemaRegistryServer.start(RegistryConfig.of(bootstrap).withPort(0));
            return new SharedStack(bootstrap, kafka, registry);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the shared test stack", e);
        }
    }

    private void stop() {
        registry.close();
        try {
            kafka.close();
        } catch (Exception e) {
            LOG.warn("stopping Kafka failed: {}", e.toString());
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public String registryUrl() {
        return registry.url();
    }

    /** Serde settings pointing at the shared registry. */
    public Map<String, Object> serdeConfig() {
        Map<String, Object> config = new HashMap<>();
        config.put(SerdeConfig.URL, registryUrl());
        return config;
    }

    /** Client settings for producers, consumers and admin clients. */
    public Map<String, Object> clientConfig() {
        Map<String, Object> config = new HashMap<>();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return config;
    }

    public Admin admin() {
        return Admin.create(clientConfig());
    }

    /** A name no other test uses, e.g. for topics, groups and application ids. */
    public static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
