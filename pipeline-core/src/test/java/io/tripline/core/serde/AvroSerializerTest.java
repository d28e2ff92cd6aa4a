package io.tripline.core.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

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
import io.tripline.schema.v1.ActionMode;
import io.tripline.schema.v1.ActionState;
import io.tripline.schema.v1.Detection;
import io.tripline.schema.v1.Entity;
import io.tripline.schema.v1.EntityType;
import io.tripline.schema.v1.Incident;
import io.tripline.schema.v1.IncidentEntity;
import io.tripline.schema.v1.IncidentStatus;
import io.tripline.schema.v1.RemediationAction;
import io.tripline.schema.v1.RiskFactor;
import io.tripline.schema.v1.RiskLevel;
import io.tripline.schema.v1.RuleLevel;

/**
 * What producers see of the compiled writer: the Confluent header followed by the bytes SpecificDatumWriter
 * writes, a SerializationException that names the schema, the topic and where in the record a bad value is,
 * and GenericRecords written as before.
 */
class AvroSerializerTest {

    private static final Instant AT = Instant.parse("2026-11-01T10:00:00.123Z");

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    private final Map<String, Object> settings = Map.of(SerdeConfig.CLIENT, registry);

    @Test
    void shouldWriteTheWireHeaderThenTheBytesOfSpecificDatumWriter() {
        Serde<Incident> serde = Topics.INCIDENTS.valueSerde(settings);
        Incident incident = incident(150);

        byte[] wire = serde.serializer().serialize(Topics.INCIDENTS.name(), incident);

        int id = registry.idOf(Subjects.topicName(Topics.INCIDENTS.name(), false), Incident.SCHEMA$);
        assertThat(wire).isEqualTo(WriterParity.framed(id, avroBytes(specificWriter(Incident.SCHEMA$), incident)));
        assertThat(serde.deserializer().deserialize(Topics.INCIDENTS.name(), wire)).isEqualTo(incident);
    }

    @Test
    void shouldNameTheSchemaTopicAndFieldWhenARequiredFieldIsNullAndGoOnWritingAfterwards() {
        Serializer<Detection> serializer = Topics.DETECTIONS.valueSerde(settings).serializer();
        Detection bad = detection("d-1");
        bad.setRuleId(null);

        assertThatThrownBy(() -> serializer.serialize(Topics.DETECTIONS.name(), bad))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("io.tripline.schema.v1.Detection")
                .hasMessageContaining(Topics.DETECTIONS.name())
                .hasMessageContaining("null")
                .hasMessageContaining("at Detection.ruleId");

        // The thread's encoder still holds what was written before the failure; the next record must not see it.
        Detection good = detection("d-2");
        byte[] wire = serializer.serialize(Topics.DETECTIONS.name(), good);
        byte[] body = Arrays.copyOfRange(wire, WireFormat.HEADER_SIZE, wire.length);
        assertThat(body).isEqualTo(avroBytes(specificWriter(Detection.SCHEMA$), good));
    }

    @Test
    void shouldSayWhereInArraysMapsAndNestedRecordsABadValueIs() {
        Incident incident = incident(3);
        List<RiskFactor> factors = new ArrayList<>(incident.getFactors());
        factors.add(RiskFactor.newBuilder().setName("x").setPoints(1).build());
        factors.get(1).setName(null);
        incident.setFactors(factors);
        assertThatThrownBy(() -> Topics.INCIDENTS.valueSerde(settings).serializer().serialize(Topics.INCIDENTS.name(), incident))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("at Incident.factors[1].name");

        Detection detection = detection("d-3");
        detection.setTags(Arrays.asList("attack.t1078", "attack.initial_access", null));
        assertThatThrownBy(() -> Topics.DETECTIONS.valueSerde(settings).serializer().serialize(Topics.DETECTIONS.name(), detection))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("at Detection.tags[2]");

        RemediationAction action = action();
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
        Detection detection = detection("d-4");
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

    private static Detection detection(String id) {
        return Detection.newBuilder()
                .setDetectionId(id)
                .setRuleId("aws_console_login_without_mfa")
                .setRuleTitle("Console login without MFA \u2014 \uD834\uDD1E")
                .setLevel(RuleLevel.HIGH)
                .setTags(List.of("attack.t1078", "attack.initial_access"))
                .setEntity(Entity.newBuilder().setType(EntityType.PRINCIPAL).setId("arn:aws:iam::111122223333:user/mallory").build())
                .setAccountId("111122223333")
                .setEventTime(AT)
                .setFirstEventTime(AT.minusSeconds(3600))
                .setEvidence(List.of("e-1", "e-2"))
                .build();
    }

    private static Incident incident(int members) {
        List<String> ids = IntStream.range(0, members).mapToObj(i -> "0f3c6a1e-4d2b-4c77-9e1a-" + String.format("%012d", i)).toList();
        return Incident.newBuilder()
                .setIncidentId("inc-1")
                .setVersion(7)
                .setTitle("Credential misuse by mallory")
                .setEntity(IncidentEntity.newBuilder().setType("PRINCIPAL").setId("arn:aws:iam::111122223333:user/mallory").build())
                .setAccountId("111122223333")
                .setRegion("eu-west-1")
                .setFirstSeen(AT.minusSeconds(7200))
                .setLastSeen(AT)
                .setMembers(ids)
                .setEventMembers(ids.subList(0, members / 2))
                .setTactics(List.of("initial-access", "persistence"))
                .setRiskScore(87)
                .setRiskLevel(RiskLevel.HIGH)
                .setFactors(List.of(RiskFactor.newBuilder().setName("critical finding").setPoints(40).setEvidence(ids.subList(0, 1)).build()))
                .setPlaybooks(List.of("disable-access-key"))
                .setStatus(IncidentStatus.UPDATED)
                .setUpdatedAt(AT)
                .build();
    }

    private static RemediationAction action() {
        return RemediationAction.newBuilder()
                .setActionId("a-1")
                .setIncidentId("inc-1")
                .setActionType("quarantine-instance")
                .setTarget("i-0abc")
                .setState(ActionState.PROPOSED)
                .setMode(ActionMode.DRY_RUN)
                .setCreatedAt(AT)
                .setUpdatedAt(AT)
                .build();
    }
}
