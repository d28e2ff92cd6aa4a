package io.tripline.enrich.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.tripline.core.registry.InMemorySchemaRegistry;
import io.tripline.core.serde.SerdeConfig;
import io.tripline.core.testing.FuzzRun;
import io.tripline.core.topic.Topics;
import io.tripline.enrich.detect.DetectionStages;
import io.tripline.enrich.incident.IncidentStages;
import io.tripline.enrich.topology.EnrichSettings;
import io.tripline.enrich.topology.EnrichTopology;
import io.tripline.schema.v1.DeadLetter;

/**
 * Issue 9, raw topics: 10,000 hostile values per raw topic into the whole enrich topology (rule pack,
 * incidents, OCSF). Nothing escapes as an exception; every value that cannot decode is in
 * {@code tripline.dlq} with its topic, offset and a reason; every value that decodes is processed, not
 * dead-lettered; and afterwards the corpus's good records still come out as findings or detections.
 */
class RawTopicsFuzzTest {

    private static final int DRAIN_EVERY = 500;

    @TempDir
    Path stateDir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"guardduty", "securityhub", "cloudtrail"})
    void shouldDeadLetterEveryUndecodableValueAndKeepProcessing(String source) throws Exception {
        FuzzRun run = FuzzRun.of("enrich.raw." + source);
        Map<String, Object> serde = Map.of(SerdeConfig.CLIENT, new InMemorySchemaRegistry());
        RawTopicFuzz fuzz = new RawTopicFuzz(source, serde, run);
        EnrichSettings settings = new EnrichSettings(serde, "",
                DetectionStages.fromRules(null, Map.of(), warning -> { }), IncidentStages.standard(), "fuzz");
        try (TopologyTestDriver driver = new TopologyTestDriver(EnrichTopology.build(settings),
                EnrichTopology.config(settings, "fuzz-" + source, "dummy:9092", Map.of(StreamsConfig.STATE_DIR_CONFIG,
                        Files.createDirectories(stateDir.resolve(source)).toString())))) {
            TestInputTopic<String, byte[]> input = driver.createInputTopic(fuzz.topic().name(), new StringSerializer(),
                    new ByteArraySerializer());
            Outputs outputs = new Outputs(driver, serde);
            Map<String, RawTopicFuzz.Value> sent = new HashMap<>();
            List<String> crashes = new ArrayList<>();
            Instant time = Instant.parse("2026-01-01T00:00:00Z");
            for (int i = 0; i < FuzzRun.count(); i++) {
                RawTopicFuzz.Value value = fuzz.next();
                String key = "fuzz-" + i;
                sent.put(key, value);
                run.count("inputs");
                try {
                    input.pipeInput(key, value.bytes(), time.plusSeconds(i));
                } catch (RuntimeException | StackOverflowError e) {
                    crashes.add(key + " " + value.kind() + ": " + e);
                }
                if (i % DRAIN_EVERY == 0) {
                    outputs.drain();
                }
            }
            outputs.drain();
            long processedBefore = outputs.processed;
            int goodIndex = 0;
            for (byte[] good : fuzz.good()) {
                input.pipeInput("good-" + goodIndex++, good, time.plusSeconds(FuzzRun.count() + goodIndex));
            }
            outputs.drain();

            assertThat(crashes).as("exceptions out of the topology in " + run.reproduce()).isEmpty();
            String decodeStage = "enrich.decode." + source;
            List<String> lost = new ArrayList<>();
            sent.forEach((key, value) -> {
                boolean dead = outputs.undecodable.containsKey(key);
                boolean decodes = fuzz.decodes(value.bytes());
                if (dead == decodes || value.alwaysBad() && !dead) {
                    lost.add(key + " " + value.kind() + (dead ? " dead-lettered as undecodable although it decodes"
                            : " neither decoded nor dead-lettered"));
                }
                run.count(dead ? "dlq.undecodable" : "decoded");
            });
            assertThat(lost).as("values neither processed nor dead-lettered in " + run.reproduce()).isEmpty();
            assertThat(outputs.undecodable.values()).allSatisfy(letter -> {
                assertThat(letter.getReason()).isNotBlank();
                assertThat(letter.getTopic()).isEqualTo(fuzz.topic().name());
                assertThat(letter.getOffset()).isNotNegative();
                assertThat(letter.getStage()).isEqualTo(decodeStage);
            });
            assertThat(outputs.failedLater).allSatisfy(letter -> {
                assertThat(letter.getStage()).startsWith("enrich.").isNotEqualTo(decodeStage);
                assertThat(letter.getReason()).isNotBlank();
                assertThat(letter.getValue()).isNotNull();
            });
            run.add("dlq.processing", outputs.failedLater.size());
            run.add("good.sent", fuzz.good().size());
            run.add("good.outputs", outputs.processed - processedBefore);
            run.report();
            assertThat(outputs.processed - processedBefore).as("good records processed after the fuzz").isPositive();
            assertThat(run.get("dlq.undecodable")).isGreaterThan(FuzzRun.count() / 2);
        }
    }

    /** Reads the DLQ (by record key) and counts what the good path produced, freeing the driver's queues. */
    private static final class Outputs {
        private final TestOutputTopic<byte[], byte[]> dlq;
        private final List<TestOutputTopic<String, byte[]>> results = new ArrayList<>();
        private final org.apache.kafka.common.serialization.Deserializer<DeadLetter> letters;
        private final Map<String, DeadLetter> undecodable = new HashMap<>();
        private final List<DeadLetter> failedLater = new ArrayList<>();
        private long processed;

        Outputs(TopologyTestDriver driver, Map<String, Object> serde) {
            dlq = driver.createOutputTopic(Topics.DLQ.name(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
            for (var topic : List.of(Topics.FINDINGS, Topics.DETECTIONS, Topics.INCIDENTS, Topics.OCSF)) {
                results.add(driver.createOutputTopic(topic.name(), new StringDeserializer(), new ByteArrayDeserializer()));
            }
            letters = Topics.DLQ.valueSerde(serde).deserializer();
        }

        void drain() {
            for (var record : dlq.readRecordsToList()) {
                DeadLetter letter = letters.deserialize(Topics.DLQ.name(), record.value());
                if (letter.getStage().startsWith("enrich.decode.")) {
                    undecodable.put(new String(record.key(), StandardCharsets.UTF_8), letter);
                } else {
                    failedLater.add(letter);
                }
            }
            for (var topic : results) {
                processed += topic.readRecordsToList().size();
            }
        }
    }
}
