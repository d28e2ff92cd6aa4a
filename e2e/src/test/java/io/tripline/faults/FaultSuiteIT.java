package io.tripline.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.tripline.core.normalize.Json;
import io.tripline.core.topic.TopicCreator;
import io.tripline.core.topic.Topics;
import io.tripline.schema.v1.Incident;
import io.tripline.schema.v1.IngestCursor;
import io.tripline.schema.v1.SecurityFinding;
import io.tripline.schema.v1.TrailEvent;
import io.tripline.simulator.AwsSimulator;
import io.tripline.simulator.SimulatorOptions;
import io.tripline.simulator.core.Seedable;
import io.tripline.simulator.fault.Counters;
import io.tripline.simulator.fault.FaultRule;
import io.tripline.simulator.fault.FaultSettings;
import io.tripline.simulator.load.LoadGenerator;
import io.tripline.simulator.load.LoadPlan;
import io.tripline.simulator.securityhub.SecurityHubFindings;
import io.tripline.stack.demo.PipelineServices;
import io.tripline.stack.demo.ServiceConfigs;
import io.tripline.stack.kafka.KafkaBroker;
import io.tripline.stack.kafka.Ports;
import io.tripline.stack.process.ChildJvm;
import io.tripline.stack.registry.RegistryConfig;
import io.tripline.stack.registry.SchemaRegistryServer;

/**
 * Issue 9's fault suite: the whole pipeline (KRaft broker in a child JVM, registry, and ingest, enrich
 * and respond as separate JVMs) under a steady simulator load of more than 2,000 signals/s (GuardDuty
 * through its poller, Security Hub through its poller, CloudTrail through S3 log files + SQS), with 10 %
 * throttling and 5 % internal errors on every AWS call throughout; each service is killed with SIGKILL
 * mid-stream and restarted, and the broker is restarted mid-load. Then everything is counted by key,
 * reading each topic from the start with read_committed, and a table of the counts is printed.
 *
 * <p>Definitions, per topic (expected sets come from the load generator's ledger and the simulator's final
 * state, never from the pipeline):
 * <ul>
 * <li>{@code tripline.raw.guardduty} (key finding id): expected = every finding id published; lost = an
 * expected id never seen; duplicated = the same (id, updatedAt) version more than once.</li>
 * <li>{@code tripline.raw.securityhub} (key finding Id): expected = every finding in the hub at the end
 * (the native load findings and the GuardDuty copies); lost and duplicated as above with UpdatedAt.</li>
 * <li>{@code tripline.raw.cloudtrail} (key eventID): expected = every eventID written to a log file; lost =
 * never seen; duplicated = an eventID more than once.</li>
 * <li>{@code tripline.findings} (key identity): expected = every identity in the hub at the end (GuardDuty
 * ARN or ASFF Id); lost = never seen; duplicated = the same (identity, source, updatedAt) more than once.</li>
 * <li>{@code tripline.incidents} (key incident id): expected = one incident per instance the findings are
 * about; lost = such an instance with no incident; duplicated = the same (incident id, version) more than
 * once.</li>
 * <li>Remediation effects, counted in the simulator: snapshots tagged by the responder per volume,
 * security-group changes per network interface (CloudTrail ModifyNetworkInterfaceAttribute), SNS
 * notifications per incident and subject on the subscribed queue; duplicated = more than one per target;
 * missing = a remediated instance without one.</li>
 * <li>Cursors ({@code tripline.ingest.cursors}, every committed record): a gap = a high-water mark that moves
 * back, an S3 token that counts fewer records of the same file than before, a final position before the
 * newest signal of its source, or a delivered log file the S3 cursor does not list as finished.</li>
 * </ul>
 */
@Tag("faults")
class FaultSuiteIT {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final String ACCOUNT = "111122223333";
    private static final String REGION = "us-east-1";
    private static final String TRAIL_BUCKET = "faults-trail";
    private static final String TRAIL_QUEUE = "faults-trail-notifications";
    private static final int REMEDIATED = FaultReport.REMEDIATED;
    private static final int LOAD_INSTANCES = 10;
    private static final LoadPlan PLAN = new LoadPlan(ACCOUNT, REGION, 60, 60, 1950, Duration.ofSeconds(125), TRAIL_BUCKET,
            TRAIL_QUEUE, 9, Duration.ofMillis(500), LOAD_INSTANCES);
    private static final Duration DRAIN = Duration.ofMinutes(4);

