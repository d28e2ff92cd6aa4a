package io.tripline.enrich.incident;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.tripline.core.normalize.Json;
import io.tripline.core.normalize.Normalizers;
import io.tripline.core.registry.InMemorySchemaRegistry;
import io.tripline.core.serde.SerdeConfig;
import io.tripline.core.topic.Topics;
import io.tripline.enrich.topology.EnrichSettings;
import io.tripline.enrich.topology.EnrichTopology;
import io.tripline.schema.v1.Incident;
import io.tripline.schema.v1.SecurityFinding;
import io.tripline.schema.v1.TrailEvent;

/**
 * The full enrich topology with the incident stage on a TopologyTestDriver: pipes raw GuardDuty and
 * CloudTrail JSON (normalized and Avro-encoded as ingest would) and reads incidents and their OCSF.
 */
final class IncidentDriver implements AutoCloseable {

    private static final java.util.concurrent.atomic.AtomicInteger INSTANCES = new java.util.concurrent.atomic.AtomicInteger();
    private final Map<String, Object> serde = Map.of(SerdeConfig.CLIENT, new InMemorySchemaRegistry());
    private final Normalizers normalizers = new Normalizers();
    private final java.nio.file.Path stateDir;
    private final TopologyTestDriver driver;
    private final TestInputTopic<String, byte[]> guardDuty;
    private final TestInputTopic<String, byte[]> cloudTrail;
    private final TestInputTopic<String, Signal> signals;
    private final TestOutputTopic<String, byte[]> repartitioned;
    private final TestOutputTopic<String, byte[]> incidents;
    private final TestOutputTopic<String, String> ocsf;
    private final List<TestRecord<String, byte[]>> incidentRecords = new ArrayList<>();
    private final List<TestRecord<String, String>> incidentOcsf = new ArrayList<>();

    IncidentDriver(IncidentSettings settings) {
        this(settings, IncidentStores.CACHE_ENTRIES);
    }

    /** With the processor's state cache of the given size (0: every read goes to the stores). */
    IncidentDriver(IncidentSettings settings, int cacheEntries) {
        this(settings, cacheEntries, null);
    }

    /** With a detection stage, so detections take part in correlation. */
    IncidentDriver(IncidentSettings settings, int cacheEntries, io.tripline.enrich.topology.DetectionStage detections) {
        this(settings, cacheEntries, detections, true);
    }

    /** {@code publishOcsf}: whether the topology publishes OCSF ({@code tripline.enrich.ocsf-enabled}). */
    IncidentDriver(IncidentSettings settings, int cacheEntries, io.tripline.enrich.topology.DetectionStage detections,
                   boolean publishOcsf) {
        EnrichSettings enrich = new EnrichSettings(serde, "", detections, new StandardIncidentStage(settings, cacheEntries), "test");
        enrich = publishOcsf ? enrich : enrich.withoutOcsf();
        // Drivers may be open side by side (replay comparisons): each gets its own application id and state dir.
        int n = INSTANCES.incrementAndGet();
        stateDir = java.nio.file.Path.of(System.getProperty("java.io.tmpdir"),
                "tripline-incident-test-" + ProcessHandle.current().pid() + "-" + n);
        Properties props = EnrichTopology.config("incident-test-" + n, "dummy:9092",
                Map.of(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString()));
        driver = new TopologyTestDriver(EnrichTopology.build(enrich), props);
        guardDuty = driver.createInputTopic(Topics.RAW_GUARDDUTY.name(), new StringSerializer(), new ByteArraySerializer());
        cloudTrail = driver.createInputTopic(Topics.RAW_CLOUDTRAIL.name(), new StringSerializer(), new ByteArraySerializer());
        signals = driver.createInputTopic("incident-test-" + n + "-incident-signals-by-account-repartition", new StringSerializer(),
                SignalCodec.serde().serializer());
        repartitioned = driver.createOutputTopic("incident-test-" + n + "-incident-signals-by-account-repartition",
                new StringDeserializer(), new ByteArrayDeserializer());
        incidents = driver.createOutputTopic(Topics.INCIDENTS.name(), new StringDeserializer(), new ByteArrayDeserializer());
        ocsf = driver.createOutputTopic(Topics.OCSF.name(), new StringDeserializer(), new StringDeserializer());
    }

    /** Default settings with the open delay tests expect (15 min) and a 1 h quiet period. */
    static IncidentSettings settings() {
        return IncidentSettings.defaults().withQuietPeriod(java.time.Duration.ofHours(1));
    }

