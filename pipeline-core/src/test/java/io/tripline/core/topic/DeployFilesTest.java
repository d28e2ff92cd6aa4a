package io.tripline.core.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * The production shape stays true to the code: docker-compose.yml's topic initialisation creates every
 * declared topic as declared, and the compose file is valid for Docker Compose where the CLI has it.
 */
class DeployFilesTest {

    private static final Path ROOT = Path.of("..");

    @Test
    void shouldCreateEveryDeclaredTopicWithItsPartitionsCleanupAndRetention() throws IOException {
        List<String> lines = Files.readAllLines(ROOT.resolve("deploy/create-topics.sh"));
        List<String> problems = new ArrayList<>();
        for (Topic<?, ?> topic : Topics.all()) {
            String expected = "create " + topic.name() + " " + topic.partitions() + " " + topic.cleanup().value() + " "
                    + topic.configs().get("retention.ms");
            if (!lines.contains(expected)) {
                problems.add("missing or different: " + expected);
            }
        }
        long creates = lines.stream().filter(l -> l.startsWith("create ")).count();
        assertThat(problems).isEmpty();
        assertThat(creates).isEqualTo(Topics.all().size());
    }

    @Test
    void shouldDeclareTheStackAndBindTheApprovalsApiToLoopbackOnly() throws IOException {
        JsonNode compose = new ObjectMapper(new YAMLFactory()).readTree(ROOT.resolve("docker-compose.yml").toFile());
        JsonNode services = compose.get("services");
        assertThat(services.fieldNames()).toIterable()
                .contains("kafka", "schema-registry", "topics-init", "ingest", "enrich", "respond");
        assertThat(services.path("schema-registry").path("image").asText()).startsWith("confluentinc/cp-schema-registry");
        assertThat(services.path("kafka").path("environment").path("KAFKA_PROCESS_ROLES").asText()).isEqualTo("broker,controller");
        for (JsonNode port : services.path("respond").path("ports")) {
            assertThat(port.asText()).startsWith("127.0.0.1:");
        }
        for (String service : List.of("ingest", "enrich", "respond")) {
            assertThat(services.path(service).path("build").path("dockerfile").asText()).isEqualTo("deploy/Dockerfile");
        }
    }

    @Test
    void shouldPassDockerComposeConfig() throws Exception {
        List<String> compose = composeCommand();
        assumeTrue(compose != null, "neither 'docker compose' (CLI plugin) nor 'docker-compose' is installed: "
                + "the compose file cannot be validated here (.ci/run installs docker-compose)");
        List<String> command = new ArrayList<>(compose);
        command.addAll(List.of("-f", "docker-compose.yml", "config", "-q"));
        ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true);
        builder.environment().putAll(Map.of("TRIPLINE_RESPOND_API_TOKEN", "compose-config-check-token"));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }

    /** {@code docker compose} where the CLI has the plugin, else the standalone {@code docker-compose}; null if neither. */
    private static List<String> composeCommand() {
        if (succeeds("docker", "compose", "version")) {
            return List.of("docker", "compose");
        }
        return succeeds("docker-compose", "version") ? List.of("docker-compose") : null;
    }

    private static boolean succeeds(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(20, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
