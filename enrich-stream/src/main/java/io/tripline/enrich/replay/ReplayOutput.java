package io.tripline.enrich.replay;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.common.errors.SerializationException;

import io.tripline.core.registry.SchemaRegistry;
import io.tripline.core.serde.WireFormat;
import io.tripline.core.topic.Topics;
import io.tripline.schema.v1.Detection;

/**
 * What the topology wrote during a replay, collected from its serialized output records: the OCSF lines
 * with their keys in output order ({@link OutputLines}), the detections counted per rule, the dead letters
 * counted.
 * <p>
 * A detection is read for its rule id only: Avro schema resolution against a reader schema with just that
 * field skips the others instead of building the whole record, which a replay would throw away.
 */
final class ReplayOutput {

    private static final String RULE_ID = "ruleId";

    private final SchemaRegistry registry;
    private final Schema ruleIdOnly;
    private final Map<Integer, DatumReader<GenericRecord>> readers = new HashMap<>();
    private BinaryDecoder decoder;
    private final String ocsfTopic;
    private final String detectionTopic;
    private final String dlqTopic;
    private final OutputLines keys = new OutputLines();
    private final OutputLines lines = new OutputLines();
    private final Map<String, Long> hits = new TreeMap<>();
    private long deadLetters;

    /** An output reading detections with the writer schemas {@code registry} has under their ids. */
    ReplayOutput(SchemaRegistry registry) {
        this.registry = registry;
        Schema detection = Detection.getClassSchema();
        Schema.Field ruleId = detection.getField(RULE_ID);
        this.ruleIdOnly = Schema.createRecord(detection.getName(), null, detection.getNamespace(), false,
                List.of(new Schema.Field(ruleId.name(), ruleId.schema())));
        this.ocsfTopic = Topics.OCSF.name();
        this.detectionTopic = Topics.DETECTIONS.name();
        this.dlqTopic = Topics.DLQ.name();
    }

    /** One record the topology produced; records to other topics (e.g. {@code tripline.findings}) are not output. */
    void accept(String topic, byte[] key, byte[] value) {
        if (topic.equals(ocsfTopic)) {
            // Kept as the UTF-8 the topology wrote (its string serde), decoded only when read.
            keys.append(key);
            lines.append(value);
        } else if (topic.equals(detectionTopic)) {
            hits.merge(ruleId(topic, value), 1L, Long::sum);
        } else if (topic.equals(dlqTopic)) {
            deadLetters++;
        }
    }

    ReplayResult result(long eventsRead, List<Unparseable> unparseable, long suppressed) {
        return new ReplayResult(lines, keys, eventsRead, hits, unparseable, deadLetters, suppressed);
    }

    private String ruleId(String topic, byte[] value) {
        ByteBuffer buffer = ByteBuffer.wrap(value);
        int id = WireFormat.readSchemaId(topic, buffer);
        DatumReader<GenericRecord> reader = readers.computeIfAbsent(id,
                schemaId -> new GenericDatumReader<>(registry.schemaById(schemaId), ruleIdOnly));
        decoder = DecoderFactory.get().binaryDecoder(value, buffer.position(), buffer.remaining(), decoder);
        try {
            return reader.read(null, decoder).get(RULE_ID).toString();
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("could not read the rule id of a detection on " + topic + ": " + e, e);
        }
    }
}
