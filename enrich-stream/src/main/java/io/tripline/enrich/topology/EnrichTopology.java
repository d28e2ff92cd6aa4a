package io.tripline.enrich.topology;

import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

import io.tripline.core.topic.Topics;
import io.tripline.enrich.ocsf.OcsfMapper;
import io.tripline.schema.v1.DeadLetter;
import io.tripline.schema.v1.Detection;
import io.tripline.schema.v1.SecurityFinding;
import io.tripline.schema.v1.TrailEvent;

/**
 * The enrich topology, as a pure builder: raw GuardDuty and Security Hub findings become one finding per
 * identity on {@code tripline.findings}; CloudTrail events become detections; both are published as OCSF
 * Detection Findings; undecodable records go to the DLQ. The streaming app and the replay engine both
 * call {@link #build}; neither adds anything to it.
 */
public final class EnrichTopology {

    public static final String FINDING_STORE = "finding-versions";

    private EnrichTopology() {
    }

    public static Topology build(EnrichSettings settings) {
        StreamsBuilder builder = new StreamsBuilder();
        Map<String, Object> serde = settings.serdeSettings();
        Serde<SecurityFinding> findingSerde = Topics.FINDINGS.valueSerde(serde);
        Serde<DeadLetter> deadLetterSerde = Topics.DLQ.valueSerde(serde);
        OcsfMapper ocsf = new OcsfMapper(settings.version());

        KStream<String, SecurityFinding> guardDuty = decode(builder, settings, "guardduty",
                settings.topic(Topics.RAW_GUARDDUTY), Topics.RAW_GUARDDUTY.valueSerde(serde).deserializer(),
                SecurityFinding::getUpdatedAt, deadLetterSerde);
        KStream<String, SecurityFinding> securityHub = decode(builder, settings, "securityhub",
                settings.topic(Topics.RAW_SECURITYHUB), Topics.RAW_SECURITYHUB.valueSerde(serde).deserializer(),
                SecurityFinding::getUpdatedAt, deadLetterSerde);

        builder.addStateStore(Stores.keyValueStoreBuilder(settings.keyValueStore(FINDING_STORE),
                Serdes.String(), findingSerde));
        KStream<String, FindingVersion> versions = guardDuty
                .merge(securityHub, Named.as("merge-finding-sources"))
                .selectKey((key, finding) -> finding.getIdentity(), Named.as("key-by-identity"))
                .repartition(Repartitioned.with(Serdes.String(), findingSerde).withName("findings-by-identity"))
                .process(() -> new FindingIdentityProcessor(FINDING_STORE), Named.as("finding-identity"), FINDING_STORE);
        versions.mapValues(FindingVersion::finding, Named.as("finding-latest"))
                .to(settings.topic(Topics.FINDINGS), Produced.with(Serdes.String(), findingSerde).withName("sink-findings"));
        if (settings.ocsf()) {
            versions.mapValues(version -> ocsf.finding(version.finding(), version.activity()), Named.as("finding-ocsf"))
                    .to(settings.topic(Topics.OCSF), Produced.with(Serdes.String(), Serdes.String()).withName("sink-ocsf-findings"));
        }

        KStream<String, TrailEvent> trail = decode(builder, settings, "cloudtrail",
                settings.topic(Topics.RAW_CLOUDTRAIL), Topics.RAW_CLOUDTRAIL.valueSerde(serde).deserializer(),
                TrailEvent::getEventTime, deadLetterSerde);
        // The incident stage files a detection where the CloudTrail event it cites was filed, so it must see that
        // event first. A node's children receive a record in the order they were attached: the incident stage's
        // branch of the trail stream is attached before the detection stage's, so the event's signal always
        // precedes its detections into the incident stage (both go the same way, through one repartition
        // partition), live and in replay alike, whatever else happens to be open or due when they arrive.
        KStream<String, TrailEvent> trailToIncidents = settings.incidents() == null ? null
                : trail.mapValues(event -> event, Named.as("cloudtrail-to-incidents"));
        KStream<String, Detection> detections = null;
        if (settings.detections() != null) {
            Serde<Detection> detectionSerde = Topics.DETECTIONS.valueSerde(serde);
            detections = settings.detections().apply(builder, trail, settings);
            detections.to(settings.topic(Topics.DETECTIONS),
                    Produced.with(Serdes.String(), detectionSerde).withName("sink-detections"));
            if (settings.ocsf()) {
                detections.map((entity, detection) -> KeyValue.pair(detection.getDetectionId(), ocsf.detection(detection)),
                                Named.as("detection-ocsf"))
                        .to(settings.topic(Topics.OCSF), Produced.with(Serdes.String(), Serdes.String()).withName("sink-ocsf-detections"));
            }
        }
        if (settings.incidents() != null) {
            IncidentStage.IncidentOutputs incidents = settings.incidents().apply(builder, versions, detections, trailToIncidents, settings);
            incidents.incidents().to(settings.topic(Topics.INCIDENTS),
                    Produced.with(Serdes.String(), Topics.INCIDENTS.valueSerde(serde)).withName("sink-incidents"));
            if (settings.ocsf()) {
                incidents.ocsf().to(settings.topic(Topics.OCSF),
                        Produced.with(Serdes.String(), Serdes.String()).withName("sink-ocsf-incidents"));
            }
        }
        return builder.build();
    }

