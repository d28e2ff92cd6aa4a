package io.tripline.enrich.incident.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import io.tripline.core.registry.InMemorySchemaRegistry;
import io.tripline.core.serde.SerdeConfig;
import io.tripline.core.topic.Topics;
import io.tripline.enrich.incident.IncidentSettings;
import io.tripline.enrich.incident.IncidentStages;
import io.tripline.enrich.topology.EnrichSettings;
import io.tripline.enrich.topology.EnrichTopology;

/**
 * Correlation-heavy throughput of the incident stage on a TopologyTestDriver (no broker, one thread):
 * the same pre-encoded records through (a) a Kafka Streams pass-through of the raw topics, (b) the enrich
 * topology without the incident stage and (c) with it; plus the incident state-store bytes per million
 * events. Not a test: run it with
 * <pre>
 * mvn -B -o -pl enrich-stream test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp
 * java -Xmx2g -Dorg.apache.avro.SERIALIZABLE_PACKAGES=io.tripline.schema.v1 \
 *     -cp enrich-stream/target/test-classes:enrich-stream/target/classes:$(cat enrich-stream/target/bench.cp) \
 *     io.tripline.enrich.incident.bench.IncidentBench [events=200000] [entities=2000]
 * </pre>
 */
public final class IncidentBench {

    private static final Logger LOG = LoggerFactory.getLogger(IncidentBench.class);

    private IncidentBench() {
    }

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int entities = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
        Map<String, Object> serde = Map.of(SerdeConfig.CLIENT, new InMemorySchemaRegistry());
        List<BenchWorkload.Raw> records = new BenchWorkload(serde, entities).generate(events);
        LOG.info("workload: {} records over {} entities ({} GuardDuty findings)", records.size(), entities,
                records.stream().filter(BenchWorkload.Raw::finding).count());

        // Warm up the JIT on a slice, then measure each topology on the whole workload.
        List<BenchWorkload.Raw> warm = records.subList(0, Math.min(records.size(), 20_000));
        run("warm-up", passThrough(), warm, false);
        run("warm-up", EnrichTopology.build(new EnrichSettings(serde, "", null, IncidentStages.standard(), "bench")), warm, false);

        double pass = run("pass-through", passThrough(), records, false).perSecond;
        double enrich = run("enrich without incidents", EnrichTopology.build(new EnrichSettings(serde, "", null, "bench")),
                records, false).perSecond;
        Result full = run("enrich with incidents", EnrichTopology.build(new EnrichSettings(serde, "", null,
                IncidentStages.standard(IncidentSettings.defaults()), "bench")), records, true);
        LOG.info("ratio with incidents / pass-through: {}", String.format("%.2fx", full.perSecond / pass));
        LOG.info("ratio with incidents / enrich without incidents: {}", String.format("%.2fx", full.perSecond / enrich));
        LOG.info("incident state: {} bytes in {} entries = {} MB per million events (peak at end of run)", full.stateBytes,
                full.stateEntries, String.format("%.1f", full.stateBytes / 1e6 * 1e6 / records.size()));
    }

    private static Topology passThrough() {
        StreamsBuilder builder = new StreamsBuilder();
        for (var topic : List.of(Topics.RAW_GUARDDUTY, Topics.RAW_CLOUDTRAIL)) {
            builder.stream(topic.name(), Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("bench-source-" + topic.name()))
                    .to("bench-out", Produced.with(Serdes.String(), Serdes.ByteArray()).withName("bench-sink-" + topic.name()));
        }
        return builder.build();
    }

    private record Result(double perSecond, long stateBytes, long stateEntries) {
    }

    private static Result run(String name, Topology topology, List<BenchWorkload.Raw> records, boolean measureState) throws Exception {
        Path stateDir = Files.createTempDirectory("tripline-bench-");
        Properties props = EnrichTopology.config("bench-" + name.replace(' ', '-'), "bench:9092", Map.of(
                StreamsConfig.STATE_DIR_CONFIG, stateDir.toString(),
                StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE));
        try (TopologyTestDriver driver = new TopologyTestDriver(topology, props, Instant.EPOCH)) {
            TestInputTopic<String, byte[]> guardDuty = driver.createInputTopic(Topics.RAW_GUARDDUTY.name(), new StringSerializer(),
                    new ByteArraySerializer());
            TestInputTopic<String, byte[]> cloudTrail = driver.createInputTopic(Topics.RAW_CLOUDTRAIL.name(), new StringSerializer(),
                    new ByteArraySerializer());
            List<TestOutputTopic<String, byte[]>> outputs = new ArrayList<>();
            for (String topic : topology.describe().toString().contains("bench-out") ? List.of("bench-out")
                    : List.of(Topics.FINDINGS.name(), Topics.OCSF.name(), Topics.INCIDENTS.name(), Topics.DLQ.name())) {
                outputs.add(driver.createOutputTopic(topic, new StringDeserializer(), new ByteArrayDeserializer()));
            }
            long start = System.nanoTime();
            long produced = 0;
            for (int i = 0; i < records.size(); i++) {
                BenchWorkload.Raw raw = records.get(i);
                (raw.finding() ? guardDuty : cloudTrail).pipeInput(raw.key(), raw.value(), raw.time());
                if (i % 5_000 == 4_999) {
                    for (TestOutputTopic<String, byte[]> out : outputs) {
                        produced += out.readRecordsToList().size();
                    }
                }
            }
            for (TestOutputTopic<String, byte[]> out : outputs) {
                produced += out.readRecordsToList().size();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double perSecond = records.size() / seconds;
            LOG.info("{}: {} records in {} s = {} records/s, {} output records", name, records.size(),
                    String.format("%.2f", seconds), String.format("%.0f", perSecond), produced);
            long bytes = 0;
            long entries = 0;
            if (measureState) {
                // The same encoding as the stage's own serde (JSON, sorted keys): the bytes RocksDB and the changelog hold.
                ObjectMapper json = JsonMapper.builder().enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
                        .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();
                for (String store : List.of("incident-state", "incident-signals", "incident-links", "incident-due")) {
                    KeyValueStore<String, Object> kv = driver.getKeyValueStore(store);
                    try (KeyValueIterator<String, Object> it = kv.all()) {
                        while (it.hasNext()) {
                            KeyValue<String, Object> entry = it.next();
                            bytes += entry.key.getBytes(StandardCharsets.UTF_8).length + (entry.value instanceof String text
                                    ? text.getBytes(StandardCharsets.UTF_8).length : json.writeValueAsBytes(entry.value).length);
                            entries++;
                        }
                    }
                }
            }
            return new Result(perSecond, bytes, entries);
        } finally {
            try (var walk = Files.walk(stateDir)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
