package io.tripline.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.tripline.core.normalize.Normalizers;
import io.tripline.core.normalize.SourceShapes;
import io.tripline.core.testing.Corpus;
import io.tripline.core.topic.Topics;
import io.tripline.schema.v1.SecurityFinding;
import io.tripline.stack.testing.SharedStack;

/**
 * The enrich application end to end on the real broker with exactly-once v2: raw findings in, one
 * finding per identity and OCSF out (read_committed), garbage to the DLQ.
 */
class EnrichStreamIT {

    private static final SharedStack STACK = SharedStack.get();

    @Test
    void shouldPublishFindingsOcsfAndDeadLettersWithExactlyOnceOnTheBroker() throws Exception {
        String prefix = SharedStack.uniqueName("enrich") + ".";
        EnrichConfig config = EnrichConfig.from(Map.of(
                "tripline.enrich.bootstrap-servers", STACK.bootstrapServers(),
                "tripline.enrich.schema-registry-url", STACK.registryUrl(),
                "tripline.enrich.topic-prefix", prefix,
                "tripline.enrich.application-id", SharedStack.uniqueName("enrich-app"),
                "kafka.state.dir", java.nio.file.Files.createTempDirectory("enrich-it").toString(),
                "kafka.commit.interval.ms", "200"));
        try (EnrichApplication app = EnrichApplication.start(config, null)) {
            JsonNode asff = Corpus.lines("securityhub/awsdocs_guardduty_finding_in_asff.jsonl").get(0).json();
            SecurityFinding copy = (SecurityFinding) new Normalizers().normalize(SourceShapes.unwrap(asff).get(0));
            Map<String, Object> producerConfig = STACK.clientConfig();
            try (KafkaProducer<String, SecurityFinding> producer = new KafkaProducer<>(producerConfig, new StringSerializer(),
                    Topics.RAW_SECURITYHUB.valueSerde(STACK.serdeConfig()).serializer());
                 KafkaProducer<byte[], byte[]> raw = new KafkaProducer<>(producerConfig, new ByteArraySerializer(),
                         new ByteArraySerializer())) {
                producer.send(new ProducerRecord<>(prefix + Topics.RAW_SECURITYHUB.name(), null,
                        copy.getUpdatedAt().toEpochMilli(), copy.getSourceId(), copy)).get(30, TimeUnit.SECONDS);
                producer.send(new ProducerRecord<>(prefix + Topics.RAW_SECURITYHUB.name(), null,
                        copy.getUpdatedAt().toEpochMilli(), copy.getSourceId(), copy)).get(30, TimeUnit.SECONDS);
                raw.send(new ProducerRecord<>(prefix + Topics.RAW_CLOUDTRAIL.name(), "k".getBytes(StandardCharsets.UTF_8),
                        "garbage".getBytes(StandardCharsets.UTF_8))).get(30, TimeUnit.SECONDS);
            }

            List<ConsumerRecord<byte[], byte[]>> findings = awaitRecords(prefix + Topics.FINDINGS.name(), 1);
            List<ConsumerRecord<byte[], byte[]>> ocsf = awaitRecords(prefix + Topics.OCSF.name(), 1);
            List<ConsumerRecord<byte[], byte[]>> dlq = awaitRecords(prefix + Topics.DLQ.name(), 1);

            assertThat(app.state()).isEqualTo(KafkaStreams.State.RUNNING);
            assertThat(findings).hasSize(1);
            assertThat(new String(findings.get(0).key(), StandardCharsets.UTF_8)).isEqualTo(copy.getIdentity());
            assertThat(new String(ocsf.get(0).value(), StandardCharsets.UTF_8)).contains("\"class_uid\":2004");
            assertThat(dlq).hasSize(1);
        }
    }

    /** Reads committed records until {@code expected} arrived, then a little longer to catch duplicates. */
    private static List<ConsumerRecord<byte[], byte[]>> awaitRecords(String topic, int expected) {
        Map<String, Object> config = STACK.clientConfig();
        config.put(ConsumerConfig.GROUP_ID_CONFIG, SharedStack.uniqueName("it"));
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(Set.of(topic));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            long settleUntil = Long.MAX_VALUE;
            while (System.nanoTime() < Math.min(deadline, settleUntil)) {
                consumer.poll(Duration.ofMillis(300)).forEach(out::add);
                if (out.size() >= expected && settleUntil == Long.MAX_VALUE) {
                    settleUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
                }
            }
        }
        return out;
    }
}
