package io.tripline.enrich.replay;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringDeserializer;

import io.tripline.core.topic.Topics;
import io.tripline.schema.v1.Detection;

/**
 * What the topology wrote during a replay, collected from its serialized output records: the OCSF lines
 * with their keys in output order, the detections counted per rule, the dead letters counted.
 */
final class ReplayOutput {

    private final Deserializer<String> strings = new StringDeserializer();
    private final Deserializer<Detection> detections;
    private final String ocsfTopic;
    private final String detectionTopic;
    private final String dlqTopic;
    private final List<String> keys = new ArrayList<>();
    private final List<String> lines = new ArrayList<>();
    private final Map<String, Long> hits = new TreeMap<>();
    private long deadLetters;

    ReplayOutput(Serde<Detection> detectionSerde) {
        this.detections = detectionSerde.deserializer();
        this.ocsfTopic = Topics.OCSF.name();
        this.detectionTopic = Topics.DETECTIONS.name();
        this.dlqTopic = Topics.DLQ.name();
    }

    /** One record the topology produced; records to other topics (e.g. {@code tripline.findings}) are not output. */
    void accept(String topic, byte[] key, byte[] value) {
        if (topic.equals(ocsfTopic)) {
            keys.add(strings.deserialize(topic, key));
            lines.add(strings.deserialize(topic, value));
        } else if (topic.equals(detectionTopic)) {
            hits.merge(detections.deserialize(topic, value).getRuleId(), 1L, Long::sum);
        } else if (topic.equals(dlqTopic)) {
            deadLetters++;
        }
    }

    ReplayResult result(long eventsRead, List<Unparseable> unparseable) {
        return new ReplayResult(lines, keys, eventsRead, hits, unparseable, deadLetters);
    }
}
