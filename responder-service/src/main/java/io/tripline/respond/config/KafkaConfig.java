package io.tripline.respond.config;

import java.util.HashMap;
import java.util.Map;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * Kafka and schema registry settings ({@code tripline.respond.kafka.*}); {@code properties} passes raw
 * client settings through (security protocol, SASL, ...).
 */
@ConfigurationProperties(KafkaConfig.PREFIX)
public class KafkaConfig {

    public static final String PREFIX = "tripline.respond.kafka";

    private String bootstrapServers = "127.0.0.1:9092";
    private String schemaRegistryUrl = "http://127.0.0.1:8081";
    private String groupId = "tripline-responder";
    private String transactionalId = "tripline-responder-1";
    private Map<String, String> properties = new HashMap<>();
    private short replicationFactor = 1;

    public String getBootstrapServers() {
        return bootstrapServers;
    }

    public void setBootstrapServers(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    public String getSchemaRegistryUrl() {
        return schemaRegistryUrl;
    }

    public void setSchemaRegistryUrl(String schemaRegistryUrl) {
        this.schemaRegistryUrl = schemaRegistryUrl;
    }

    public String getGroupId() {
        return groupId;
    }

    public void setGroupId(String groupId) {
        this.groupId = groupId;
    }

    public String getTransactionalId() {
        return transactionalId;
    }

    public void setTransactionalId(String transactionalId) {
        this.transactionalId = transactionalId;
    }

    /** Replication factor of the topics the responder creates when missing (3 in production). */
    public short getReplicationFactor() {
        return replicationFactor;
    }

    public void setReplicationFactor(short replicationFactor) {
        this.replicationFactor = replicationFactor;
    }

    public Map<String, String> getProperties() {
        return properties;
    }

    public void setProperties(Map<String, String> properties) {
        this.properties = properties == null ? new HashMap<>() : properties;
    }
}
