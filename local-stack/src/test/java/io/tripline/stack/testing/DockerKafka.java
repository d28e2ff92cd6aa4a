package io.tripline.stack.testing;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

/**
 * Testcontainers' Apache Kafka (KRaft) container, used instead of the embedded broker when
 * {@code -Dtripline.it.docker=true} is set and a Docker engine answers.
 */
final class DockerKafka implements AutoCloseable {

    static final String PROPERTY = "tripline.it.docker";
    static final String IMAGE = "apache/kafka:4.1.0";

    private final KafkaContainer container;

    private DockerKafka(KafkaContainer container) {
        this.container = container;
    }

    static boolean requested() {
        return Boolean.getBoolean(PROPERTY);
    }

    static boolean available() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    static DockerKafka start() {
        KafkaContainer container = new KafkaContainer(IMAGE);
        container.start();
        return new DockerKafka(container);
    }

    String bootstrapServers() {
        return container.getBootstrapServers();
    }

    @Override
    public void close() {
        container.stop();
    }
}
