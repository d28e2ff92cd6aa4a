package io.tripline.ingest.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.micronaut.context.ApplicationContext;
import io.tripline.ingest.config.KafkaSettings;
import io.tripline.simulator.AwsSimulator;
import io.tripline.simulator.SimulatorOptions;

/**
 * TLS/SASL and registry settings under {@code tripline.ingest.kafka.*} reach, with their keys exactly as Kafka
 * spells them, the settings every producer, consumer and admin client of a running ingest service (and its serde)
 * is built from. The broker here listens in PLAINTEXT, where clients ignore the SASL and SSL keys, so the service
 * runs with them as it would against a secured cluster.
 */
class KafkaSecuritySettingsIT {

    @Test
    void shouldPassSecuritySettingsFromConfigurationToTheClientsVerbatim() {
        String jaas = "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"ingest\" password=\"s3cret\";";
        try (AwsSimulator simulator = AwsSimulator.start(SimulatorOptions.defaults().withSeed(5))) {
            Map<String, Object> p = IngestHarness.properties(IngestHarness.topics("kafka-security"), simulator.endpoint().toString(),
                    List.of("guardduty"), Instant.now());
            p.put("tripline.ingest.kafka.security.protocol", "PLAINTEXT");
            p.put("tripline.ingest.kafka.sasl.mechanism", "SCRAM-SHA-512");
            p.put("tripline.ingest.kafka.sasl.jaas.config", jaas);
            p.put("tripline.ingest.kafka.ssl.truststore.location", "/etc/kafka/truststore.jks");
            p.put("tripline.ingest.kafka.basic.auth.user.info", "ingest:registry-pass");
            try (ApplicationContext context = IngestHarness.start(p)) {
                Map<String, Object> clients = context.getBean(KafkaSettings.class).copy();

                assertThat(clients).containsEntry("security.protocol", "PLAINTEXT").containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                        .containsEntry("sasl.jaas.config", jaas).containsEntry("ssl.truststore.location", "/etc/kafka/truststore.jks")
                        .containsEntry("basic.auth.user.info", "ingest:registry-pass");
            }
        }
    }
}
