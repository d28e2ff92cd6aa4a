package io.tripline.stack.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.apache.kafka.clients.admin.Admin;

import com.fasterxml.jackson.databind.JsonNode;

import io.tripline.core.normalize.Json;
import io.tripline.core.serde.SerdeConfig;
import io.tripline.core.topic.TopicCreator;
import io.tripline.core.topic.Topics;
import io.tripline.simulator.AwsSimulator;
import io.tripline.simulator.SimulatorOptions;
import io.tripline.simulator.scenario.Scenario;
import io.tripline.simulator.sqs.SqsQueue;
import io.tripline.simulator.sqs.SqsState;
import io.tripline.stack.kafka.KafkaBroker;
import io.tripline.stack.kafka.Ports;
import io.tripline.stack.process.ChildJvm;
import io.tripline.stack.registry.RegistryConfig;
import io.tripline.stack.registry.SchemaRegistryServer;

/**
 * One demo run: starts every part, narrates, approves what waits for approval, and decides when the
 * story is over. Closing it stops the services, the simulator, the registry and the broker.
 */
final class DemoRun implements AutoCloseable {

    static final String ALERTS = PipelineServices.ALERTS;
    private static final String OPERATOR = "demo-operator";

    private final DemoOptions options;
    private final Path dir;
    private final PrintStream out;
    private final DemoState state = new DemoState();
    private final List<ChildJvm> children = new ArrayList<>();
    private final DemoSecrets secrets = DemoSecrets.generate();
    private KafkaBroker broker;
    private SchemaRegistryServer registry;
    private AwsSimulator simulator;
    private DemoNarrator narrator;
    private Thread narratorThread;
    private DemoApprover approver;
    private String account;
    private String region;

    DemoRun(DemoOptions options, Path dir, PrintStream out) {
        this.options = options;
        this.dir = dir;
        this.out = out;
    }

    void start() throws IOException {
        Files.createDirectories(dir.resolve("logs"));
        out.println("tripline demo: scenario " + options.scenario() + " at " + (int) options.speed() + "x, data in " + dir);
        broker = KafkaBroker.start(KafkaBroker.Options.defaults().dataDir(dir.resolve("kafka")).port(0));
        registry = SchemaRegistryServer.start(RegistryConfig.of(broker.bootstrapServers()).withPort(0));
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            new TopicCreator(admin, (short) 1).ensure(Topics.all());
        }
        simulator = AwsSimulator.start(SimulatorOptions.defaults().withPort(0).withSeed(7).withSpeed(options.speed())
                .withScenario(options.scenario()));
        Scenario scenario = simulator.scenarios().load(options.scenario());
        JsonNode first = scenario.accounts().get(0);
        account = first.path("id").asText();
        region = first.path("regions").path(0).asText("us-east-1");
        PipelineServices.seedAccount(simulator, account, region, secrets.ingestSecretKey(), secrets.respondSecretKey());
        out.println("  kafka: " + broker.bootstrapServers() + "   schema-registry: " + registry.url()
                + "   aws-simulator: " + simulator.endpoint());

        narrator = new DemoNarrator(broker.bootstrapServers(), Map.of(SerdeConfig.URL, registry.url()), state, out);
        narratorThread = new Thread(narrator, "demo-narrator");
        narratorThread.setDaemon(true);
        narratorThread.start();

