package io.tripline.respond.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.micronaut.context.ApplicationContext;
import io.tripline.core.serde.SerdeConfig;
import io.tripline.respond.config.KafkaConfig;

/**
 * TLS/SASL settings under {@code tripline.respond.kafka.properties} reach the settings every producer,
 * consumer and admin client of the responder is built from, with their keys as written, and the registry's
 * credentials reach the serde.
 */
class KafkaSupportTest {

    @Test
    void shouldPassSecuritySettingsFromConfigurationToTheClientsAndTheSerde() {
        String jaas = "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"respond\" password=\"s3cret\";";
        try (ApplicationContext context = ApplicationContext.builder().properties(Map.of(
                "tripline.respond.api.token", "test-token-0123456789",
                "tripline.respond.kafka.bootstrap-servers", "kafka:9093",
                "tripline.respond.kafka.schema-registry-url", "https://registry:8081",
                "tripline.respond.kafka.properties", Map.of("security.protocol", "SASL_SSL", "sasl.mechanism", "PLAIN",
                        "sasl.jaas.config", jaas, "ssl.truststore.location", "/etc/kafka/truststore.jks",
                        "basic.auth.user.info", "respond:registry-pass"))).start()) {
            KafkaConfig kafka = context.getBean(KafkaConfig.class);

            assertThat(KafkaSupport.clientConfig(kafka)).containsEntry("bootstrap.servers", "kafka:9093")
                    .containsEntry("security.protocol", "SASL_SSL").containsEntry("sasl.mechanism", "PLAIN")
                    .containsEntry("sasl.jaas.config", jaas).containsEntry("ssl.truststore.location", "/etc/kafka/truststore.jks");
            assertThat(KafkaSupport.serdeConfig(kafka)).containsEntry(SerdeConfig.URL, "https://registry:8081")
                    .containsEntry(SerdeConfig.BASIC_AUTH, "respond:registry-pass");
        }
    }
}
