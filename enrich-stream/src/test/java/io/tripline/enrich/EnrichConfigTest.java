package io.tripline.enrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

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
    }
}
