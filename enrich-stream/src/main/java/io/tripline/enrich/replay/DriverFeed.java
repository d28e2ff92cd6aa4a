package io.tripline.enrich.replay;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * The reference feed: {@link TopologyTestDriver}'s public API, record by record. Each piped record is
 * validated against every source topic pattern, committed, and its output captured per topic; that costs
 * about 20 µs a record, so replays run on {@link TaskFeed}, and this feed stays as what TaskFeed's output
 * is checked against.
 */
final class DriverFeed implements TopologyFeed {

    private final TopologyTestDriver driver;
    private final ReplayOutput output;
    private final Map<String, TestInputTopic<String, byte[]>> inputs = new HashMap<>();
    private final List<TestOutputTopic<byte[], byte[]>> outputs;
    private final List<String> outputTopics;

    DriverFeed(TopologyTestDriver driver, ReplayOutput output, List<String> outputTopics) {
        this.driver = driver;
        this.output = output;
        this.outputTopics = outputTopics;
        this.outputs = outputTopics.stream()
                .map(topic -> driver.createOutputTopic(topic, new ByteArrayDeserializer(), new ByteArrayDeserializer()))
                .toList();
    }

    @Override
    public void pipe(String topic, String key, byte[] value, long timestamp) {
        inputs.computeIfAbsent(topic, t -> driver.createInputTopic(t, new StringSerializer(), new ByteArraySerializer()))
                .pipeInput(key, value, Instant.ofEpochMilli(timestamp));
    }

    @Override
    public void drain() {
        for (int i = 0; i < outputs.size(); i++) {
            for (TestRecord<byte[], byte[]> record : outputs.get(i).readRecordsToList()) {
                output.accept(outputTopics.get(i), record.key(), record.value());
            }
        }
    }

    @Override
    public void close() {
        driver.close();
    }
}