    IncidentDriver guardDuty(ObjectNode json) {
        SecurityFinding finding = normalizers.guardDuty().normalize(json);
        guardDuty.pipeInput(finding.getSourceId(),
                Topics.RAW_GUARDDUTY.valueSerde(serde).serializer().serialize(Topics.RAW_GUARDDUTY.name(), finding),
                finding.getUpdatedAt());
        return this;
    }

    IncidentDriver trail(ObjectNode json) {
        TrailEvent event = normalizers.cloudTrail().normalize(json);
        cloudTrail.pipeInput(event.getEventId(),
                Topics.RAW_CLOUDTRAIL.valueSerde(serde).serializer().serialize(Topics.RAW_CLOUDTRAIL.name(), event),
                event.getEventTime());
        return this;
    }

    /**
     * A signal straight into the stage's repartition topic, as if built from the input partition {@code origin}
     * ({@link SignalOrigin}; null: no origin header).
     */
    IncidentDriver signal(Signal signal, String origin) {
        org.apache.kafka.common.header.Headers headers = new org.apache.kafka.common.header.internals.RecordHeaders();
        if (origin != null) {
            headers.add(SignalOrigin.HEADER, origin.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        signals.pipeInput(new TestRecord<>(signal.accountId(), signal, headers, signal.time()));
        return this;
    }

    /** The origin header ({@link SignalOrigin}) of each signal the topology wrote to the stage's repartition topic so far. */
    List<String> signalOrigins() {
        return repartitioned.readRecordsToList().stream().map(r -> SignalOrigin.of(r.getHeaders())).toList();
    }

    /**
     * Moves stream time with a signal no chain here cares about: a failed console login in another account
     * (a signal, so it reaches the incident stage's own task and advances its stream time too).
     */
    IncidentDriver advanceTo(String time) {
        ObjectNode tick = Samples.consoleLogin("tick-" + time, time, "arn:aws:iam::999999999999:user/clock", "198.51.100.200",
                false, false);
        tick.put("recipientAccountId", "999999999999");
        ((ObjectNode) tick.get("userIdentity")).put("accountId", "999999999999");
        return trail(tick);
    }

    private void drain() {
        incidentRecords.addAll(incidents.readRecordsToList());
        for (TestRecord<String, String> record : ocsf.readRecordsToList()) {
            if (record.getValue().contains("\"Tripline/Incident\"")) {
                incidentOcsf.add(record);
            }
        }
    }

    List<Incident> incidents() {
        drain();
        var deserializer = Topics.INCIDENTS.valueSerde(serde).deserializer();
        return incidentRecords.stream().map(r -> deserializer.deserialize(Topics.INCIDENTS.name(), r.getValue())).toList();
    }

    /** The latest version of each incident, in order of first appearance. */
    List<Incident> latest() {
        Map<String, Incident> out = new java.util.LinkedHashMap<>();
        incidents().forEach(i -> out.put(i.getIncidentId(), i));
        return List.copyOf(out.values());
    }

    List<JsonNode> ocsf() {
        drain();
        return incidentOcsf.stream().map(r -> Json.parse(r.getValue())).toList();
    }

    /** Every incident and incident-OCSF record as bytes with key and timestamp, for byte-identity checks. */
    List<String> transcript() {
        drain();
        List<String> out = new ArrayList<>();
        incidentRecords.forEach(r -> out.add(r.getKey() + "@" + r.getRecordTime() + "=" + java.util.HexFormat.of().formatHex(r.getValue())));
        incidentOcsf.forEach(r -> out.add(r.getKey() + "@" + r.getRecordTime() + "=" + r.getValue()));
        return out;
    }

    static Instant at(String time) {
        return Instant.parse(time);
    }

    /** The sum over the stage's tasks of one of its metrics ({@link LateSignalMetrics}), e.g. {@code late-signals-total}. */
    double incidentMetric(String name) {
        return driver.metrics().entrySet().stream()
                .filter(e -> e.getKey().group().equals(LateSignalMetrics.GROUP) && e.getKey().name().equals(name))
                .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue()).sum();
    }

    /** The raw value of a key in the stage's link store (account|alias), or null. */
    String rawLink(String key) {
        org.apache.kafka.streams.state.KeyValueStore<String, String> links = driver.getKeyValueStore(IncidentStores.LINK_STORE);
        return links.get(key);
    }

    @Override
    public void close() {
        driver.close();
        try (var files = java.nio.file.Files.walk(stateDir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException e) {
            // the driver already removed it, or the OS will
        }
    }
}
