package io.tripline.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;

import io.tripline.core.testing.FuzzRun;
import io.tripline.core.topic.Topics;
import io.tripline.enrich.fuzz.RawTopicFuzz;
import io.tripline.enrich.detect.DetectionStages;
import io.tripline.enrich.incident.IncidentStages;
import io.tripline.schema.v1.DeadLetter;
import io.tripline.stack.testing.SharedStack;

/**
 * Issue 9, raw topics on the real broker: the enrich application (exactly-once v2, the real registry)
 * is fed hostile values on all three raw topics, including a value close to the broker's size limit
 * and records whose embedded JSON is corrupt. It stays RUNNING, every undecodable value is in the DLQ
 * (read_committed) with a reason, and the good records sent after the fuzz still come out: no consumer
 * is stuck on a bad record.
 */
class RawTopicsFuzzIT {

    private static final SharedStack STACK = SharedStack.get();
    private static final int PER_TOPIC = 300;
    /** Just under the broker's default message.max.bytes, so the DLQ envelope around it is larger still. */
    private static final int NEAR_LIMIT = 1_048_300;

    @Test
    void shouldKeepRunningAndDeadLetterHostileValuesOnTheBroker() throws Exception {
        FuzzRun run = FuzzRun.of("enrich.raw.broker");
        String prefix = SharedStack.uniqueName("fuzz") + ".";
        EnrichConfig config = EnrichConfig.from(Map.of(
                "tripline.enrich.bootstrap-servers", STACK.bootstrapServers(),
                "tripline.enrich.schema-registry-url", STACK.registryUrl(),
                "tripline.enrich.topic-prefix", prefix,
                "tripline.enrich.application-id", SharedStack.uniqueName("fuzz-app"),
                "kafka.state.dir", Files.createTempDirectory("enrich-fuzz-it").toString(),
                "kafka.commit.interval.ms", "200"));
        try (EnrichApplication app = EnrichApplication.start(config,
                DetectionStages.fromRules(null, Map.of(), warning -> { }), IncidentStages.standard());
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig(), new ByteArraySerializer(),
                     new ByteArraySerializer())) {
            long expectedUndecodable = 0;
            List<byte[]> good = new ArrayList<>();
            for (String source : List.of("guardduty", "securityhub", "cloudtrail")) {
                RawTopicFuzz fuzz = new RawTopicFuzz(source, STACK.serdeConfig(), run);
                String topic = prefix + fuzz.topic().name();
                List<Future<RecordMetadata>> sends = new ArrayList<>();
                List<RawTopicFuzz.Value> values = new ArrayList<>();
                for (int i = 0; i < PER_TOPIC; i++) {
                    values.add(fuzz.next());
                }
                values.add(new RawTopicFuzz.Value("near-limit", nearLimit(fuzz.good().get(0)), true));
                for (RawTopicFuzz.Value value : values) {
                    run.count("inputs");
                    sends.add(producer.send(new ProducerRecord<>(topic, ("fuzz-" + source).getBytes(StandardCharsets.UTF_8),
                            value.bytes())));
                }
                for (int i = 0; i < sends.size(); i++) {
                    try {
                        sends.get(i).get(60, TimeUnit.SECONDS);
                        if (!fuzz.decodes(values.get(i).bytes())) {
                            expectedUndecodable++;
                        }
                    } catch (ExecutionException tooLarge) {
                        run.count("rejected-by-broker");
                    }
                }
                producer.send(new ProducerRecord<>(topic, "good".getBytes(StandardCharsets.UTF_8), fuzz.good().get(0)))
                        .get(60, TimeUnit.SECONDS);
                good.add(fuzz.good().get(0));
            }

            long undecodable = expectedUndecodable;
            List<DeadLetter> letters = new ArrayList<>();
            List<ConsumerRecord<byte[], byte[]>> findings = new ArrayList<>();
            try (KafkaConsumer<byte[], byte[]> dlq = consumer(prefix + Topics.DLQ.name());
                 KafkaConsumer<byte[], byte[]> out = consumer(prefix + Topics.FINDINGS.name())) {
                var deserializer = Topics.DLQ.valueSerde(STACK.serdeConfig()).deserializer();
                long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
                while (System.nanoTime() < deadline
                        && (letters.stream().filter(l -> l.getStage().startsWith("enrich.decode.")).count() < undecodable
                        || findings.isEmpty())) {
                    dlq.poll(Duration.ofMillis(300)).forEach(r -> letters.add(deserializer.deserialize(r.topic(), r.value())));
                    out.poll(Duration.ofMillis(100)).forEach(findings::add);
                }
            }
            long decodeLetters = letters.stream().filter(l -> l.getStage().startsWith("enrich.decode.")).count();
            run.add("dlq.undecodable", decodeLetters);
            run.add("dlq.processing", letters.size() - decodeLetters);
            run.add("good.findings", findings.size());
            run.report();

            assertThat(app.state()).as(run.reproduce()).isEqualTo(KafkaStreams.State.RUNNING);
            assertThat(decodeLetters).as("undecodable values in the DLQ, " + run.reproduce()).isEqualTo(undecodable);
            assertThat(letters).allSatisfy(letter -> assertThat(letter.getReason()).isNotBlank());
            assertThat(letters).anySatisfy(letter -> assertThat(letter.getReason()).contains("truncated"));
            assertThat(findings).as("good findings after the fuzz: the consumer is not stuck").isNotEmpty();
            assertThat(good).hasSize(3);
        }
    }

    /** A valid header, then random bytes up to just under the broker's limit. */
    private static byte[] nearLimit(byte[] valid) {
        byte[] bytes = new byte[NEAR_LIMIT];
        System.arraycopy(valid, 0, bytes, 0, 5);
        new java.util.Random(NEAR_LIMIT).nextBytes(bytes);
        System.arraycopy(valid, 0, bytes, 0, 5);
        return bytes;
    }

    private static Map<String, Object> producerConfig() {
        Map<String, Object> config = new HashMap<>(STACK.clientConfig());
        config.put("linger.ms", 5);
        return config;
    }

    private static KafkaConsumer<byte[], byte[]> consumer(String topic) {
        Map<String, Object> config = STACK.clientConfig();
        config.put(ConsumerConfig.GROUP_ID_CONFIG, SharedStack.uniqueName("fuzz-read"));
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(Set.of(topic));
        return consumer;
    }
}
