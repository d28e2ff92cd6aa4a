package io.tripline.stack.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.tripline.core.registry.SchemaRegistryClient;
import io.tripline.core.serde.AvroDeserializer;
import io.tripline.core.serde.AvroSerde;
import io.tripline.core.serde.SerdeConfig;
import io.tripline.core.topic.TopicCreator;
import io.tripline.core.topic.Topics;
import io.tripline.schema.v1.FindingResource;
import io.tripline.schema.v1.FindingSource;
import io.tripline.schema.v1.SecurityFinding;
import io.tripline.schema.v1.Severity;
import io.tripline.schema.v1.SeverityLabel;
import io.tripline.stack.testing.SharedStack;

/**
 * Avro values travel through the real broker and registry in the Confluent wire format, so any
 * Confluent consumer reads them; bytes in any other shape are refused with a reason.
 */
class AvroSerdeRoundTripIT {

    private static final SharedStack STACK = SharedStack.get();
    private static String prefix;

    @BeforeAll
    static void createTopics() {
        prefix = SharedStack.uniqueName("serde") + ".";
        try (Admin admin = STACK.admin()) {
            new TopicCreator(admin, (short) 1).ensure(List.of(Topics.RAW_GUARDDUTY), prefix);
        }
    }

    @Test
    void shouldRoundTripAFindingThroughBrokerAndRegistryInConfluentWireFormat() throws Exception {
        String topic = prefix + Topics.RAW_GUARDDUTY.name();
        SecurityFinding finding = finding("arn:aws:guardduty:us-east-1:111122223333:detector/d1/finding/f1");
        Serde<SecurityFinding> serde = Topics.RAW_GUARDDUTY.valueSerde(STACK.serdeConfig());

        try (KafkaProducer<String, SecurityFinding> producer = new KafkaProducer<>(STACK.clientConfig(),
                new StringSerializer(), serde.serializer())) {
            producer.send(new ProducerRecord<>(topic, finding.getSourceId(), finding)).get(30, TimeUnit.SECONDS);
        }

        byte[] wire = consumeOne(topic).value();
        SchemaRegistryClient registry = new SchemaRegistryClient(STACK.registryUrl());
        int registeredId = registry.latest(topic + "-value").id();
        ByteBuffer header = ByteBuffer.wrap(wire);
        assertThat(header.get()).as("magic byte").isEqualTo((byte) 0);
        assertThat(header.getInt()).as("schema id").isEqualTo(registeredId);

        SecurityFinding back = serde.deserializer().deserialize(topic, wire);
        assertThat(back).isEqualTo(finding);

        AvroSerde<GenericRecord> generic = AvroSerde.generic();
        generic.configure(STACK.serdeConfig(), false);
        GenericRecord record = generic.deserializer().deserialize(topic, wire);
        assertThat(record.get("identity").toString()).isEqualTo(finding.getIdentity());
        assertThat(record.getSchema().getFullName()).isEqualTo("io.tripline.schema.v1.SecurityFinding");
    }

    @Test
    void shouldRefuseGarbageOnATopicWithAReasonADlqCanRecord() throws Exception {
        String topic = prefix + Topics.RAW_GUARDDUTY.name();
        byte[] key = SharedStack.uniqueName("garbage").getBytes(StandardCharsets.UTF_8);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(STACK.clientConfig(),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, key, "not avro at all".getBytes(StandardCharsets.UTF_8)))
                    .get(30, TimeUnit.SECONDS);
        }
        byte[] garbage = consumeAll(topic).stream().filter(r -> Arrays.equals(r.key(), key)).findFirst()
                .orElseThrow().value();
        AvroDeserializer<SecurityFinding> deserializer = new AvroDeserializer<>(SecurityFinding.class, null);
        deserializer.configure(STACK.serdeConfig(), false);

        assertThatThrownBy(() -> deserializer.deserialize(topic, garbage))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("unknown magic byte 0x6e ('n', looks like text)");
    }

    @Test
    void shouldRefuseToWriteWhenAutoRegisterIsOffAndTheSchemaIsUnknown() {
        Map<String, Object> settings = STACK.serdeConfig();
        settings.put(SerdeConfig.AUTO_REGISTER, "false");
        Serde<SecurityFinding> serde = Topics.RAW_GUARDDUTY.valueSerde(settings);
        String neverRegistered = SharedStack.uniqueName("unregistered");
        assertThatThrownBy(() -> serde.serializer().serialize(neverRegistered, finding("arn:x")))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("could not get a schema id for subject " + neverRegistered + "-value")
                .hasMessageContaining("40401");
    }

    private static ConsumerRecord<byte[], byte[]> consumeOne(String topic) {
        return consumeAll(topic).get(0);
    }

    private static List<ConsumerRecord<byte[], byte[]>> consumeAll(String topic) {
        Map<String, Object> config = STACK.clientConfig();
        config.put(ConsumerConfig.GROUP_ID_CONFIG, SharedStack.uniqueName("g"));
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(Set.of(topic));
            List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(300)).forEach(out::add);
                if (!out.isEmpty() && consumer.assignment().stream()
                        .allMatch(tp -> consumer.position(tp) >= consumer.endOffsets(Set.of(tp)).get(tp))) {
                    return out;
                }
            }
            throw new AssertionError("no records on " + topic + " within 60 s");
        }
    }

    static SecurityFinding finding(String arn) {
        return SecurityFinding.newBuilder()
                .setIdentity(arn)
                .setSource(FindingSource.GUARDDUTY)
                .setSourceId(arn.substring(arn.lastIndexOf('/') + 1))
                .setTypes(List.of("UnauthorizedAccess:EC2/SSHBruteForce"))
                .setTitle("SSH brute force attacks against i-0abc")
                .setSeverity(Severity.newBuilder().setLabel(SeverityLabel.HIGH).setNormalized(80).setOriginal("8.0").build())
                .setAccountId("111122223333")
                .setRegion("us-east-1")
                .setResources(List.of(FindingResource.newBuilder().setType("AwsEc2Instance").setId("i-0abc")
                        .setTags(Map.of("Environment", "production")).build()))
                .setUpdatedAt(Instant.parse("2026-11-01T10:15:30.123Z"))
                .setCount(3)
                .setRaw("{\"id\":\"f1\"}")
                .build();
    }
}
