package io.tripline.enrich.replay;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.LongConsumer;

import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

import io.tripline.core.registry.InMemorySchemaRegistry;
import io.tripline.core.serde.SerdeConfig;
import io.tripline.core.topic.Topic;
import io.tripline.core.topic.Topics;
import io.tripline.enrich.topology.DetectionStage;
import io.tripline.enrich.topology.EnrichSettings;
import io.tripline.enrich.topology.EnrichTopology;
import io.tripline.enrich.topology.IncidentStage;
import io.tripline.schema.v1.Detection;
import io.tripline.schema.v1.SecurityFinding;
import io.tripline.schema.v1.TrailEvent;

/**
 * Runs the enrich topology offline over already-read records: Kafka Streams' own test driver executes
 * exactly the topology the live application runs, records go in strictly in event-time order with
 * their event time as timestamp, and an in-memory registry stands in for the schema registry. Nothing
 * reads the wall clock, so the same input gives byte-identical output.
 */
public final class ReplayEngine {

    /** Fixed start of the driver's wall clock: punctuations and caches must not depend on when a replay runs. */
    private static final Instant DRIVER_CLOCK = Instant.EPOCH;
    private static final int DRAIN_EVERY = 1000;

    private final DetectionStage detections;
    private final IncidentStage incidents;
    private final String version;

    public ReplayEngine(DetectionStage detections, IncidentStage incidents, String version) {
        this.detections = detections;
        this.incidents = incidents;
        this.version = version;
    }

    public ReplayResult run(List<ReplayRecord> records, List<Unparseable> unparseable, LongConsumer progress) {
        Map<String, Object> serde = Map.of(SerdeConfig.CLIENT, new InMemorySchemaRegistry());
        EnrichSettings settings = new EnrichSettings(serde, "", detections, incidents, version);
        Path stateDir = tempStateDir();
        Properties props = EnrichTopology.config("tripline-replay", "replay:9092", Map.of(
                StreamsConfig.STATE_DIR_CONFIG, stateDir.toString(),
                StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0,
                // Offline there is nothing to make exactly-once; transactional commits per record only cost time.
                StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE));
        try (TopologyTestDriver driver = new TopologyTestDriver(EnrichTopology.build(settings), props, DRIVER_CLOCK)) {
            Serde<SecurityFinding> findings = Topics.RAW_GUARDDUTY.valueSerde(serde);
            Serde<TrailEvent> trail = Topics.RAW_CLOUDTRAIL.valueSerde(serde);
            TestInputTopic<String, byte[]> guardDuty = input(driver, Topics.RAW_GUARDDUTY);
            TestInputTopic<String, byte[]> securityHub = input(driver, Topics.RAW_SECURITYHUB);
            TestInputTopic<String, byte[]> cloudTrail = input(driver, Topics.RAW_CLOUDTRAIL);
            TestOutputTopic<String, String> ocsf = driver.createOutputTopic(Topics.OCSF.name(), new StringDeserializer(),
                    new StringDeserializer());
            TestOutputTopic<String, byte[]> detectionOut = driver.createOutputTopic(Topics.DETECTIONS.name(),
                    new StringDeserializer(), new ByteArrayDeserializer());
            TestOutputTopic<byte[], byte[]> dlq = driver.createOutputTopic(Topics.DLQ.name(), new ByteArrayDeserializer(),
                    new ByteArrayDeserializer());

            List<String> lines = new ArrayList<>();
            Map<String, Long> hits = new TreeMap<>();
            Serde<Detection> detectionSerde = Topics.DETECTIONS.valueSerde(serde);
            long count = 0;
            long deadLetters = 0;
            for (ReplayRecord record : records) {
                switch (record.kind()) {
                    case GUARDDUTY -> guardDuty.pipeInput(record.key(),
                            findings.serializer().serialize(Topics.RAW_GUARDDUTY.name(), (SecurityFinding) record.value()),
                            record.eventTime());
                    case SECURITYHUB -> securityHub.pipeInput(record.key(),
                            findings.serializer().serialize(Topics.RAW_SECURITYHUB.name(), (SecurityFinding) record.value()),
                            record.eventTime());
                    case CLOUDTRAIL -> cloudTrail.pipeInput(record.key(),
                            trail.serializer().serialize(Topics.RAW_CLOUDTRAIL.name(), (TrailEvent) record.value()),
                            record.eventTime());
                }
                count++;
                if (count % DRAIN_EVERY == 0) {
                    // Drain as we go: memory stays bounded by the state stores, not by the pending output.
                    deadLetters += drain(ocsf, detectionOut, dlq, detectionSerde, lines, hits);
                    if (progress != null) {
                        progress.accept(count);
                    }
                }
            }
            deadLetters += drain(ocsf, detectionOut, dlq, detectionSerde, lines, hits);
            if (progress != null) {
                progress.accept(count);
            }
            return new ReplayResult(lines, count, hits, unparseable, deadLetters);
        } finally {
            deleteQuietly(stateDir);
        }
    }

    private static long drain(TestOutputTopic<String, String> ocsf, TestOutputTopic<String, byte[]> detections,
                              TestOutputTopic<byte[], byte[]> dlq, Serde<Detection> detectionSerde, List<String> lines,
                              Map<String, Long> hits) {
        lines.addAll(ocsf.readValuesToList());
        for (byte[] bytes : detections.readValuesToList()) {
            Detection detection = detectionSerde.deserializer().deserialize(Topics.DETECTIONS.name(), bytes);
            hits.merge(detection.getRuleId(), 1L, Long::sum);
        }
        return dlq.readValuesToList().size();
    }

    private static TestInputTopic<String, byte[]> input(TopologyTestDriver driver, Topic<?, ?> topic) {
        return driver.createInputTopic(topic.name(), new StringSerializer(), new ByteArraySerializer());
    }

    private static Path tempStateDir() {
        try {
            return Files.createTempDirectory("tripline-replay-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a state directory for the replay", e);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp directory left behind is harmless
        }
    }
}
