package io.tripline.enrich.incident;

import static io.tripline.enrich.incident.Samples.event;
import static io.tripline.enrich.incident.Samples.finding;
import static io.tripline.enrich.incident.Samples.onAccessKey;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.tripline.core.normalize.Normalizers;
import io.tripline.core.topic.Topics;
import io.tripline.enrich.EnrichApplication;
import io.tripline.enrich.EnrichConfig;
import io.tripline.schema.v1.Incident;
import io.tripline.schema.v1.IncidentStatus;
import io.tripline.schema.v1.SecurityFinding;
import io.tripline.schema.v1.TrailEvent;
import io.tripline.stack.testing.SharedStack;

/**
 * The live application on the real broker, fed the way a backfill reaches it: ingest writes hours of
 * activity within a second, so every raw record's timestamp (write time) is the same moment, months after
 * the events. Correlation must still follow event time: the open delay collects a chain's signals before
 * the incident opens, the window keeps out a signal a day older than the incident, and the quiet period
 * closes an incident one hour of <em>event</em> time after its last signal. (A TopologyTestDriver cannot
 * show this: it runs every sub-topology in one task, whose stream time the raw stamps would drive.)
 */
class IncidentEventTimeIT {

    private static final SharedStack STACK = SharedStack.get();
    private static final String DAVE = "arn:aws:iam::" + Samples.ACCOUNT + ":user/dave";

    @TempDir
    Path dir;

    @Test
    void shouldOpenCorrelateAndCloseInEventTimeWhenRecordsAreStampedWithTheirWriteTime() throws Exception {
        String prefix = SharedStack.uniqueName("incident-event-time") + ".";
        Path file = dir.resolve("enrich.properties");
        Files.writeString(file, String.join("\n",
                "tripline.enrich.bootstrap-servers=" + STACK.bootstrapServers(),
                "tripline.enrich.schema-registry-url=" + STACK.registryUrl(),
                "tripline.enrich.topic-prefix=" + prefix,
                "tripline.enrich.application-id=" + SharedStack.uniqueName("incident-event-time-app"),
                "tripline.enrich.incident.quiet-period=1h",
                "kafka.state.dir=" + Files.createTempDirectory(dir, "state"),
                "kafka.commit.interval.ms=200", ""));
        EnrichConfig config = EnrichConfig.load(file, Map.of());
        // Dave created a key a day and a half before his anomaly finding: outside the 24 h window, no chain.
        List<Scenarios.Input> first = new ArrayList<>();
        first.add(Scenarios.ct(event("ev-dave-old", "2026-02-28T08:00:00Z", "iam.amazonaws.com", "CreateAccessKey", DAVE,
                "198.51.100.11", "{\"userName\":\"eve\"}")));
        first.addAll(Scenarios.iamAnomalyWithPersistence());
        first.add(Scenarios.gd(onAccessKey(finding("dave01", "CredentialAccess:IAMUser/AnomalousBehavior", 5.0,
                "2026-03-01T10:00:00Z"), "AKIAEXAMPLEDAVE00001", "dave", "IAMUser", "AIDAEXAMPLEDAVE")));
        first.add(tick("2026-03-01T10:40:00Z"));

        try (EnrichApplication app = EnrichApplication.start(config, null,
                IncidentStages.standard(IncidentConfig.from(config.incident())));
             Incidents incidents = new Incidents(prefix)) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (app.state() != KafkaStreams.State.RUNNING && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            // All written within milliseconds, months after the events: write time says nothing about event time.
            Instant writeTime = Instant.now();
            produceAsBackfill(prefix, first, writeTime);
            incidents.await(IncidentStatus.OPEN, Set.of("alice", "dave"));
            produceAsBackfill(prefix, List.of(tick("2026-03-01T12:00:00Z")), writeTime.plusMillis(first.size()));
            Map<String, List<Incident>> byEntity = incidents.await(IncidentStatus.CLOSED, Set.of("alice", "dave"));

            List<Incident> alice = byEntity.get("alice");
            // Opened after the open delay in event time, so the whole chain is in the first version.
            assertThat(alice.get(0).getStatus()).isEqualTo(IncidentStatus.OPEN);
            assertThat(shortIds(alice.get(0))).containsExactly("iam01", "ev-iam-1", "ev-iam-2", "ev-iam-3");
            assertThat(IncidentChainsTopologyTest.factorNames(alice.get(0))).contains("chain:iam-anomaly-with-persistence");
            // Closed by the quiet period, one hour after the last signal (10:07) in event time, not the moment it opened.
            assertThat(alice).extracting(Incident::getStatus).containsExactly(IncidentStatus.OPEN, IncidentStatus.CLOSED);
            assertThat(alice.get(1).getUpdatedAt()).isEqualTo(Instant.parse("2026-03-01T11:07:00Z"));

            List<Incident> dave = byEntity.get("dave");
            assertThat(shortIds(dave.get(0))).as("the key created outside the window stays out").containsExactly("dave01");
            assertThat(IncidentChainsTopologyTest.factorNames(dave.get(0))).noneMatch(f -> f.startsWith("chain:"));
            assertThat(dave).extracting(Incident::getStatus).containsExactly(IncidentStatus.OPEN, IncidentStatus.CLOSED);
            assertThat(dave.get(1).getUpdatedAt()).isEqualTo(Instant.parse("2026-03-01T11:00:00Z"));
        }
    }

