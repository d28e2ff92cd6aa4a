package io.tripline.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.tripline.simulator.AwsSimulator;
import io.tripline.simulator.SimulatorOptions;
import io.tripline.stack.demo.ServiceConfigs;
import io.tripline.stack.kafka.Ports;
import io.tripline.stack.process.ChildJvm;

/**
 * Ingest, enrich and respond as the separate JVMs they run as in production, started from the demo's
 * configuration files and JVM options ({@link ServiceConfigs}) against the bench's broker, registry and
 * an AWS simulator. What the bench measures differently from the demo is set through the services'
 * environment variables, which override their files:
 * <ul>
 * <li>enrich: {@code open-delay} 0, so an incident opens when its first signal is processed (the records
 * arrive in order here; production keeps 15 min for CloudTrail's late delivery), and the exactly-once
 * default commit interval of 100 ms instead of the demo's 300 ms;</li>
 * <li>respond: {@code dry-run}, so a decision is recorded in the ledger at once, without waiting for a human
 * and without calling AWS.</li>
 * </ul>
 * Ingest polls the (empty) simulated account as it would a quiet one: it is there for its memory figure.
 */
final class ServiceFleet implements AutoCloseable {

    static final String ACCOUNT = "111122223333";
    static final String REGION = "us-east-1";
    static final Map<String, String> ENRICH_ENV = Map.of(
            "TRIPLINE_ENRICH_APPLICATION_ID", "tripline-bench-enrich",
            "TRIPLINE_ENRICH_INCIDENT_OPEN_DELAY", "0s",
            "TRIPLINE_KAFKA_COMMIT_INTERVAL_MS", "100");
    static final Map<String, String> RESPOND_ENV = Map.of("TRIPLINE_RESPOND_MODE", "dry-run");

    private final AwsSimulator simulator;
    private final List<ChildJvm> services = new ArrayList<>();

    private ServiceFleet(AwsSimulator simulator) {
        this.simulator = simulator;
    }

    static ServiceFleet start(Path root, Path dir, String bootstrap, String registry) throws IOException {
        Files.createDirectories(dir.resolve("logs"));
        ServiceFleet fleet = new ServiceFleet(AwsSimulator.start(SimulatorOptions.defaults().withPort(0).withSeed(7)));
        try {
            String endpoint = fleet.simulator.endpoint().toString();
            fleet.add(root, dir, "ingest", "ingest-service", "io.tripline.ingest.IngestApplication",
                    ServiceConfigs.ingest(dir, bootstrap, registry, endpoint, ACCOUNT, REGION, Instant.now().minusSeconds(3600),
                            Map.of()),
                    Map.of("AWS_ACCESS_KEY_ID", ACCOUNT, "AWS_SECRET_ACCESS_KEY", "simulated", "AWS_REGION", REGION));
            fleet.add(root, dir, "enrich", "enrich-stream", "io.tripline.enrich.EnrichApplication",
                    ServiceConfigs.enrich(dir, bootstrap, registry, Map.of()), ENRICH_ENV);
            String token = "bench-" + Long.toHexString(Double.doubleToLongBits(Math.random()));
            fleet.add(root, dir, "respond", "responder-service", "io.tripline.respond.ResponderApplication",
                    ServiceConfigs.respond(dir, bootstrap, registry, endpoint, ACCOUNT, REGION,
                            "arn:aws:sns:" + REGION + ":" + ACCOUNT + ":tripline-alerts", Ports.claim(0), token, ACCOUNT, "simulated",
                            Map.of()),
                    RESPOND_ENV);
            return fleet;
        } catch (IOException | RuntimeException e) {
            fleet.close();
            throw e;
        }
    }

    private void add(Path root, Path dir, String name, String module, String main, Path config, Map<String, String> env)
            throws IOException {
        services.add(ChildJvm.start(name, root, module, main, List.of("--config", config.toString()), env,
                ServiceConfigs.JVM_OPTIONS, dir.resolve("logs").resolve(name + ".log")));
    }

    /** Fails with the service's last log lines when one of them has stopped. */
    void checkAlive() throws IOException {
        for (ChildJvm service : services) {
            if (!service.isAlive()) {
                List<String> lines = Files.readAllLines(service.log());
                throw new IOException("the " + service.name() + " service stopped; last lines of " + service.log() + ":\n"
                        + String.join("\n", lines.subList(Math.max(0, lines.size() - 25), lines.size())));
            }
        }
    }

    /** Resident set size of each service JVM in MB, by service name. */
    Map<String, Long> rssMegabytes() {
        Map<String, Long> rss = new LinkedHashMap<>();
        services.forEach(s -> rss.put(s.name(), Rss.megabytes(s.pid())));
        return rss;
    }

    @Override
    public void close() {
        for (int i = services.size() - 1; i >= 0; i--) {
            services.get(i).close();
        }
        simulator.close();
    }
}
