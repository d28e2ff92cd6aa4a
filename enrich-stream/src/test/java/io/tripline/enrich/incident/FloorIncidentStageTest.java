package io.tripline.enrich.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tripline.core.normalize.Normalizers;
import io.tripline.core.registry.InMemorySchemaRegistry;
import io.tripline.core.serde.SerdeConfig;
import io.tripline.core.topic.Topics;
import io.tripline.enrich.topology.EnrichSettings;
import io.tripline.enrich.topology.EnrichTopology;
import io.tripline.schema.v1.TrailEvent;

/**
 * The bench's floor stage does what its figure claims: every signal the real stage would get is built,
 * repartitioned by account and stored, and nothing is published.
 */
class FloorIncidentStageTest {

    @Test
    void shouldStoreEverySignalUnderItsAccountAndPublishNothing(@TempDir java.nio.file.Path state) {
        Map<String, Object> serde = Map.of(SerdeConfig.CLIENT, new InMemorySchemaRegistry());
        EnrichSettings settings = new EnrichSettings(serde, "", null, IncidentStages.floor(IncidentSettings.defaults()), "test");
        Properties props = EnrichTopology.config("floor-test", "dummy:9092", Map.of(StreamsConfig.STATE_DIR_CONFIG, state.toString()));
        try (TopologyTestDriver driver = new TopologyTestDriver(EnrichTopology.build(settings), props)) {
            TestInputTopic<String, byte[]> cloudTrail = driver.createInputTopic(Topics.RAW_CLOUDTRAIL.name(),
                    new StringSerializer(), new ByteArraySerializer());
            Normalizers normalizers = new Normalizers();
            // A catalogue call (a signal) and a read-only call by an IAM user from a private address (none).
            for (var json : List.of(
                    Samples.event("ev-floor-1", "2026-03-01T10:00:00Z", "iam.amazonaws.com", "CreateAccessKey",
                            "arn:aws:iam::111122223333:user/alice", "198.51.100.7", null),
                    Samples.event("ev-floor-2", "2026-03-01T10:00:01Z", "ec2.amazonaws.com", "DescribeInstances",
                            "arn:aws:iam::111122223333:user/alice", "10.0.0.7", null))) {
                TrailEvent event = normalizers.cloudTrail().normalize(json);
                cloudTrail.pipeInput(event.getEventId(),
                        Topics.RAW_CLOUDTRAIL.valueSerde(serde).serializer().serialize(Topics.RAW_CLOUDTRAIL.name(), event),
                        event.getEventTime());
            }

            KeyValueStore<String, Signal> store = driver.getKeyValueStore(FloorIncidentStage.STORE);
            List<String> keys = new ArrayList<>();
            try (KeyValueIterator<String, Signal> all = store.all()) {
                all.forEachRemaining((KeyValue<String, Signal> entry) -> keys.add(entry.key));
            }
            assertThat(keys).containsExactly("111122223333|ev-floor-1");
            assertThat(driver.createOutputTopic(Topics.INCIDENTS.name(), new StringDeserializer(), new ByteArrayDeserializer())
                    .isEmpty()).isTrue();
        }
    }
}
