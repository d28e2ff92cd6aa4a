package io.tripline.enrich.detect;

import java.io.Closeable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import com.fasterxml.jackson.databind.JsonNode;

import io.tripline.core.normalize.Json;
import io.tripline.core.normalize.Normalizers;
import io.tripline.core.registry.InMemorySchemaRegistry;
import io.tripline.core.serde.SerdeConfig;
import io.tripline.core.topic.Topics;
import io.tripline.enrich.topology.DetectionStage;
import io.tripline.enrich.topology.EnrichSettings;
import io.tripline.enrich.topology.EnrichTopology;
import io.tripline.schema.v1.Detection;
import io.tripline.schema.v1.TrailEvent;

/** The full enrich topology on Kafka Streams' test driver, fed CloudTrail JSON, read back as detections and OCSF. */
public final class TopologyHarness implements Closeable {

    private final Map<String, Object> serde = Map.of(SerdeConfig.CLIENT, new InMemorySchemaRegistry());
    private final TopologyTestDriver driver;
    private final TestInputTopic<String, byte[]> trail;
    private final TestOutputTopic<String, byte[]> detections;
    private final TestOutputTopic<String, String> ocsf;
    private final Normalizers normalizers = new Normalizers();

    public TopologyHarness(DetectionStage stage) {
        this(stage, true);
    }

    /** {@code publishOcsf}: whether the topology publishes OCSF ({@code tripline.enrich.ocsf-enabled}). */
    public TopologyHarness(DetectionStage stage, boolean publishOcsf) {
        EnrichSettings settings = new EnrichSettings(serde, "", stage, "test");
        settings = publishOcsf ? settings : settings.withoutOcsf();
        driver = new TopologyTestDriver(EnrichTopology.build(settings),
                EnrichTopology.config("detection-test", "dummy:9092", Map.of()));
        trail = driver.createInputTopic(Topics.RAW_CLOUDTRAIL.name(), new StringSerializer(), new ByteArraySerializer());
        detections = driver.createOutputTopic(Topics.DETECTIONS.name(), new StringDeserializer(), new ByteArrayDeserializer());
        ocsf = driver.createOutputTopic(Topics.OCSF.name(), new StringDeserializer(), new StringDeserializer());
    }

    public void pipe(JsonNode record) {
        TrailEvent event = normalizers.cloudTrail().normalize(record);
        byte[] bytes = Topics.RAW_CLOUDTRAIL.valueSerde(serde).serializer().serialize(Topics.RAW_CLOUDTRAIL.name(), event);
        trail.pipeInput(event.getEventId(), bytes, event.getEventTime());
    }

    public List<Detection> detections() {
        var deserializer = Topics.DETECTIONS.valueSerde(serde).deserializer();
        return detections.readValuesToList().stream().map(b -> deserializer.deserialize(Topics.DETECTIONS.name(), b)).toList();
    }

    public List<JsonNode> ocsf() {
        return ocsf.readValuesToList().stream().map(Json::parse).toList();
    }

    /** Repeated hits the detection stage suppressed so far (its metric, summed over tasks). */
    public long suppressedHits() {
        return SigmaDetectionStage.suppressedHits(driver.metrics());
    }

    /** Keys of the store that remembers published hits for suppression (empty when nothing is suppressed). */
    public List<String> suppressionKeys() {
        KeyValueStore<String, Long> store = driver.getKeyValueStore(RepeatedHits.STORE);
        if (store == null) {
            return List.of();
        }
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, Long> all = store.all()) {
            all.forEachRemaining(entry -> keys.add(entry.key));
        }
        return keys;
    }

    @Override
    public void close() {
        driver.close();
    }
}
