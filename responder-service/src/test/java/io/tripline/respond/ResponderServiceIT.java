package io.tripline.respond;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.tripline.core.topic.TopicCreator;
import io.tripline.core.topic.Topics;
import io.tripline.respond.action.SimulatedAws;
import io.tripline.respond.engine.TestIncidents;
import io.tripline.respond.ledger.AuditVerifier;
import io.tripline.respond.ledger.KafkaLedger;
import io.tripline.schema.v1.ActionState;
import io.tripline.schema.v1.RemediationAction;
import io.tripline.simulator.AwsSimulator;
import io.tripline.simulator.SimulatorOptions;
import io.tripline.stack.testing.SharedStack;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The responder end to end in auto mode: an EC2 incident on the incidents topic becomes forensic
 * snapshots, a quarantine and an SNS notification an SQS subscriber reads; every transition is in the
 * hash-chained audit, which verify-audit accepts, and which it rejects once a record is altered.
 */
class ResponderServiceIT {

    private static final String INSTANCE = "i-0a1b2c3d4e5f60718";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static AwsSimulator sim;
    private static ResponderHarness harness;

    @BeforeAll
    static void start() {
        sim = AwsSimulator.start(SimulatorOptions.defaults().withSeed(11));
        sim.control().playScenario("ssh-brute-force");
        harness = new ResponderHarness(sim).start();
    }

    @AfterAll
    static void stop() {
        harness.close();
        sim.close();
    }

    @Test
    void shouldSnapshotQuarantineAndNotifyForAHighEc2IncidentAndKeepAnIntactAudit() throws Exception {
        harness.produce(TestIncidents.incident("inc-ssh-1", "Instance", INSTANCE, SimulatedAws.SSH_ACCOUNT, 85), false);

        RemediationAction notify = harness.awaitAction(a -> a.getActionType().equals("notify")
                && a.getState() == ActionState.SUCCEEDED, "notify SUCCEEDED");
        RemediationAction quarantine = harness.awaitAction(a -> a.getActionType().equals("quarantine-instance")
                && a.getState() == ActionState.SUCCEEDED, "quarantine SUCCEEDED");
        RemediationAction snapshot = harness.awaitAction(a -> a.getActionType().equals("snapshot-volumes")
                && a.getState() == ActionState.SUCCEEDED, "snapshot SUCCEEDED");

        assertThat(quarantine.getVerified()).isTrue();
        assertThat(quarantine.getDetails()).containsEntry("eni.eni-0a1b2c3d4e5f6a7b8.original-groups", "sg-0web1234")
                .containsKey("note");
        assertThat(snapshot.getVerified()).isTrue();
        try (var clients = SimulatedAws.clients(sim)) {
            var ec2 = clients.forAccount(SimulatedAws.SSH_ACCOUNT, "us-east-1").ec2();
            assertThat(ec2.describeNetworkInterfaces(r -> r.networkInterfaceIds("eni-0a1b2c3d4e5f6a7b8")).networkInterfaces()
                    .get(0).groups()).extracting(g -> g.groupId()).containsExactly(quarantine.getDetails().get("quarantine-group"));
            assertThat(ec2.describeSnapshots(r -> r.ownerIds("self")).snapshots()).hasSize(1);
        }
        assertThat(SimulatedAws.cloudTrailEvents(sim, SimulatedAws.SSH_ACCOUNT, "ec2.amazonaws.com"))
                .contains("CreateSnapshot", "CreateSecurityGroup", "RevokeSecurityGroupEgress", "ModifyNetworkInterfaceAttribute");
        assertThat(snapshot.getDetails().get("snapshot.vol-0a1b2c3d4e5f6a7b8")).startsWith("snap-");
        assertThat(notify.getDetails()).containsEntry("sns.marker", "published");

        List<Message> messages = harness.receive(Duration.ofSeconds(3));
        assertThat(messages).hasSize(1);
        JsonNode envelope = JSON.readTree(messages.get(0).body());
        assertThat(envelope.path("Subject").asText()).startsWith("[Tripline HIGH 85] SSH brute force").hasSizeLessThanOrEqualTo(100);
        String text = envelope.path("Message").asText();
        assertThat(text).contains("inc-ssh-1", "Risk:      85 (HIGH)", "GuardDuty High finding (+40)",
                "Credential use outside AWS (+25)", "Instance " + INSTANCE, "Actions taken:",
                "quarantine-instance " + INSTANCE + ": SUCCEEDED", "snapshot-volumes " + INSTANCE + ": SUCCEEDED");
        assertThat(envelope.path("MessageAttributes").path("severity").path("Value").asText()).isEqualTo("HIGH");
        assertThat(envelope.path("MessageAttributes").path("account").path("Value").asText()).isEqualTo(SimulatedAws.SSH_ACCOUNT);
        assertThat(envelope.path("MessageAttributes").path("incident_id").path("Value").asText()).isEqualTo("inc-ssh-1");

        SharedStack stack = SharedStack.get();
        String audit = harness.prefix + Topics.REMEDIATION_AUDIT.name();
        AuditVerifier.Result intact = AuditVerifier.verify(stack.clientConfig(), stack.serdeConfig(), audit);
        assertThat(intact.intact()).as(intact.firstBreak().orElse("")).isTrue();
        assertThat(intact.checked()).isEqualTo(12);

        assertThat(verifyAuditCli(audit)).contains("intact (12 records)");
        String tampered = copyWithAlteredRecord(audit, 7);
        String report = verifyAuditCli(tampered);
        assertThat(report).contains("BROKEN at offset 6 (sequence 7").contains("record altered");

        // with the service stopped, the CLI rolls the quarantine back from the ledger
        harness.stop();
        String rollback = cli("--config", harness.writeConfig().toString(), "rollback", quarantine.getActionId());
        assertThat(rollback).contains("ROLLED_BACK (verified: true)");
        try (var clients = SimulatedAws.clients(sim)) {
            assertThat(clients.forAccount(SimulatedAws.SSH_ACCOUNT, "us-east-1").ec2()
                    .describeNetworkInterfaces(r -> r.networkInterfaceIds("eni-0a1b2c3d4e5f6a7b8")).networkInterfaces()
                    .get(0).groups()).extracting(g -> g.groupId()).containsExactly("sg-0web1234");
        }
        assertThat(AuditVerifier.verify(stack.clientConfig(), stack.serdeConfig(), audit).checked()).isEqualTo(13);
    }

