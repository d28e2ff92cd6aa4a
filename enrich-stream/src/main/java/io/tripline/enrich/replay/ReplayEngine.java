package io.tripline.enrich.replay;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.LongConsumer;

import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyTestDriver;

import io.tripline.core.normalize.SourceKind;
import io.tripline.core.registry.InMemorySchemaRegistry;
import io.tripline.core.serde.SerdeConfig;
import io.tripline.core.serde.Subjects;
import io.tripline.core.topic.Topics;
import io.tripline.enrich.detect.MatchesAhead;
import io.tripline.enrich.detect.SigmaDetectionStage;
import io.tripline.enrich.topology.DetectionStage;
import io.tripline.enrich.topology.EnrichSettings;
import io.tripline.enrich.topology.EnrichTopology;
import io.tripline.enrich.topology.IncidentStage;
import io.tripline.schema.v1.SecurityFinding;
import io.tripline.schema.v1.TrailEvent;

/**
 * Runs the enrich topology offline over already-read records: exactly the topology the live application
 * runs, on the stream task Kafka Streams' test driver sets up for it ({@link TaskFeed}), records going in
 * strictly in event-time order with their event time as timestamp, and an in-memory registry standing in
 * for the schema registry. Nothing reads the wall clock, so the same input gives byte-identical output.
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
        return run(records, unparseable, progress, Executor.TASK);
    }

    /**
     * The two ways to execute the topology. Both run the stream task the test driver builds from the
     * topology; they differ only in how records reach it, and give the same output.
     */
    enum Executor {
        /** The driver's task fed directly ({@link TaskFeed}): what replays use. */
        TASK,
        /** The driver's public API ({@link DriverFeed}): the reference the task feed is checked against. */
        DRIVER
    }

    ReplayResult run(List<ReplayRecord> records, List<Unparseable> unparseable, LongConsumer progress, Executor executor) {
        return run(records.iterator(), unparseable, progress, executor);
    }

    /**
     * Runs over records that may still be arriving: {@code records} hands them out in replay order and may
     * block until the next one is read.
     */
    ReplayResult run(Iterator<ReplayRecord> records, List<Unparseable> unparseable, LongConsumer progress,
                     Executor executor) {
        InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
        // The inputs are encoded on their own thread while the topology registers its schemas: registered up
        // front, in a fixed order, the input schemas' ids do not depend on which thread comes first.
        for (SourceKind kind : SourceKind.values()) {
            registry.register(Subjects.topicName(topic(kind), false),
                    kind == SourceKind.CLOUDTRAIL ? TrailEvent.getClassSchema() : SecurityFinding.getClassSchema());
        }
        Map<String, Object> serde = Map.of(SerdeConfig.CLIENT, registry);
        // The task feed's single-event Sigma matches are worked out on the encoding thread, ahead of the topology
        // (same result, see MatchesAhead); the reference path matches in the topology, so comparing the two
        // covers this too.
        MatchesAhead ahead = executor == Executor.TASK && detections instanceof SigmaDetectionStage sigma
                ? new MatchesAhead(sigma.rules()) : null;
        EnrichSettings live = new EnrichSettings(serde, "", ahead == null ? detections
                : ((SigmaDetectionStage) detections).withMatchesAhead(ahead), incidents, version);
        // A replay's state starts empty and is dropped at the end: RocksDB's JNI calls and files buy it nothing.
        // The reference path keeps the live application's stores, so comparing the two covers this too.
        EnrichSettings settings = executor == Executor.TASK ? live.withStateOnHeap() : live;
        Path stateDir = tempStateDir();
        Properties props = EnrichTopology.config(settings, "tripline-replay", "replay:9092", Map.of(
                StreamsConfig.STATE_DIR_CONFIG, stateDir.toString(),
                StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0,
                // Offline there is nothing to make exactly-once; transactional commits per record only cost time.
                StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE));
        ReplayOutput output = new ReplayOutput(registry);
        Serializer<SecurityFinding> findings = Topics.RAW_GUARDDUTY.valueSerde(serde).serializer();
        Serializer<TrailEvent> trail = Topics.RAW_CLOUDTRAIL.valueSerde(serde).serializer();
        TopologyTestDriver driver = new TopologyTestDriver(EnrichTopology.build(settings), props, DRIVER_CLOCK);
        try (TopologyFeed feed = feed(driver, output, executor);
             SerializedInputs values = new SerializedInputs(records, record -> {
                 if (record.value() instanceof TrailEvent event) {
                     if (ahead != null) {
                         ahead.add(event);
                     }
                     return trail.serialize(topic(record.kind()), event);
                 }
                 return findings.serialize(topic(record.kind()), (SecurityFinding) record.value());
             })) {
            long count = 0;
            Instant last = null;
            while (values.advance()) {
                ReplayRecord record = values.record();
                last = record.eventTime();
                feed.pipe(topic(record.kind()), record.key(), values.value(), record.eventTime().toEpochMilli());
                count++;
                if (count % DRAIN_EVERY == 0) {
                    // Drain as we go: memory stays bounded by the state stores, not by the pending output.
                    feed.drain();
                    if (progress != null) {
                        progress.accept(count);
                    }
                }
            }
            if (last != null && !settle.isZero()) {
                // A tombstone: every stage ignores it, but it moves the driver's stream time, so stream-time
                // punctuations (incident opens due within the settle time) run as they would live.
                feed.pipe(Topics.RAW_CLOUDTRAIL.name(), "", null, last.plus(settle).toEpochMilli());
            }
            feed.drain();
            if (progress != null) {
                progress.accept(count);
            }
            return output.result(count, unparseable, SigmaDetectionStage.suppressedHits(driver.metrics()));
        } finally {
            deleteQuietly(stateDir);
        }
    }

    private static TopologyFeed feed(TopologyTestDriver driver, ReplayOutput output, Executor executor) {
        try {
            return executor == Executor.TASK
                    ? new TaskFeed(driver, output, DRIVER_CLOCK.toEpochMilli())
                    : new DriverFeed(driver, output, List.of(Topics.OCSF.name(), Topics.DETECTIONS.name(), Topics.DLQ.name()));
        } catch (RuntimeException e) {
            driver.close();
            throw e;
        }
    }

    private static String topic(SourceKind kind) {
        return switch (kind) {
            case GUARDDUTY -> Topics.RAW_GUARDDUTY.name();
            case SECURITYHUB -> Topics.RAW_SECURITYHUB.name();
            case CLOUDTRAIL -> Topics.RAW_CLOUDTRAIL.name();
        };
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
