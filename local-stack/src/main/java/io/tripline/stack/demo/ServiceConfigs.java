package io.tripline.stack.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Configuration files the demo writes for each service: the same files an operator would write, pointed
 * at the demo's broker, registry and simulator.
 */
final class ServiceConfigs {

    private ServiceConfigs() {
    }

    static Path ingest(Path dir, String bootstrap, String registry, String endpoint, String account, String region,
                       Instant startFrom) throws IOException {
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

    static Path enrich(Path dir, String bootstrap, String registry) throws IOException {
        Path file = dir.resolve("enrich.properties");
        Files.writeString(file, String.join("\n",
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

    static Path respond(Path dir, String bootstrap, String registry, String endpoint, String account, String region,
                        String topicArn, int apiPort, String token, String accessKeyId) throws IOException {
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
                "        secret-access-key: simulated",
                "    kafka:",
                "      bootstrap-servers: " + bootstrap,
                "      schema-registry-url: " + registry,
                "      transactional-id: tripline-demo-responder",
                "      replication-factor: 1",
                ""));
        return file;
    }
}