    /** Streams settings for the live application; the topology itself knows nothing of them. */
    public static Properties config(String applicationId, String bootstrapServers, Map<String, Object> overrides) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        props.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.ByteArraySerde.class);
        // The task that reads raw CloudTrail also reads the findings and correlation repartition topics (the
        // detection and incident stages merge them), which are empty most of the time. With max.task.idle.ms
        // at 0 or more, Kafka Streams formats a "waiting for data" message per empty partition for every record
        // it processes, logged or not: about a tenth of the detection path's CPU in a profile. -1 processes
        // what is buffered without that. Aligning those inputs by timestamp buys nothing here: findings reach
        // the task through a repartition hop anyway, and the incident stage takes out-of-order signals within
        // each source's grace.
        props.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, -1L);
        props.putAll(overrides);
        return props;
    }

    /**
     * Streams settings for {@code settings}: those of {@link #config(String, String, Map)} plus the
     * {@link DeadLetterHandler}, so a record whose processing throws goes to the DLQ instead of stopping
     * the application on it.
     */
    public static Properties config(EnrichSettings settings, String applicationId, String bootstrapServers,
                                    Map<String, Object> overrides) {
        Properties props = config(applicationId, bootstrapServers, overrides);
        props.putAll(DeadLetterHandler.settings(settings));
        return props;
    }

    private static <V> KStream<String, V> decode(StreamsBuilder builder, EnrichSettings settings, String source,
                                                 String topic, Deserializer<V> deserializer,
                                                 Function<V, Instant> eventTime,
                                                 Serde<DeadLetter> deadLetters) {
        KStream<String, byte[]> raw = builder.stream(topic,
                Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("source-raw-" + source));
        Map<String, KStream<String, Decoded<V>>> branches = raw
                .process(() -> new DecodeProcessor<>(deserializer, "enrich.decode." + source, eventTime), Named.as("decode-" + source))
                .split(Named.as("decoded-" + source + "-"))
                .branch((key, decoded) -> decoded.isDeadLetter(), Branched.as("dead"))
                .defaultBranch(Branched.as("ok"));
        branches.get("decoded-" + source + "-dead")
                .map((key, decoded) -> KeyValue.pair(decoded.key(), decoded.deadLetter()), Named.as("dead-letter-" + source))
                .to(settings.topic(Topics.DLQ), Produced.with(Serdes.ByteArray(), deadLetters).withName("sink-dlq-" + source));
        return branches.get("decoded-" + source + "-ok").mapValues(Decoded::value, Named.as("value-" + source));
    }
}