        String endpoint = simulator.endpoint().toString();
        Instant startFrom = scenario.start() == null ? Instant.now().minusSeconds(3600) : scenario.start().minusSeconds(3600);
        Map<String, String> kafka = secrets.kafkaClientProperties();
        children.add(PipelineServices.ingest(options.root(), dir, ServiceConfigs.ingest(dir, broker.bootstrapServers(),
                registry.url(), endpoint, account, region, startFrom, kafka), region, secrets.ingestSecretKey()));
        children.add(PipelineServices.enrich(options.root(), dir,
                ServiceConfigs.enrich(dir, broker.bootstrapServers(), registry.url(), kafka)));
        int apiPort = Ports.claim(0);
        children.add(PipelineServices.respond(options.root(), dir, ServiceConfigs.respond(dir, broker.bootstrapServers(),
                registry.url(), endpoint, account, region, PipelineServices.alertsTopicArn(account, region), apiPort,
                secrets.apiToken(), PipelineServices.RESPOND_KEY, secrets.respondSecretKey(), kafka)));
        approver = new DemoApprover("http://127.0.0.1:" + apiPort, secrets.apiToken(), OPERATOR, narrator);
        out.println("  services: " + children.stream().map(c -> c.name() + " (pid " + c.pid() + ")").toList()
                + ", logs in " + dir.resolve("logs"));
    }

    /** Waits until the scenario played, the expectations hold (or nothing happened for a while), or the timeout. */
    DemoSummary awaitOutcome() throws InterruptedException, IOException {
        DemoExpectations expectations = DemoExpectations.of(options.scenario());
        DemoSummary summary = new DemoSummary(options.scenario(), state, expectations);
        long deadline = System.nanoTime() + options.timeout().toNanos();
        long playedAt = 0;
        while (System.nanoTime() < deadline) {
            for (ChildJvm child : children) {
                if (!child.isAlive()) {
                    throw new IOException("the " + child.name() + " service stopped; last lines of " + child.log() + ":\n"
                            + tail(child.log()));
                }
            }
            int notifications = alertsReceived();
            if (state.notifications(notifications)) {
                narrator.notification(notifications, ALERTS);
            }
            approver.approvePending();
            if (simulator.scenarios().status().finished()) {
                if (playedAt == 0) {
                    playedAt = System.nanoTime();
                }
                // The last signals still travel through ingest, enrich and respond after the scenario ends:
                // stop once everything expected happened, or when the pipeline has been quiet for a while.
                long sinceEnd = System.nanoTime() - playedAt;
                boolean settled = summary.failedChecks().isEmpty() && state.quietNanos() > 3e9 && sinceEnd > 3e9;
                boolean idle = sinceEnd > 20e9 && state.quietNanos() > 15e9;
                if (settled || idle) {
                    break;
                }
            }
            Thread.sleep(500);
        }
        return summary;
    }

    private int alertsReceived() {
        SqsState sqs = simulator.world().account(account).regional(region, SqsState.class, () -> new SqsState(account, region));
        SqsQueue queue = sqs.find(ALERTS);
        return queue == null ? 0 : (int) java.util.Arrays.stream(queue.counts()).sum();
    }

    /** The simulator, for end-to-end tests that check what the remediation changed. */
    AwsSimulator simulator() {
        return simulator;
    }

    /** The secrets the demo configured (token, AWS secret keys, registry and SASL passwords); tests check none reaches a log. */
    DemoSecrets secrets() {
        return secrets;
    }

    Path logs() {
        return dir.resolve("logs");
    }

    String account() {
        return account;
    }

    String region() {
        return region;
    }

    void awaitInterrupt() throws InterruptedException {
        CountDownLatch latch = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(latch::countDown));
        latch.await();
    }

    /**
     * Writes the simulator's final state (instances, security groups, snapshots, keys, queues, CloudTrail)
     * to {@code simulator-state.json} in the demo directory, for {@code --keep-data} and end-to-end tests.
     */
    Path dumpSimulatorState() throws IOException {
        Path file = dir.resolve("simulator-state.json");
        Files.writeString(file, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(simulator.control().state()));
        return file;
    }

    @Override
    public void close() {
        if (narrator != null) {
            narrator.stop();
        }
        for (int i = children.size() - 1; i >= 0; i--) {
            children.get(i).close();
        }
        if (narratorThread != null) {
            try {
                narratorThread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (simulator != null) {
            simulator.close();
        }
        if (registry != null) {
            registry.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 25), lines.size()));
        } catch (IOException e) {
            return "(unreadable)";
        }
    }

    static void deleteQuietly(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // leftovers in .tripline are harmless
        }
    }
}
