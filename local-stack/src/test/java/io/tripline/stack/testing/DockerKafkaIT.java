package io.tripline.stack.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

import io.tripline.stack.registry.RegistryConfig;
import io.tripline.stack.registry.SchemaRegistryServer;

/**
 * The registry on Testcontainers' Kafka, for machines with a Docker engine. This machine has none, so
 * it is skipped here by the explicit condition below; the same behaviour runs on the embedded broker
 * in every other integration test of this module.
 */
class DockerKafkaIT {

    @Test
    void shouldServeTheRegistryOnAKafkaContainer() throws Exception {
        assumeTrue(DockerKafka.available(), "Docker engine not available: Testcontainers' KafkaContainer needs one");
        try (DockerKafka kafka = DockerKafka.start();
             SchemaRegistryServer registry = SchemaRegistryServer.start(RegistryConfig.of(kafka.bootstrapServers()).withPort(0));
             Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic("docker-probe", 1, (short) 1))).all().get(60, TimeUnit.SECONDS);
            assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).contains("docker-probe");
            assertThat(registry.url()).startsWith("http://127.0.0.1:");
        }
    }
}
