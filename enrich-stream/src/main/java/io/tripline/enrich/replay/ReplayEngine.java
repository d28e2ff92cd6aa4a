package io.tripline.enrich.replay;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
import org.apache.kafka.streams.KeyValue;
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
    private final Duration settle;

    public ReplayEngine(DetectionStage detections, IncidentStage incidents, String version) {
        this(detections, incidents, version, Duration.ZERO);
    }

    /**
     * An engine that, after the last record, moves stream time {@code settle} further (see {@link #run}), so
     * that what the topology holds back for a stream-time delay — incidents waiting out their open delay —
     * is published as the live application would once later records came.
     */
    public ReplayEngine(DetectionStage detections, IncidentStage incidents, String version, Duration settle) {
        this.detections = detections;
        this.incidents = incidents;
        this.version = version;
        this.settle = settle;
    }

    public ReplayResult run(List<ReplayRecord> records, List<Unparseable> unparseable, LongConsumer progress) {
        Map<String, Object> serde = Map.of(SerdeConfig.CLIENT, new InMemorySchemaRegistry());
        EnrichSettings settings = new EnrichSettings(serde, "", detections, incidents, version);
        Path stateDir = tempStateDir();
        Properties props = EnrichTopology.config(settings, "tripline-replay", "replay:9092", Map.of(
                StreamsConfig.STATE_DIR_CONFIG, stateDir.toString(),
                StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0,
                // Records go in one at a time in event-time order, so there is never another partition to wait
                // for; without this the driver formats a "waiting for data" message per empty input partition
                // and record.
                StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, -1L,
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

            List<String> keys = new ArrayList<>();
            List<String> lines = new ArrayList<>();
            Map<String, Long> hits = new TreeMap<>();
            Serde<Detection> detectionSerde = Topics.DETECTIONS.valueSerde(serde);
            long count = 0;
            long deadLetters = 0;
            Instant last = null;
            for (ReplayRecord record : records) {
                last = record.eventTime();
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
                    deadLetters += drain(ocsf, detectionOut, dlq, detectionSerde, keys, lines, hits);
                    if (progress != null) {
                        progress.accept(count);
                    }
                }
            }
            if (last != null && !settle.isZero()) {
                // A tombstone: every stage ignores it, but it moves the driver's stream time, so stream-time
                // punctuations (incident opens due within the settle time) run as they would live.
                cloudTrail.pipeInput("", null, last.plus(settle));
            }
            deadLetters += drain(ocsf, detectionOut, dlq, detectionSerde, keys, lines, hits);
            if (progress != null) {
                progress.accept(count);
            }
            return new ReplayResult(lines, keys, count, hits, unparseable, deadLetters);
        } finally {
            deleteQuietly(stateDir);
        }
    }

    private static long drain(TestOutputTopic<String, String> ocsf, TestOutputTopic<String, byte[]> detections,
                              TestOutputTopic<byte[], byte[]> dlq, Serde<Detection> detectionSerde, List<String> keys,
                              List<String> lines, Map<String, Long> hits) {
        for (KeyValue<String, String> record : ocsf.readKeyValuesToList()) {
            keys.add(record.key);
            lines.add(record.value);
        }
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
