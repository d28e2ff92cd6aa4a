package io.tripline.respond;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tripline.core.topic.Topics;
import io.tripline.respond.action.SimulatedAws;
import io.tripline.respond.engine.TestIncidents;
import io.tripline.schema.v1.ActionState;
import io.tripline.schema.v1.Incident;
import io.tripline.schema.v1.SecurityFinding;
import io.tripline.simulator.AwsSimulator;
import io.tripline.simulator.SimulatorOptions;
import io.tripline.stack.testing.SharedStack;

/**
 * A playbook that matches on finding types needs the incident's member findings in the evidence index
 * when it decides. Found by the fault suite (issue 9): after a restart the index was empty (the findings
 * had been read and committed by the previous instance), and an incident read ahead of its findings
 * (the findings topic lagging under load) was decided without them; either way no action was taken.
 */
class EvidenceBeforeIncidentsIT {

    private static final String TYPE = "UnauthorizedAccess:EC2/SSHBruteForce";
    private static AwsSimulator sim;
    private ResponderHarness harness;

    @TempDir
    Path dir;

    @BeforeAll
    static void startSimulator() {
        sim = AwsSimulator.start(SimulatorOptions.defaults().withSeed(12));
    }

    @AfterAll
    static void stopSimulator() {
        sim.close();
    }

    @AfterEach
    void stop() {
        if (harness != null) {
            harness.stop();
        }
    }

    private ResponderHarness start() throws Exception {
        Path playbook = dir.resolve("typed.yaml");
        Files.writeString(playbook, String.join("\n", "name: typed", "mode: auto", "match:",
                "  findingTypes: [\"" + TYPE + "\"]", "actions: [notify]", ""));
        harness = new ResponderHarness(sim).with("tripline.respond.playbooks", List.of(playbook.toString())).start();
        return harness;
    }

    @Test
    void shouldMatchOnFindingsTheInstanceBeforeTheRestartHadRead() throws Exception {
        start();
        send(Topics.FINDINGS.name(), List.of(TestIncidents.finding("gd-restart", TYPE, "i-1")));
        awaitCommitted(Topics.FINDINGS.name(), 1);
        harness.stop();

        sendIncident(incident("inc-after-restart", "gd-restart"));
        harness.start();

        harness.awaitAction(a -> a.getIncidentId().equals("inc-after-restart") && a.getState() == ActionState.SUCCEEDED,
                "notify for an incident whose finding was read before the restart");
    }

    @Test
    void shouldWaitForFindingsCommittedBeforeTheIncidentWhenTheFindingsTopicLags() throws Exception {
        start();
        harness.stop();
        // ~10 MB of other findings ahead of the member: a fetch brings at most 1 MB per partition, so the
        // incident's partition is returned many fetches before the member's record
        String payload = "x".repeat(2000);
        List<SecurityFinding> backlog = new java.util.ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            backlog.add(SecurityFinding.newBuilder(TestIncidents.finding("gd-filler-" + i, "Recon:EC2/PortProbeUnprotectedPort",
                    "i-9")).setRaw(payload).build());
        }
        backlog.add(TestIncidents.finding("gd-late", TYPE, "i-2"));
        send(Topics.FINDINGS.name(), backlog);
        sendIncident(incident("inc-behind-backlog", "gd-late"));
        harness.start();

        harness.awaitAction(a -> a.getIncidentId().equals("inc-behind-backlog") && a.getState() == ActionState.SUCCEEDED,
                "notify for an incident read ahead of its finding");
    }

    private static Incident incident(String id, String member) {
        return Incident.newBuilder(TestIncidents.incident(id, "Instance", "i-1", SimulatedAws.SSH_ACCOUNT, 40))
                .setMembers(List.of(member)).build();
    }

    private void sendIncident(Incident incident) {
        harness.produce(incident, false);
    }

    private void send(String topic, List<SecurityFinding> findings) {
        SharedStack stack = SharedStack.get();
        try (KafkaProducer<String, SecurityFinding> producer = new KafkaProducer<>(new HashMap<>(stack.clientConfig()),
                Topics.FINDINGS.keySerde(stack.serdeConfig()).serializer(),
                Topics.FINDINGS.valueSerde(stack.serdeConfig()).serializer())) {
            for (SecurityFinding finding : findings) {
                producer.send(new ProducerRecord<>(harness.prefix + topic, finding.getIdentity().toString(), finding));
            }
            producer.flush();
        }
    }

    /** Waits until the responder's group committed at least {@code records} offsets on {@code topic}. */
    private void awaitCommitted(String topic, long records) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        long committed = 0;
        while (System.nanoTime() < deadline) {
            Map<TopicPartition, OffsetAndMetadata> offsets = SharedStack.get().admin()
                    .listConsumerGroupOffsets(harness.groupId).partitionsToOffsetAndMetadata().get();
            committed = offsets.entrySet().stream().filter(e -> e.getKey().topic().equals(harness.prefix + topic))
                    .mapToLong(e -> e.getValue().offset()).sum();
            if (committed >= records) {
                return;
            }
            ResponderHarness.sleep(200);
        }
        assertThat(committed).as("offsets committed on " + topic).isGreaterThanOrEqualTo(records);
    }
}
