package io.tripline.enrich.fuzz;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;

import com.fasterxml.jackson.databind.JsonNode;

import io.tripline.core.normalize.Json;
import io.tripline.core.normalize.NormalizationException;
import io.tripline.core.normalize.Normalizers;
import io.tripline.core.normalize.SourceItem;
import io.tripline.core.normalize.SourceShapes;
import io.tripline.core.testing.Corpus;
import io.tripline.core.testing.FuzzRun;
import io.tripline.core.testing.HostileAvro;
import io.tripline.core.testing.HostileJson;
import io.tripline.core.topic.Topic;
import io.tripline.core.topic.Topics;
import io.tripline.enrich.topology.EventTimes;
import io.tripline.schema.v1.DeadLetter;
import io.tripline.schema.v1.SecurityFinding;
import io.tripline.schema.v1.TrailEvent;

/**
 * Hostile values for one raw topic, for the topology fuzz test and the broker test: the corpus of the
 * topic's source normalized and serialized as ingest would (the good records), and from them mostly
 * hostile wire values ({@link HostileAvro}), plus well-formed Avro records carrying hostile content
 * (long strings, NUL, control characters, odd numbers that still normalize) and JSON written where Avro
 * belongs ({@link HostileJson}).
 */
public final class RawTopicFuzz {

    /** One value to send, and whether it can never decode. */
    public record Value(String kind, byte[] bytes, boolean alwaysBad) {
    }

    private final Topic<String, SpecificRecord> topic;
    private final FuzzRun run;
    private final List<byte[]> good = new ArrayList<>();
    private final HostileAvro avro;
    private final HostileJson json;
    private final Normalizers normalizers = new Normalizers();
    private final Serializer<SpecificRecord> serializer;
    private final Deserializer<SpecificRecord> deserializer;

    @SuppressWarnings("unchecked")
    public RawTopicFuzz(String source, Map<String, Object> serde, FuzzRun run) {
        this.topic = (Topic<String, SpecificRecord>) (Topic<?, ?>) topicOf(source);
        this.run = run;
        this.serializer = topic.valueSerde(serde).serializer();
        this.deserializer = topic.valueSerde(serde).deserializer();
        List<JsonNode> samples = HostileJson.corpusSamples(Corpus.files(source));
        List<byte[]> text = new ArrayList<>();
        for (JsonNode sample : samples) {
            text.add(Json.write(sample).getBytes(StandardCharsets.UTF_8));
            byte[] value = serialize(sample);
            if (value != null) {
                good.add(value);
            }
        }
        this.avro = new HostileAvro(run.random(), good, text, otherSchemaId(serde));
        this.json = new HostileJson(run.random(), samples);
    }

    static Topic<String, ? extends SpecificRecord> topicOf(String source) {
        return switch (source) {
            case "guardduty" -> Topics.RAW_GUARDDUTY;
            case "securityhub" -> Topics.RAW_SECURITYHUB;
            case "cloudtrail" -> Topics.RAW_CLOUDTRAIL;
            default -> throw new IllegalArgumentException("no raw topic for " + source);
        };
    }

    public Topic<String, SpecificRecord> topic() {
        return topic;
    }

    /** The corpus records of this source in the wire format, as ingest publishes them. */
    public List<byte[]> good() {
        return good;
    }

    /** The next hostile value: three in four hostile wire values, the rest hostile JSON content. */
    public Value next() {
        if (run.random().nextInt(4) != 0) {
            HostileAvro.Input input = avro.next();
            return new Value("avro." + input.kind(), input.bytes(), input.alwaysBad());
        }
        HostileJson.Input input = json.next();
        byte[] wellFormed = normalizedOrNull(input);
        if (wellFormed != null) {
            return new Value("content." + input.kind(), wellFormed, false);
        }
        byte[] bytes = input.bytes();
        return new Value("json." + input.kind(), bytes, bytes.length < 5 || bytes[0] != 0);
    }

    /** Whether the topic's deserializer reads {@code bytes}: the truth the DLQ is checked against. */
    /** Whether the topology takes the value: it decodes and carries a plausible event time. */
    public boolean decodes(byte[] bytes) {
        try {
            Object value = deserializer.deserialize(topic.name(), bytes);
            return value instanceof TrailEvent event ? EventTimes.plausible(event.getEventTime())
                    : value instanceof SecurityFinding finding && EventTimes.plausible(finding.getUpdatedAt());
        } catch (RuntimeException e) {
            return false;
        }
    }

    private byte[] normalizedOrNull(HostileJson.Input input) {
        try {
            return serialize(Json.parse(input.text()));
        } catch (NormalizationException e) {
            return null;
        }
    }

    /** The first record of {@code json} that belongs on this topic, serialized; null when none normalizes. */
    private byte[] serialize(JsonNode json) {
        try {
            for (SourceItem item : SourceShapes.unwrap(json)) {
                SpecificRecord record = normalizers.normalize(item);
                if (record.getSchema().equals(schema())) {
                    return serializer.serialize(topic.name(), record);
                }
            }
        } catch (NormalizationException e) {
            return null;
        }
        return null;
    }

    private Schema schema() {
        return topic == (Topic<?, ?>) Topics.RAW_CLOUDTRAIL ? TrailEvent.getClassSchema() : SecurityFinding.getClassSchema();
    }

    /** The id of a registered schema of another type (DeadLetter), for values that name the wrong schema. */
    private static int otherSchemaId(Map<String, Object> serde) {
        DeadLetter letter = DeadLetter.newBuilder().setStage("fuzz").setFailedAt(java.time.Instant.EPOCH).setReason("fuzz")
                .setHeaders(Map.of()).build();
        byte[] bytes = Topics.DLQ.valueSerde(serde).serializer().serialize(Topics.DLQ.name(), letter);
        return ByteBuffer.wrap(bytes, 1, 4).getInt();
    }
}
