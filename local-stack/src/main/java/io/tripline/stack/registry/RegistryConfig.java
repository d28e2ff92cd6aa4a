package io.tripline.stack.registry;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of one {@link SchemaRegistryServer}: where Kafka is, where to listen, and which topic
 * holds the schemas.
 *
 * <p>Start from {@link #of(String)} and adjust with the {@code with*} methods, e.g.
 * {@code RegistryConfig.of(bootstrap).withPort(0).withTopic("_schemas-it")}.
 *
 * @param bootstrapServers Kafka bootstrap servers holding the schemas topic
 * @param host address the HTTP server binds to (default 127.0.0.1: the registry has no auth)
 * @param port HTTP port; 0 picks an ephemeral port
 * @param topic compacted topic storing schemas and config in Confluent's record format
 * @param replicationFactor replication factor used when the topic has to be created
 * @param writeTimeout how long a write may take to be produced and read back before the request fails
 * @param clientProperties further Kafka client settings (security.protocol, sasl.*, ssl.*) for the schemas log's
 *                         producer, consumer and admin client
 */
public record RegistryConfig(
        String bootstrapServers,
        String host,
        int port,
        String topic,
        short replicationFactor,
        Duration writeTimeout,
        Map<String, String> clientProperties) {

    /** Confluent's default topic name, so a cp-schema-registry could take over the same cluster. */
    public static final String DEFAULT_TOPIC = "_schemas";
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8081;

    public RegistryConfig {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(writeTimeout, "writeTimeout");
        clientProperties = Map.copyOf(clientProperties);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be in [0, 65535]: " + port);
        }
        if (replicationFactor < 1) {
            throw new IllegalArgumentException("replicationFactor must be >= 1: " + replicationFactor);
        }
    }

    /** Defaults: 127.0.0.1:8081, topic {@code _schemas}, replication factor 1, 10 s write timeout. */
    public static RegistryConfig of(String bootstrapServers) {
        return new RegistryConfig(
                bootstrapServers, DEFAULT_HOST, DEFAULT_PORT, DEFAULT_TOPIC, (short) 1, Duration.ofSeconds(10), Map.of());
    }

    public RegistryConfig withHost(String newHost) {
        return new RegistryConfig(bootstrapServers, newHost, port, topic, replicationFactor, writeTimeout, clientProperties);
    }

    public RegistryConfig withPort(int newPort) {
        return new RegistryConfig(bootstrapServers, host, newPort, topic, replicationFactor, writeTimeout, clientProperties);
    }

    public RegistryConfig withTopic(String newTopic) {
        return new RegistryConfig(bootstrapServers, host, port, newTopic, replicationFactor, writeTimeout, clientProperties);
    }

    public RegistryConfig withReplicationFactor(int newReplicationFactor) {
        return new RegistryConfig(
                bootstrapServers, host, port, topic, (short) newReplicationFactor, writeTimeout, clientProperties);
    }

    public RegistryConfig withWriteTimeout(Duration newWriteTimeout) {
        return new RegistryConfig(bootstrapServers, host, port, topic, replicationFactor, newWriteTimeout, clientProperties);
    }

    public RegistryConfig withClientProperties(Map<String, String> newClientProperties) {
        return new RegistryConfig(bootstrapServers, host, port, topic, replicationFactor, writeTimeout, newClientProperties);
    }
}
