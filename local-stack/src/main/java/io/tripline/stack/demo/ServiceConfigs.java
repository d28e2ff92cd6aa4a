package io.tripline.stack.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Configuration files the demo writes for each service: the same files an operator would write, pointed
 * at the demo's broker, registry and simulator. Other runs of the whole pipeline (the fault suite) start
 * from the same files and add their own settings.
 */
public final class ServiceConfigs {

    private ServiceConfigs() {
    }

    static Path ingest(Path dir, String bootstrap, String registry, String endpoint, String account, String region,
                       Instant startFrom) throws IOException {
        return ingest(dir, bootstrap, registry, endpoint, account, region, startFrom,
                List.of("guardduty", "securityhub", "cloudtrail"), List.of(), List.of());
    }

    /**
     * The ingest file with the account's {@code sources}, plus {@code ingestLines} (YAML under
     * {@code tripline.ingest}, indented 4) and {@code accountLines} (under the account item, indented 8).
     */
    public static Path ingest(Path dir, String bootstrap, String registry, String endpoint, String account, String region,
                              Instant startFrom, List<String> sources, List<String> ingestLines,
                              List<String> accountLines) throws IOException {
        Path file = dir.resolve("ingest.yml");
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
                "      schema.registry.url: " + registry,
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
        lines.add("");
        Files.writeString(file, String.join("\n", lines));
        return file;
    }

    static Path enrich(Path dir, String bootstrap, String registry) throws IOException {
        return enrich(dir, bootstrap, registry, List.of());
    }

    /** The enrich file plus {@code extra} properties ({@code key=value}; a repeated key overrides the demo's). */
    public static Path enrich(Path dir, String bootstrap, String registry, List<String> extra) throws IOException {
        Path file = dir.resolve("enrich.properties");
        List<String> lines = new ArrayList<>(List.of(
                "tripline.enrich.application-id=tripline-demo-enrich",
                "tripline.enrich.bootstrap-servers=" + bootstrap,
                "tripline.enrich.schema-registry-url=" + registry,
                "kafka.state.dir=" + dir.resolve("enrich-state"),
                "kafka.commit.interval.ms=300",
                // The simulator delivers within seconds of event time: a one-minute open delay is plenty
                // for out-of-order arrival and lets incidents open while the short scenario plays.
                "tripline.enrich.incident.open-delay=1m",
                // Raw records are stamped when ingest writes them, and stream time follows those stamps, while
                // the scenario's events are dated at its own start: a window and quiet period longer than that
                // gap keep incidents from closing the moment they open (see the closing note's open issue).
                "tripline.enrich.incident.window=3650d",
                "tripline.enrich.incident.quiet-period=3650d"));
        lines.addAll(extra);
        lines.add("");
        Files.writeString(file, String.join("\n", lines));
        return file;
    }

    static Path respond(Path dir, String bootstrap, String registry, String endpoint, String account, String region,
                        String topicArn, int apiPort, String token, String accessKeyId) throws IOException {
        return respond(dir, bootstrap, registry, endpoint, account, region, topicArn, apiPort, token, accessKeyId, List.of());
    }

    /** The responder file plus {@code respondLines} (YAML under {@code tripline.respond}, indented 4). */
    public static Path respond(Path dir, String bootstrap, String registry, String endpoint, String account, String region,
                               String topicArn, int apiPort, String token, String accessKeyId, List<String> respondLines)
            throws IOException {
        Path file = dir.resolve("respond.yml");
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
                "        secret-access-key: simulated",
                "    kafka:",
                "      bootstrap-servers: " + bootstrap,
                "      schema-registry-url: " + registry,
                "      transactional-id: tripline-demo-responder",
                "      replication-factor: 1"));
        lines.add("");
        Files.writeString(file, String.join("\n", lines));
        return file;
    }
}