    private final PrintStream out = System.out;
    private final Map<String, ChildJvm> services = new LinkedHashMap<>();
    private KafkaBroker broker;

    @Test
    @Timeout(value = 15, unit = java.util.concurrent.TimeUnit.MINUTES)
    void shouldLoseAndDuplicateNothingWhenServicesAreKilledTheBrokerRestartsAndAwsFails() throws Exception {
        Path dir = Files.createTempDirectory("tripline-faults");
        Files.createDirectories(dir.resolve("logs"));
        boolean passed = false;
        broker = KafkaBroker.start(KafkaBroker.Options.defaults().dataDir(dir.resolve("kafka")).port(0));
        try (SchemaRegistryServer registry = SchemaRegistryServer.start(RegistryConfig.of(broker.bootstrapServers()).withPort(0));
             AwsSimulator simulator = AwsSimulator.start(SimulatorOptions.defaults().withPort(0).withSeed(9))) {
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
                new TopicCreator(admin, (short) 1).ensure(Topics.all());
            }
            PipelineServices.seedAccount(simulator, ACCOUNT, REGION, PipelineServices.SIMULATED_SECRET,
                    PipelineServices.SIMULATED_SECRET);
            seedInstances(simulator);
            simulator.faults().configure(new FaultSettings(9L, false, List.of(new FaultRule("*", "*", 0.10, 0.05, 0))));
            startServices(dir, simulator, registry.url());

            FaultReport run = load(simulator, registry.url());
            report(dir, run);
            run.assertNothingLostOrDuplicated();
            passed = true;
        } finally {
            services.values().forEach(ChildJvm::close);
            broker.close();
            if (passed) {
                deleteTree(dir);
            } else {
                out.println("faults: logs and broker data kept in " + dir);
            }
        }
    }

    /** Plays the load with the faults on its timeline, then waits until the pipeline has caught up. */
    private FaultReport load(AwsSimulator simulator, String registryUrl) throws Exception {
        String bootstrap = broker.bootstrapServers();
        try (LoadGenerator load = LoadGenerator.start(simulator.world(), PLAN);
             Tallies tallies = new Tallies(bootstrap, registryUrl)) {
            FaultTimeline timeline = new FaultTimeline(out);
            // The incident stage opens incidents from a stream-time punctuation every minute: the last finding
            // comes early enough (t=50 s, open delay 5 s) for stream time to pass its opening before the load ends.
            for (int i = 0; i < REMEDIATED; i++) {
                double at = 3 + i * 9;
                int n = i;
                // two versions of each finding, the second aggregating more attempts into the same id
                timeline.at(at, "brute-force finding on " + instanceId(n), () -> load.guardDuty(bruteForce(n)));
                timeline.at(at + 2, "brute-force finding on " + instanceId(n) + " updated", () -> load.guardDuty(bruteForce(n)));
            }
            timeline.at(10, "kill -9 ingest and restart it", () -> killAndRestart("ingest"));
            timeline.at(20, "kill -9 enrich and restart it", () -> killAndRestart("enrich"));
            timeline.at(30, "kill -9 respond and restart it", () -> killAndRestart("respond"));
            timeline.at(40, "restart the broker on its port and data", () -> broker = broker.restart());
            long start = System.nanoTime();
            while (!load.awaitFinished(Duration.ofMillis(200)) || !timeline.done()) {
                timeline.runDue((System.nanoTime() - start) / 1e9);
                assertServicesAlive();
            }
            double loadSeconds = (System.nanoTime() - start) / 1e9;
            out.printf("faults: load done: %d signals in %.1f s, %.0f signals/s emitted%n", load.ledger().total(),
                    loadSeconds, load.achievedPerSecond());

            Expected expected = Expected.of(simulator, load);
            long drainStart = System.nanoTime();
            long deadline = drainStart + DRAIN.toNanos();
            RemediationEffects effects;
            do {
                assertServicesAlive();
                tallies.catchUp();
                effects = RemediationEffects.of(simulator, ACCOUNT, REGION);
                if (tallies.caughtUp(expected) && effects.snapshotsPerVolume().size() >= REMEDIATED
                        && effects.groupChangesPerInterface().size() >= REMEDIATED
                        && effects.notificationsPerIncident().size() >= REMEDIATED) {
                    break;
                }
                Thread.sleep(3000);
            } while (System.nanoTime() < deadline);
            double drainSeconds = (System.nanoTime() - drainStart) / 1e9;
            // anything a late retry or a replayed transaction would add shows up in a last read after a pause
            Thread.sleep(10_000);
            tallies.catchUp();
            effects = RemediationEffects.of(simulator, ACCOUNT, REGION);
            var counters = simulator.faults().counters();
            return new FaultReport(expected, tallies.snapshot(expected), effects, tallies.cursors, load.achievedPerSecond(),
                    loadSeconds, drainSeconds, counters.total(Counters.Kind.calls),
                    counters.total(Counters.Kind.throttlesInjected), counters.total(Counters.Kind.errorsInjected));
        }
    }

    private void startServices(Path dir, AwsSimulator simulator, String registryUrl) throws IOException {
        String bootstrap = broker.bootstrapServers();
        String endpoint = simulator.endpoint().toString();
        Path ingest = ServiceConfigs.ingest(dir, bootstrap, registryUrl, endpoint, ACCOUNT, REGION,
                Instant.now().minusSeconds(60), Map.of(), List.of("guardduty", "securityhub", "s3"),
                List.of(
                        // a failed poll under injected faults is retried soon, not after minutes
                        "    max-backoff: 5s",
                        // findings are visible in the simulator as soon as they exist: a short overlap keeps a
                        // poll's re-read (and its dedupe set) small at this rate
                        "    guardduty:",
                        "      overlap: 30s",
                        "    securityhub:",
                        "      overlap: 30s",
                        "    sqs:",
                        "      wait-time: 1s"),
                List.of("        s3-queue-url: " + endpoint + "/" + ACCOUNT + "/" + TRAIL_QUEUE));
        Path enrich = ServiceConfigs.enrich(dir, bootstrap, registryUrl, Map.of(), List.of("tripline.enrich.incident.open-delay=5s"));
        Path playbook = dir.resolve("faults-ec2.yaml");
        Files.writeString(playbook, String.join("\n",
                "name: faults-ec2-brute-force",
                "description: Snapshot, quarantine and notify for brute-forced instances, without waiting for approval",
                "mode: auto",
                "match:",
                "  findingTypes: [\"UnauthorizedAccess:EC2/SSHBruteForce\"]",
                "  resourceTypes: [Instance, AwsEc2Instance]",
                "actions: [snapshot-volumes, quarantine-instance, notify]",
                ""));
        Path respond = ServiceConfigs.respond(dir, bootstrap, registryUrl, endpoint, ACCOUNT, REGION,
                PipelineServices.alertsTopicArn(ACCOUNT, REGION), Ports.claim(0), "faults-" + Long.toHexString(System.nanoTime()),
                PipelineServices.RESPOND_KEY, PipelineServices.SIMULATED_SECRET, Map.of(), List.of("    playbooks: [" + playbook + "]", "    breaker:", "      max-per-hour: 100"));
        services.put("ingest", PipelineServices.ingest(ROOT, dir, ingest, REGION, PipelineServices.SIMULATED_SECRET));
        services.put("enrich", PipelineServices.enrich(ROOT, dir, enrich));
        services.put("respond", PipelineServices.respond(ROOT, dir, respond));
        out.println("faults: services " + services.values().stream().map(c -> c.name() + " pid " + c.pid()).toList()
                + ", logs in " + dir.resolve("logs"));
    }

    private void killAndRestart(String name) throws Exception {
        ChildJvm child = services.get(name);
        long pid = child.pid();
        child.kill();
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as(name + " pid " + pid).isFalse();
        services.put(name, child.restart());
    }

    private void assertServicesAlive() throws IOException {
        for (ChildJvm child : services.values()) {
            if (!child.isAlive()) {
                List<String> lines = Files.readAllLines(child.log(), StandardCharsets.UTF_8);
                throw new AssertionError("the " + child.name() + " service stopped; last lines of " + child.log() + ":\n"
                        + String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size())));
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static String instanceId(int n) {
        return String.format("i-0fa175%011d", n);
    }

    /** Instances the brute-force findings are about, each with one ENI in an open group and one volume. */
    private static void seedInstances(AwsSimulator simulator) {
        StringBuilder instances = new StringBuilder();
        for (int n = 0; n < REMEDIATED; n++) {
            instances.append(n == 0 ? "" : ",").append("{\"instanceId\":\"").append(instanceId(n))
                    .append("\",\"instanceType\":\"t3.micro\",\"vpcId\":\"vpc-0fa17\",\"subnetId\":\"subnet-0fa17\",")
                    .append("\"privateIpAddress\":\"10.0.2.").append(10 + n).append("\",\"state\":\"running\",")
                    .append("\"tags\":{\"Name\":\"app-").append(n).append("\"},\"securityGroups\":[\"sg-0fa17app\"],")
                    .append("\"networkInterfaces\":[{\"networkInterfaceId\":\"eni-0fa175").append(n)
                    .append("\",\"groups\":[\"sg-0fa17app\"],\"privateIpAddress\":\"10.0.2.").append(10 + n).append("\"}],")
                    .append("\"volumes\":[{\"volumeId\":\"vol-0fa175").append(n).append("\",\"sizeGiB\":8,\"deviceName\":\"/dev/xvda\"}]}");
        }
        Seedable ec2 = (Seedable) simulator.services().find("ec2").orElseThrow();
        ec2.seed(simulator.world(), simulator.world().account(ACCOUNT), REGION, Json.parse("{"
                + "\"vpcs\":[{\"vpcId\":\"vpc-0fa17\",\"cidrBlock\":\"10.0.0.0/16\"}],"
                + "\"securityGroups\":[{\"groupId\":\"sg-0fa17app\",\"groupName\":\"app\",\"vpcId\":\"vpc-0fa17\","
                + "\"ingress\":[{\"ipProtocol\":\"tcp\",\"fromPort\":22,\"toPort\":22,\"cidrIp\":\"0.0.0.0/0\"}]}],"
                + "\"instances\":[" + instances + "]}"));
    }

    private static ObjectNode bruteForce(int n) {
        ObjectNode spec = (ObjectNode) Json.parse("{\"type\":\"UnauthorizedAccess:EC2/SSHBruteForce\",\"severity\":8.0,"
                + "\"resource\":{\"resourceType\":\"Instance\",\"instanceDetails\":{\"instanceId\":\"" + instanceId(n) + "\","
                + "\"instanceState\":\"running\",\"networkInterfaces\":[{\"networkInterfaceId\":\"eni-0fa175" + n + "\","
                + "\"privateIpAddress\":\"10.0.2." + (10 + n) + "\",\"securityGroups\":[{\"groupId\":\"sg-0fa17app\","
                + "\"groupName\":\"app\"}]}]}}}");
        spec.put("id", String.format("bf%030d", n));
        return spec;
    }

    private void report(Path dir, FaultReport run) throws IOException {
        String table = run.table();
        out.print(table);
        Path target = Path.of("target");
        if (Files.isDirectory(target)) {
            Files.writeString(target.resolve("faults-report.txt"), table);
        }
    }

    /** What the pipeline should show, from the generator's ledger and the simulator's final state. */
    record Expected(Set<String> guardDuty, Set<String> securityHub, Set<String> cloudTrail, Set<String> identities,
                    Set<String> incidentEntities, List<String> trailFiles, Map<String, Instant> newest) {

        static Expected of(AwsSimulator simulator, LoadGenerator load) {
            Set<String> hub = SecurityHubFindings.state(simulator.world().account(ACCOUNT), REGION).snapshot().stream()
                    .map(f -> f.path("Id").asText()).collect(Collectors.toCollection(HashSet::new));
            Set<String> entities = new HashSet<>();
            for (int n = 0; n < REMEDIATED; n++) {
                entities.add(instanceId(n));
            }
            for (int n = 0; n < LOAD_INSTANCES; n++) {
                entities.add(String.format("i-10ad%013d", n));
            }
            var ledger = load.ledger();
            Instant newestHub = SecurityHubFindings.state(simulator.world().account(ACCOUNT), REGION).snapshot().stream()
                    .map(f -> Instant.parse(f.path("UpdatedAt").asText())).max(Instant::compareTo).orElse(Instant.EPOCH);
            // cursors hold event time as the sources state it: findings to the millisecond, CloudTrail to the second
            return new Expected(ledger.guardDutyIds(), hub, new HashSet<>(ledger.cloudTrailEventIds()), hub, entities,
                    ledger.trailFiles(), Map.of("guardduty", ledger.newestGuardDuty().truncatedTo(ChronoUnit.MILLIS),
                            "securityhub", newestHub, "s3", ledger.newestCloudTrail().truncatedTo(ChronoUnit.SECONDS)));
        }
    }

    /** One tally per counted topic, plus the cursor history. */
    static final class Tallies implements AutoCloseable {
        final CursorHistory cursors = new CursorHistory();
        final Map<String, String> incidentEntity = new LinkedHashMap<>();
        final TopicTally<SecurityFinding> guardDuty;
        final TopicTally<SecurityFinding> securityHub;
        final TopicTally<TrailEvent> cloudTrail;
        final TopicTally<SecurityFinding> findings;
        final TopicTally<Incident> incidents;
        final TopicTally<IngestCursor> cursorTopic;

        Tallies(String bootstrap, String registryUrl) {
            guardDuty = new TopicTally<>(Topics.RAW_GUARDDUTY, bootstrap, registryUrl, f -> String.valueOf(f.getUpdatedAt()),
                    (k, v) -> { });
            securityHub = new TopicTally<>(Topics.RAW_SECURITYHUB, bootstrap, registryUrl,
                    f -> String.valueOf(f.getUpdatedAt()), (k, v) -> { });
            cloudTrail = new TopicTally<>(Topics.RAW_CLOUDTRAIL, bootstrap, registryUrl, e -> "", (k, v) -> { });
            findings = new TopicTally<>(Topics.FINDINGS, bootstrap, registryUrl,
                    f -> f.getSource() + "@" + f.getUpdatedAt(), (k, v) -> { });
            incidents = new TopicTally<>(Topics.INCIDENTS, bootstrap, registryUrl, i -> String.valueOf(i.getVersion()),
                    (k, v) -> incidentEntity.put(k, v.getEntity().getId().toString()));
            cursorTopic = new TopicTally<>(Topics.INGEST_CURSORS, bootstrap, registryUrl, c -> String.valueOf(c.getUpdatedAt()),
                    cursors);
        }

        List<TopicTally<?>> all() {
            return List.of(guardDuty, securityHub, cloudTrail, findings, incidents, cursorTopic);
        }

        void catchUp() {
            all().forEach(TopicTally::catchUp);
        }

        boolean caughtUp(Expected expected) {
            return guardDuty.lost(expected.guardDuty()) == 0 && securityHub.lost(expected.securityHub()) == 0
                    && cloudTrail.lost(expected.cloudTrail()) == 0 && findings.lost(expected.identities()) == 0
                    && lostIncidents(expected) == 0;
        }

        long lostIncidents(Expected expected) {
            Set<String> seen = new HashSet<>(incidentEntity.values());
            return expected.incidentEntities().stream().filter(e -> !seen.contains(e)).count();
        }

        List<Row> snapshot(Expected expected) {
            List<Row> rows = new ArrayList<>();
            rows.add(Row.of(guardDuty, expected.guardDuty().size(), guardDuty.lost(expected.guardDuty())));
            rows.add(Row.of(securityHub, expected.securityHub().size(), securityHub.lost(expected.securityHub())));
            rows.add(Row.of(cloudTrail, expected.cloudTrail().size(), cloudTrail.lost(expected.cloudTrail())));
            rows.add(Row.of(findings, expected.identities().size(), findings.lost(expected.identities())));
            rows.add(Row.of(incidents, expected.incidentEntities().size(), lostIncidents(expected)));
            return rows;
        }

        @Override
        public void close() {
            all().forEach(TopicTally::close);
        }
    }

    /** One line of the table. */
    record Row(String topic, long expected, long records, long distinctKeys, long lost, long duplicated, List<String> samples) {
        static Row of(TopicTally<?> tally, long expected, long lost) {
            return new Row(tally.name(), expected, tally.records(), tally.keys().size(), lost, tally.duplicated(),
                    tally.duplicateSamples());
        }
    }
}
