package io.tripline.stack.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.tripline.core.normalize.Json;

/**
 * Configuration files the demo writes for each service: the same files an operator would write, pointed
 * at the demo's broker, registry and simulator. {@code tripline bench} starts the services from the same
 * files (and overrides what it measures differently through the services' environment variables).
 */
public final class ServiceConfigs {

    /**
     * JVM options of every service the demo and the bench start: a 256 MB heap, the serial collector and
     * C1 only, so three services, the broker and the registry fit a small machine and start quickly.
     */
    public static final List<String> JVM_OPTIONS = List.of("-Xmx256m", "-Xss512k", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1", "-Dlog4j2.configurationFile=classpath:log4j2.xml");

    private ServiceConfigs() {
    }

    /** {@code kafka}: further Kafka client and serde settings (TLS, SASL, registry credentials), passed through as they are. */
    public static Path ingest(Path dir, String bootstrap, String registry, String endpoint, String account, String region,
                              Instant startFrom, Map<String, String> kafka) throws IOException {
        Path file = dir.resolve("ingest.yml");
        Files.writeString(file, String.join("\n",
                "micronaut:",
                "  server:",
                "    host: 127.0.0.1",
                "    port: -1",
                "tripline:",
                "  ingest:",
                "    instance-id: demo",
                "    poll-interval: 1s",
                "    start-from: \"" + startFrom + "\"",
                "    kafka:",
                "      bootstrap.servers: " + bootstrap,
                "      schema.registry.url: " + registry,
                yamlEntries("      ", kafka),
                "    aws:",
                "      endpoint-override: " + endpoint,
                "    cloudtrail:",
                "      overlap: 2m",
                "    accounts:",
                "      - id: \"" + account + "\"",
                "        regions: [" + region + "]",
                "        sources: [guardduty, securityhub, cloudtrail]",
                ""));
        return file;
    }

    /** {@code kafka}: further Kafka client and serde settings, written as {@code kafka.<key>}. */
    public static Path enrich(Path dir, String bootstrap, String registry, Map<String, String> kafka) throws IOException {
        Path file = dir.resolve("enrich.properties");
        StringBuilder extra = new StringBuilder();
        new TreeMap<>(kafka).forEach((key, value) -> extra.append("kafka.").append(key).append('=').append(value).append('\n'));
        Files.writeString(file, extra + String.join("\n",
                "tripline.enrich.application-id=tripline-demo-enrich",
                "tripline.enrich.bootstrap-servers=" + bootstrap,
                "tripline.enrich.schema-registry-url=" + registry,
                "kafka.state.dir=" + dir.resolve("enrich-state"),
                "kafka.commit.interval.ms=300",
                // The simulator delivers within seconds of event time: a one-minute open delay is plenty
                // for out-of-order arrival and lets incidents open while the short scenario plays.
                "tripline.enrich.incident.open-delay=1m",
                ""));
        return file;
    }

    public static Path respond(Path dir, String bootstrap, String registry, String endpoint, String account, String region,
                                 String topicArn, int apiPort, String token, String accessKeyId, String secretAccessKey,
                                 Map<String, String> kafka) throws IOException {
        Path file = dir.resolve("respond.yml");
        Files.writeString(file, String.join("\n",
                "tripline:",
                "  respond:",
                // The demo acts for real against the simulator; playbooks in approve mode wait for the demo's
                // operator, who approves through the real approvals API.
                "    mode: auto",
                "    sns-topic-arn: " + topicArn,
                "    approval-ttl: 10m",
                "    retry-backoff: 200ms",
                "    api:",
                "      host: 127.0.0.1",
                "      port: " + apiPort,
                "      token: " + token,
                "    aws:",
                "      endpoint-override: " + endpoint,
                "      default-region: " + region,
                "    accounts:",
                "      - id: \"" + account + "\"",
                "        access-key-id: \"" + accessKeyId + "\"",
                "        secret-access-key: " + quoted(secretAccessKey),
                "    kafka:",
                "      bootstrap-servers: " + bootstrap,
                "      schema-registry-url: " + registry,
                "      transactional-id: tripline-demo-responder",
                "      replication-factor: 1",
                kafka.isEmpty() ? "" : "      properties:",
                yamlEntries("        ", kafka),
                ""));
        return file;
    }

    /** {@code key: "value"} lines at {@code indent}, keys in order; empty for no entries. */
    private static String yamlEntries(String indent, Map<String, String> entries) {
        StringBuilder out = new StringBuilder();
        new TreeMap<>(entries).forEach((key, value) -> out.append(out.length() == 0 ? "" : "\n").append(indent)
                .append(quoted(key)).append(": ").append(quoted(value)));
        return out.toString();
    }

    /** A YAML double-quoted scalar (JSON string syntax is valid YAML). */
    private static String quoted(String value) {
        return Json.write(Json.MAPPER.getNodeFactory().textNode(value));
    }
}
