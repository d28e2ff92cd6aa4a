package io.tripline.stack.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;

/** TLS/SASL settings given to the registry reach the producer, consumer and admin client of its schemas log. */
class RegistryClientSettingsTest {

    @Test
    void shouldPassSecuritySettingsToEveryClientOfTheSchemasLog() {
        String jaas = "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"registry\" password=\"s3cret\";";
        RegistryConfig config = RegistryConfig.of("kafka:9093").withPort(0).withClientProperties(Map.of(
                "security.protocol", "SASL_SSL", "sasl.mechanism", "PLAIN", "sasl.jaas.config", jaas,
                "ssl.truststore.location", "/etc/kafka/truststore.jks", "bootstrap.servers", "ignored:1"));

        for (Properties client : List.of(KafkaRegistryLog.producerProps(config, "w"), KafkaRegistryLog.consumerProps(config, "r"),
                KafkaRegistryLog.adminProps(config))) {
            assertThat(client).containsEntry("security.protocol", "SASL_SSL").containsEntry("sasl.mechanism", "PLAIN")
                    .containsEntry("sasl.jaas.config", jaas).containsEntry("ssl.truststore.location", "/etc/kafka/truststore.jks")
                    .containsEntry("bootstrap.servers", "kafka:9093");
        }
    }
}
