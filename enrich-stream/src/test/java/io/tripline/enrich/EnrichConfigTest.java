package io.tripline.enrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Configuration is typed, environment variables win, and a bad value is named at start. */
class EnrichConfigTest {

    @TempDir
    Path dir;

    @Test
    void shouldReadYamlAndLetTheEnvironmentOverrideIt() throws IOException {
        Path file = dir.resolve("enrich.yml");
        Files.writeString(file, """
                tripline:
                  enrich:
                    bootstrap-servers: kafka-a:9092
                    schema-registry-url: http://registry:8081
                    placeholders:
                      Legitimate_Countries: [DE, FR]
                kafka:
                  num.stream.threads: 2
                """);
        EnrichConfig config = EnrichConfig.load(file, Map.of("TRIPLINE_ENRICH_BOOTSTRAP_SERVERS", "kafka-b:9092",
                "TRIPLINE_KAFKA_COMMIT_INTERVAL_MS", "500"));

        assertThat(config.bootstrapServers()).isEqualTo("kafka-b:9092");
        assertThat(config.schemaRegistryUrl()).isEqualTo("http://registry:8081");
        assertThat(config.placeholders()).containsEntry("Legitimate_Countries", List.of("DE", "FR"));
        assertThat(config.kafka()).containsEntry("num.stream.threads", "2").containsEntry("commit.interval.ms", "500");
        assertThat(config.applicationId()).isEqualTo("tripline-enrich");
    }

    /** TLS/SASL settings under kafka.* (or TRIPLINE_KAFKA_*) reach every client Kafka Streams creates, and the admin client. */
    @Test
    void shouldPassKafkaSecuritySettingsToEveryClient() throws IOException {
        Path file = dir.resolve("enrich.properties");
        Files.writeString(file, String.join("\n",
                "tripline.enrich.bootstrap-servers=kafka:9093",
                "tripline.enrich.schema-registry-url=https://registry:8081",
                "kafka.security.protocol=SASL_SSL",
                "kafka.sasl.mechanism=SCRAM-SHA-512",
                "kafka.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username=\"enrich\" password=\"s3cret\";",
                ""));
        EnrichConfig config = EnrichConfig.load(file, Map.of("TRIPLINE_KAFKA_SSL_TRUSTSTORE_LOCATION", "/etc/kafka/truststore.jks"));
        StreamsConfig streams = new StreamsConfig(EnrichApplication.streamsConfig(config,
                EnrichApplication.settings(config, null, null)));
        Map<String, Object> admin = EnrichApplication.adminConfig(config);

        for (Map<String, Object> client : List.of(streams.getMainConsumerConfigs("g", "c", 0), streams.getProducerConfigs("p"),
                streams.getAdminConfigs("a"), streams.getRestoreConsumerConfigs("r"), admin)) {
            assertThat(client).containsEntry("security.protocol", "SASL_SSL").containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                    .containsEntry("ssl.truststore.location", "/etc/kafka/truststore.jks")
                    .hasEntrySatisfying("sasl.jaas.config", v -> assertThat(String.valueOf(v)).contains("password=\"s3cret\""));
        }
    }

    @Test
    void shouldNameTheMissingKeyAndItsEnvironmentVariable() {
        assertThatThrownBy(() -> EnrichConfig.load(null, Map.of("TRIPLINE_ENRICH_BOOTSTRAP_SERVERS", "k:9092")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("tripline.enrich.schema-registry-url is required (or env TRIPLINE_ENRICH_SCHEMA_REGISTRY_URL)");
    }

    @Test
    void shouldRefuseUnknownKeysAndBadValues() throws IOException {
        Path file = dir.resolve("enrich.properties");
        Files.writeString(file, "tripline.enrich.bootstrap-servers=k:9092\ntripline.enrich.schema-registry-url=http://r\n"
                + "tripline.enrich.replicaton-factor=3\n");
        assertThatThrownBy(() -> EnrichConfig.load(file, Map.of()))
                .hasMessageStartingWith("unknown configuration key tripline.enrich.replicaton-factor");
        assertThatThrownBy(() -> EnrichConfig.load(null, Map.of("TRIPLINE_ENRICH_BOOTSTRAP_SERVERS", "k:9092",
                "TRIPLINE_ENRICH_SCHEMA_REGISTRY_URL", "http://r", "TRIPLINE_ENRICH_REPLICATION_FACTOR", "zero")))
                .hasMessage("tripline.enrich.replication-factor must be a positive number, got 'zero'");
        assertThatThrownBy(() -> EnrichConfig.load(null, Map.of("TRIPLINE_ENRICH_BOOTSTRAP_SERVERS", "k:9092",
                "TRIPLINE_ENRICH_SCHEMA_REGISTRY_URL", "http://r", "TRIPLINE_ENRICH_OCSF_ENABLED", "no")))
                .hasMessage("tripline.enrich.ocsf-enabled must be true or false, got 'no'");
    }

    @Test
    void shouldPublishOcsfUnlessTurnedOff() {
        Map<String, String> env = new java.util.HashMap<>(Map.of("TRIPLINE_ENRICH_BOOTSTRAP_SERVERS", "k:9092",
                "TRIPLINE_ENRICH_SCHEMA_REGISTRY_URL", "http://r"));
        assertThat(EnrichConfig.load(null, env).ocsf()).isTrue();
        env.put("TRIPLINE_ENRICH_OCSF_ENABLED", "false");
        assertThat(EnrichConfig.load(null, env).ocsf()).isFalse();
    }

    @Test
    void shouldReadSuppressionByLevelAndRuleWithTheEnvironmentOverridingLevels() throws IOException {
        Path file = dir.resolve("enrich.yml");
        Files.writeString(file, """
                tripline:
                  enrich:
                    bootstrap-servers: k:9092
                    schema-registry-url: http://r
                    suppress:
                      low: 30m
                      rule:
                        905d389b-b853-46d0-9d3d-dea0d3a3cd49: 1d
                """);
        EnrichConfig config = EnrichConfig.load(file, Map.of("TRIPLINE_ENRICH_SUPPRESS_MEDIUM", "5m"));

        assertThat(config.suppression().byLevel()).containsEntry("low", java.time.Duration.ofMinutes(30))
                .containsEntry("medium", java.time.Duration.ofMinutes(5))
                .containsEntry("informational", java.time.Duration.ofHours(1));
        assertThat(config.suppression().byRule()).containsEntry("905d389b-b853-46d0-9d3d-dea0d3a3cd49", java.time.Duration.ofDays(1));
        assertThat(EnrichConfig.load(null, Map.of("TRIPLINE_ENRICH_BOOTSTRAP_SERVERS", "k:9092",
                "TRIPLINE_ENRICH_SCHEMA_REGISTRY_URL", "http://r")).suppression()).isEqualTo(
                io.tripline.enrich.detect.Suppression.defaults());
        assertThatThrownBy(() -> EnrichConfig.load(null, Map.of("TRIPLINE_ENRICH_BOOTSTRAP_SERVERS", "k:9092",
                "TRIPLINE_ENRICH_SCHEMA_REGISTRY_URL", "http://r", "TRIPLINE_ENRICH_SUPPRESS_LOW", "a while")))
                .hasMessage("tripline.enrich.suppress.low must be a duration such as 15m or PT15M, got 'a while'");
    }
}