    /** Runs {@code ResponderApplication verify-audit --topic T} as the launcher would; returns its output. */
    private static String verifyAuditCli(String topic) throws Exception {
        Path config = Files.createTempFile("responder", ".yml");
        SharedStack stack = SharedStack.get();
        Files.writeString(config, "tripline:\n  respond:\n    api:\n      token: " + ResponderHarness.TOKEN + "\n"
                + "    kafka:\n      bootstrap-servers: " + stack.bootstrapServers() + "\n"
                + "      schema-registry-url: " + stack.registryUrl() + "\n");
        return cli("--config", config.toString(), "verify-audit", "--topic", topic);
    }

    /** Runs the command line in-process; asserts exit 0, or 1 when it reports a broken chain. */
    private static String cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String before = System.getProperty("micronaut.config.files");
        try {
            int code = ResponderApplication.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(out, true, StandardCharsets.UTF_8));
            String text = out.toString(StandardCharsets.UTF_8);
            assertThat(code).as(text).isEqualTo(text.contains("BROKEN") ? 1 : 0);
            return text;
        } finally {
            if (before == null) {
                System.clearProperty("micronaut.config.files");
            } else {
                System.setProperty("micronaut.config.files", before);
            }
        }
    }

    /** Copies the audit topic to a new (non-transactional) one, changing the reason of record number {@code sequence}. */
    private static String copyWithAlteredRecord(String audit, long sequence) {
        SharedStack stack = SharedStack.get();
        String copy = SharedStack.uniqueName("tampered") + ".";
        try (var admin = stack.admin()) {
            new TopicCreator(admin, (short) 1).ensure(List.of(Topics.REMEDIATION_AUDIT), copy);
        }
        List<RemediationAction> records = new ArrayList<>();
        KafkaLedger.readToEnd(stack.clientConfig(), stack.serdeConfig(), audit, r -> records.add(
                r.value().getSequence() == sequence ? RemediationAction.newBuilder(r.value()).setReason("nothing to see here").build() : r.value()));
        Map<String, Object> config = new HashMap<>(stack.clientConfig());
        try (KafkaProducer<String, RemediationAction> producer = new KafkaProducer<>(config,
                Topics.REMEDIATION_AUDIT.keySerde(stack.serdeConfig()).serializer(),
                Topics.REMEDIATION_AUDIT.valueSerde(stack.serdeConfig()).serializer())) {
            records.forEach(r -> producer.send(new ProducerRecord<>(copy + Topics.REMEDIATION_AUDIT.name(), r.getActionId(), r)));
            producer.flush();
        }
        return copy + Topics.REMEDIATION_AUDIT.name();
    }
}