    /** Member ids with findings by their own id rather than their ARN. */
    private static List<String> shortIds(Incident incident) {
        return incident.getMembers().stream().map(m -> m.substring(m.lastIndexOf('/') + 1)).toList();
    }

    /** A failed console login in another account: moves event time without touching the incidents under test. */
    private static Scenarios.Input tick(String time) {
        ObjectNode tick = Samples.consoleLogin("tick-" + time, time, "arn:aws:iam::999999999999:user/clock", "198.51.100.200",
                false, false);
        tick.put("recipientAccountId", "999999999999");
        ((ObjectNode) tick.get("userIdentity")).put("accountId", "999999999999");
        return Scenarios.ct(tick);
    }

    /** Every record stamped with one write time, a millisecond apart, in the given order, to partition 0. */
    private static void produceAsBackfill(String prefix, List<Scenarios.Input> inputs, Instant writeTime) throws Exception {
        Normalizers normalizers = new Normalizers();
        Map<String, Object> serde = STACK.serdeConfig();
        var findings = Topics.RAW_GUARDDUTY.valueSerde(serde).serializer();
        var trail = Topics.RAW_CLOUDTRAIL.valueSerde(serde).serializer();
        Map<String, Object> producerConfig = STACK.clientConfig();
        producerConfig.put("acks", "all");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerConfig, new StringSerializer(),
                new ByteArraySerializer())) {
            long stamp = writeTime.toEpochMilli();
            for (Scenarios.Input input : inputs) {
                if (input.finding()) {
                    String topic = prefix + Topics.RAW_GUARDDUTY.name();
                    SecurityFinding finding = normalizers.guardDuty().normalize(input.json());
                    producer.send(new ProducerRecord<>(topic, 0, stamp++, finding.getSourceId(), findings.serialize(topic, finding)));
                } else {
                    String topic = prefix + Topics.RAW_CLOUDTRAIL.name();
                    TrailEvent event = normalizers.cloudTrail().normalize(input.json());
                    producer.send(new ProducerRecord<>(topic, 0, stamp++, event.getEventId(), trail.serialize(topic, event)));
                }
                // One at a time, so the application reads them in this order whatever its fetch sizes.
                producer.flush();
            }
        }
    }

    /** The incidents topic read_committed, versions collected by the last part of the entity id (alice, dave). */
    private static final class Incidents implements AutoCloseable {

        private final KafkaConsumer<String, byte[]> consumer;
        private final Map<String, List<Incident>> byEntity = new TreeMap<>();

        Incidents(String prefix) {
            Map<String, Object> config = STACK.clientConfig();
            config.put(ConsumerConfig.GROUP_ID_CONFIG, SharedStack.uniqueName("incident-event-time-check"));
            config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
            consumer.subscribe(Set.of(prefix + Topics.INCIDENTS.name()));
        }

        /** Reads until every entity named has a version with {@code status} (or two minutes passed). */
        Map<String, List<Incident>> await(IncidentStatus status, Set<String> entities) {
            var deserializer = Topics.INCIDENTS.valueSerde(STACK.serdeConfig()).deserializer();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (System.nanoTime() < deadline && !entities.stream().allMatch(e -> reached(byEntity.get(e), status))) {
                consumer.poll(Duration.ofMillis(300)).forEach(r -> {
                    Incident incident = deserializer.deserialize(r.topic(), r.value());
                    String id = incident.getEntity().getId();
                    byEntity.computeIfAbsent(id.substring(id.lastIndexOf('/') + 1), k -> new ArrayList<>()).add(incident);
                });
            }
            assertThat(entities).as("entities with a %s incident in %s", status, byEntity)
                    .allMatch(e -> reached(byEntity.get(e), status));
            return byEntity;
        }

        private static boolean reached(List<Incident> versions, IncidentStatus status) {
            return versions != null && versions.stream().anyMatch(i -> i.getStatus() == status);
        }

        @Override
        public void close() {
            consumer.close();
        }
    }
}
