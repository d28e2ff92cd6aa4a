package io.tripline.stack.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.tripline.core.normalize.Json;

/**
 * Configuration files the demo writes for each service: the same files an operator would write, pointed
 * at the demo's broker, registry and simulator. {@code tripline bench} and the fault suite start the services
 * from the same files, adding their own settings (lines here, or the services' environment variables).
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
        return ingest(dir, bootstrap, registry, endpoint, account, region, startFrom, kafka,
                List.of("guardduty", "securityhub", "cloudtrail"), List.of(), List.of());
    }

    /**
     * The ingest file with the account's {@code sources}, plus {@code ingestLines} (YAML under
     * {@code tripline.ingest}, indented 4) and {@code accountLines} (under the account item, indented 8).
     */
    public static Path ingest(Path dir, String bootstrap, String registry, String endpoint, String account, String region,
                              Instant startFrom, Map<String, String> kafka, List<String> sources, List<String> ingestLines,
                              List<String> accountLines) throws IOException {
        List<String> lines = new ArrayList<>(List.of(
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
                "      schema.registry.url: " + registry));
        lines.addAll(yamlEntries("      ", kafka));
        lines.addAll(List.of(
                "    aws:",
                "      endpoint-override: " + endpoint,
                "    cloudtrail:",
                "      overlap: 2m"));
        lines.addAll(ingestLines);
        lines.addAll(List.of(
                "    accounts:",
                "      - id: \"" + account + "\"",
                "        regions: [" + region + "]",
                "        sources: [" + String.join(", ", sources) + "]"));
        lines.addAll(accountLines);
        return write(dir.resolve("ingest.yml"), lines);
    }

    /** {@code kafka}: further Kafka client and serde settings, written as {@code kafka.<key>}. */
    public static Path enrich(Path dir, String bootstrap, String registry, Map<String, String> kafka) throws IOException {
        return enrich(dir, bootstrap, registry, kafka, List.of());
    }

    /** The enrich file plus {@code extra} properties ({@code key=value}; a repeated key overrides the demo's). */
    public static Path enrich(Path dir, String bootstrap, String registry, Map<String, String> kafka, List<String> extra)
            throws IOException {
        List<String> lines = new ArrayList<>();
        new TreeMap<>(kafka).forEach((key, value) -> lines.add("kafka." + key + "=" + value));
        lines.addAll(List.of(
                "tripline.enrich.application-id=tripline-demo-enrich",
                "tripline.enrich.bootstrap-servers=" + bootstrap,
                "tripline.enrich.schema-registry-url=" + registry,
                "kafka.state.dir=" + dir.resolve("enrich-state"),
                "kafka.commit.interval.ms=300",
                // The simulator delivers within seconds of event time: a one-minute open delay is plenty
                // for out-of-order arrival and lets incidents open while the short scenario plays.
                "tripline.enrich.incident.open-delay=1m"));
        lines.addAll(extra);
        return write(dir.resolve("enrich.properties"), lines);
    }

    public static Path respond(Path dir, String bootstrap, String registry, String endpoint, String account, String region,
                               String topicArn, int apiPort, String token, String accessKeyId, String secretAccessKey,
                               Map<String, String> kafka) throws IOException {
        return respond(dir, bootstrap, registry, endpoint, account, region, topicArn, apiPort, token, accessKeyId,
                secretAccessKey, kafka, List.of());
    }

    /** The responder file plus {@code respondLines} (YAML under {@code tripline.respond}, indented 4). */
    public static Path respond(Path dir, String bootstrap, String registry, String endpoint, String account, String region,
                               String topicArn, int apiPort, String token, String accessKeyId, String secretAccessKey,
                               Map<String, String> kafka, List<String> respondLines) throws IOException {
        List<String> lines = new ArrayList<>(List.of(
                "tripline:",
                "  respond:"));
        lines.addAll(respondLines);
        lines.addAll(List.of(
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
                "      replication-factor: 1"));
        if (!kafka.isEmpty()) {
            lines.add("      properties:");
            lines.addAll(yamlEntries("        ", kafka));
        }
        return write(dir.resolve("respond.yml"), lines);
    }

    private static Path write(Path file, List<String> lines) throws IOException {
        Files.writeString(file, String.join("\n", lines) + "\n");
        return file;
    }

    /** {@code key: "value"} lines at {@code indent}, keys in order. */
    private static List<String> yamlEntries(String indent, Map<String, String> entries) {
        List<String> out = new ArrayList<>();
        new TreeMap<>(entries).forEach((key, value) -> out.add(indent + quoted(key) + ": " + quoted(value)));
        return out;
    }

    /** A YAML double-quoted scalar (JSON string syntax is valid YAML). */
    private static String quoted(String value) {
        return Json.write(Json.MAPPER.getNodeFactory().textNode(value));
    }
}
