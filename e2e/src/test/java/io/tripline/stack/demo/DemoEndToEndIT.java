package io.tripline.stack.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.tripline.simulator.AwsSimulator;
import io.tripline.simulator.ec2.Ec2Resources;
import io.tripline.simulator.ec2.Ec2State;
import io.tripline.simulator.iam.IamState;
import io.tripline.simulator.s3.S3State;
import io.tripline.simulator.sqs.SqsQueue;
import io.tripline.simulator.sqs.SqsState;

/**
 * The whole pipeline as {@code ./tripline demo} runs it (broker, registry, simulator, and the three
 * services as separate JVMs over real Kafka), once per shipped scenario: the summary's checks hold, and
 * the simulator's final state shows what AWS would after the remediation.
 */
class DemoEndToEndIT {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ssh-brute-force", "compromised-user", "data-exposure"})
    void shouldDetectCorrelateAndRemediateTheScenarioEndToEnd(String scenario) throws Exception {
        ByteArrayOutputStream narrative = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(narrative, true, StandardCharsets.UTF_8);
        Path dir = Files.createTempDirectory("tripline-e2e-" + scenario);
        DemoOptions options = DemoOptions.parse(new String[] {"--scenario", scenario, "--timeout", "240"}, ROOT);
        try (DemoRun demo = new DemoRun(options, dir, out)) {
            demo.start();
            DemoSummary summary = demo.awaitOutcome();
            out.print(summary.table());
            String story = narrative.toString(StandardCharsets.UTF_8);

            assertThat(summary.failedChecks()).as(story).isEmpty();
            assertThat(alerts(demo).getMessages()).as("SNS notifications delivered to the subscribed queue").isNotEmpty();
            assertThat(alerts(demo).getMessages().get(0).getBody()).contains("\"Type\":\"Notification\"");
            assertSecretsConfigured(dir, demo);
            assertSecretsNeverLogged(demo);
            switch (scenario) {
                case "ssh-brute-force" -> assertQuarantinedWithSnapshots(demo, story);
                case "compromised-user" -> assertKeysDisabled(demo, story);
                default -> assertBucketBlocked(demo, story);
            }
        } finally {
            DemoRun.deleteQuietly(dir);
        }
    }

    /** The scan below means something only if the services were really given the secrets. */
    private static void assertSecretsConfigured(Path dir, DemoRun demo) throws java.io.IOException {
        for (String config : List.of("ingest.yml", "enrich.properties", "respond.yml")) {
            assertThat(Files.readString(dir.resolve(config))).as(config)
                    .contains(demo.secrets().registryPassword(), demo.secrets().saslPassword());
        }
        assertThat(Files.readString(dir.resolve("respond.yml"))).contains(demo.secrets().apiToken(), demo.secrets().respondSecretKey());
    }

    /**
     * The approvals token, the services' AWS secret keys, the registry's basic-auth password and the SASL password
     * are configuration secrets: no service log may contain them (config dumps, exception messages, Kafka's client
     * configuration logging included).
     */
    private static void assertSecretsNeverLogged(DemoRun demo) throws java.io.IOException {
        List<Path> logs;
        try (var files = Files.list(demo.logs())) {
            logs = files.toList();
        }
        assertThat(logs).extracting(p -> p.getFileName().toString()).contains("ingest.log", "enrich.log", "respond.log");
        for (Path log : logs) {
            String text = Files.readString(log);
            for (String secret : demo.secrets().all()) {
                assertThat(text).as(log + " must not contain a configured secret").doesNotContain(secret);
            }
        }
    }

    private static void assertQuarantinedWithSnapshots(DemoRun demo, String story) {
        Ec2State ec2 = ec2(demo);
        Ec2Resources.Instance instance = ec2.instance("i-0a1b2c3d4e5f60718");
        List<String> groups = ec2.primaryInterface(instance).groups;
        assertThat(groups).as(story).hasSize(1).doesNotContain("sg-0web1234");
        Ec2Resources.SecurityGroup quarantine = ec2.group(groups.get(0));
        assertThat(quarantine.ingress).as("quarantine group ingress").isEmpty();
        assertThat(quarantine.egress).as("quarantine group egress").isEmpty();
        assertThat(ec2.snapshots.values()).as(story)
                .anySatisfy(s -> {
                    assertThat(s.volumeId).isEqualTo("vol-0a1b2c3d4e5f6a7b8");
                    assertThat(s.tags.keySet()).anyMatch(k -> k.startsWith("tripline"));
                });
    }

    private static void assertKeysDisabled(DemoRun demo, String story) {
        IamState iam = demo.simulator().world().account(demo.account()).global(IamState.class,
                () -> new IamState(demo.account()));
        assertThat(iam.users.get("alice").accessKeys).as(story).isNotEmpty()
                .allSatisfy(k -> assertThat(k.status).isEqualTo("Inactive"));
    }

    private static void assertBucketBlocked(DemoRun demo, String story) {
        S3State s3 = demo.simulator().world().account(demo.account()).global(S3State.class, () -> new S3State(demo.account()));
        Map<String, Boolean> block = s3.buckets.get("acme-customer-exports").publicAccessBlock;
        assertThat(block).as(story).isNotNull().containsValues(true).doesNotContainValue(false);
    }

    private static Ec2State ec2(DemoRun demo) {
        AwsSimulator simulator = demo.simulator();
        return simulator.world().account(demo.account()).regional(demo.region(), Ec2State.class,
                () -> new Ec2State(demo.account(), demo.region()));
    }

    private static SqsQueue alerts(DemoRun demo) {
        return demo.simulator().world().account(demo.account()).regional(demo.region(), SqsState.class,
                () -> new SqsState(demo.account(), demo.region())).find(DemoRun.ALERTS);
    }
}
