package io.tripline.core.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.Test;

import io.tripline.core.registry.InMemorySchemaRegistry;
import io.tripline.core.topic.Topics;
import io.tripline.schema.v1.Detection;
import io.tripline.schema.v1.Incident;
import io.tripline.schema.v1.RemediationAction;
import io.tripline.schema.v1.RiskFactor;

/**
 * What producers see of the compiled writer: the Confluent header followed by the bytes SpecificDatumWriter
 * writes, a SerializationException that names the schema, the topic and where in the record a bad value is,
 * and GenericRecords written as before.
 */
class AvroSerializerTest {

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    private final Map<String, Object> settings = Map.of(SerdeConfig.CLIENT, registry);

    @Test
    void shouldWriteTheWireHeaderThenTheBytesOfSpecificDatumWriter() {
        Serde<Incident> serde = Topics.INCIDENTS.valueSerde(settings);
        Incident incident = SampleRecords.incident(1, 150);

        byte[] wire = serde.serializer().serialize(Topics.INCIDENTS.name(), incident);

        int id = registry.idOf(Subjects.topicName(Topics.INCIDENTS.name(), false), Incident.SCHEMA$);
        assertThat(wire).isEqualTo(WriterParity.framed(id, avroBytes(specificWriter(Incident.SCHEMA$), incident)));
        assertThat(serde.deserializer().deserialize(Topics.INCIDENTS.name(), wire)).isEqualTo(incident);
    }

    @Test
    void shouldWriteRecordsLargerThanTheThreadsBufferKeepsAndSmallOnesAfterThem() {
        Serializer<Incident> serializer = Topics.INCIDENTS.valueSerde(settings).serializer();
        int id = registry.register(Subjects.topicName(Topics.INCIDENTS.name(), false), Incident.SCHEMA$);
        Incident large = SampleRecords.incident(3, 40_000);
        large.setTitle("\u00e9\uD83D\uDE00".repeat(100_000));
        Incident small = SampleRecords.incident(4, 1);

        for (Incident incident : List.of(small, large, small, large, small)) {
            byte[] wire = serializer.serialize(Topics.INCIDENTS.name(), incident);
            assertThat(wire).isEqualTo(WriterParity.framed(id, avroBytes(specificWriter(Incident.SCHEMA$), incident)));
        }
        assertThat(avroBytes(specificWriter(Incident.SCHEMA$), large).length).isGreaterThan(RecordBuffer.KEEP_BYTES);
    }

    @Test
    void shouldNameTheSchemaTopicAndFieldWhenARequiredFieldIsNullAndGoOnWritingAfterwards() {
        Serializer<Detection> serializer = Topics.DETECTIONS.valueSerde(settings).serializer();
        Detection bad = SampleRecords.detection(1);
        bad.setRuleId(null);

        assertThatThrownBy(() -> serializer.serialize(Topics.DETECTIONS.name(), bad))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("io.tripline.schema.v1.Detection")
                .hasMessageContaining(Topics.DETECTIONS.name())
                .hasMessageContaining("null")
                .hasMessageContaining("at Detection.ruleId");

        // The thread's encoder still holds what was written before the failure; the next record must not see it.
        Detection good = SampleRecords.detection(2);
        byte[] wire = serializer.serialize(Topics.DETECTIONS.name(), good);
        byte[] body = Arrays.copyOfRange(wire, WireFormat.HEADER_SIZE, wire.length);
        assertThat(body).isEqualTo(avroBytes(specificWriter(Detection.SCHEMA$), good));
    }

    @Test
    void shouldSayWhereInArraysMapsAndNestedRecordsABadValueIs() {
        Incident incident = SampleRecords.incident(2, 3);
        List<RiskFactor> factors = new ArrayList<>(incident.getFactors());
        factors.add(RiskFactor.newBuilder().setName("x").setPoints(1).build());
        factors.get(1).setName(null);
        incident.setFactors(factors);
        assertThatThrownBy(() -> Topics.INCIDENTS.valueSerde(settings).serializer().serialize(Topics.INCIDENTS.name(), incident))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("at Incident.factors[1].name");

        Detection detection = SampleRecords.detection(3);
        detection.setTags(Arrays.asList("attack.t1078", "attack.initial_access", null));
        assertThatThrownBy(() -> Topics.DETECTIONS.valueSerde(settings).serializer().serialize(Topics.DETECTIONS.name(), detection))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("at Detection.tags[2]");

        RemediationAction action = SampleRecords.action();
        action.setDetails(new HashMap<>(Map.of("groupId", "sg-1")));
        action.getDetails().put("previous", null);
        assertThatThrownBy(() -> Topics.REMEDIATION_ACTIONS.valueSerde(settings).serializer()
                .serialize(Topics.REMEDIATION_ACTIONS.name(), action))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("at RemediationAction.details[\"previous\"]");
    }

    @Test
    void shouldWriteGenericRecordsAsAvrosWritersDo() throws IOException {
        Schema schema = new Schema.Parser().parse("""
                {"type": "record", "name": "Probe", "namespace": "io.tripline.test.generic", "fields": [
                  {"name": "id", "type": "string"},
                  {"name": "tags", "type": {"type": "map", "values": ["null", "long"]}}]}""");
        GenericRecord probe = new GenericData.Record(schema);
        probe.put("id", "p-1");
        probe.put("tags", Map.of("a", 1L));
        Serializer<GenericRecord> generic = AvroSerde.generic().serializer();
        generic.configure(settings, false);

        byte[] wire = generic.serialize(Topics.DETECTIONS.name(), probe);
        assertThat(Arrays.copyOfRange(wire, WireFormat.HEADER_SIZE, wire.length))
                .isEqualTo(avroBytes(new GenericDatumWriter<>(schema, GenericData.get()), probe));

        // A GenericRecord of a generated schema, after that schema's writer was compiled for a Detection.
        Serde<Detection> serde = Topics.DETECTIONS.valueSerde(settings);
        Detection detection = SampleRecords.detection(4);
        serde.serializer().serialize(Topics.DETECTIONS.name(), detection);
        GenericRecord copy = new GenericDatumReader<GenericRecord>(Detection.SCHEMA$, Detection.SCHEMA$, GenericData.get())
                .read(null, DecoderFactory.get().binaryDecoder(avroBytes(specificWriter(Detection.SCHEMA$), detection), null));
        assertThat(copy).isInstanceOf(GenericData.Record.class);
        @SuppressWarnings({"unchecked", "rawtypes"})
        Serializer<GenericContainer> same = (Serializer) serde.serializer();

        byte[] copied = same.serialize(Topics.DETECTIONS.name(), copy);

        assertThat(copied).isEqualTo(serde.serializer().serialize(Topics.DETECTIONS.name(), detection));
        assertThat(serde.deserializer().deserialize(Topics.DETECTIONS.name(), copied)).isEqualTo(detection);
    }

    private static <T> DatumWriter<T> specificWriter(Schema schema) {
        return new SpecificDatumWriter<>(schema, SpecificData.getForSchema(schema));
    }

    private static <T> byte[] avroBytes(DatumWriter<T> writer, T value) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
            writer.write(value, encoder);
            encoder.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
