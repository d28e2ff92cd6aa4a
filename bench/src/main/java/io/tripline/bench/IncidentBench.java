package io.tripline.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

import io.tripline.core.serde.SerdeConfig;
import io.tripline.core.topic.TopicCreator;
import io.tripline.core.topic.Topics;
import io.tripline.enrich.detect.SigmaDetectionStage;
import io.tripline.enrich.incident.IncidentStages;
import io.tripline.enrich.topology.EnrichSettings;
import io.tripline.enrich.topology.EnrichTopology;
import io.tripline.stack.kafka.KafkaBroker;
import io.tripline.stack.registry.RegistryConfig;
import io.tripline.stack.registry.SchemaRegistryServer;

/**
 * Correlation-heavy throughput of the incident stage on the embedded broker: one workload of GuardDuty
 * findings and CloudTrail calls over many entities with every chain active (detections from the
 * CloudTrail-tampering rule join them), read by (a) a Kafka Streams pass-through of both raw topics, (b) the
 * enrich topology without the incident stage and (c) with it, interleaved per repetition. Figures are
 * medians: the ratio of (c) to (a) is issue 6's figure, (c) to (b) what the stage alone costs; the incident
 * stores' RocksDB bytes on disk after each run of (c), per million input records, is the state figure, and
 * the incident versions (c) published per thousand input records show how often the stage publishes.
 */
final class IncidentBench {

    /** Entities the workload spreads over (20 accounts). */
    static final int ENTITIES = 2_000;

    private IncidentBench() {
    }

    /** This comparison alone, without the rest of {@code tripline bench}: {@code IncidentBench [records] [repeat]}. */
    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int repeat = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path dir = Files.createTempDirectory("tripline-incident-bench-");
        try (KafkaBroker broker = KafkaBroker.start(KafkaBroker.Options.defaults().dataDir(dir.resolve("kafka")).port(0));
             SchemaRegistryServer registry = SchemaRegistryServer.start(RegistryConfig.of(broker.bootstrapServers()).withPort(0));
             Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            System.out.println(BenchReport.table(run(broker, admin, Map.of(SerdeConfig.URL, registry.url()), dir, records, repeat)));
        } finally {
            BenchMain.deleteQuietly(dir);
        }
    }

    /** Runs the comparison on topics of its own under {@code prefix}; returns the figures by name. */
    static Map<String, Object> run(KafkaBroker broker, Admin admin, Map<String, Object> serde, Path dir, int records,
                                   int repeat) throws Exception {
        String prefix = "bench-incident.";
        new TopicCreator(admin, (short) 1).ensure(Topics.all(), prefix);
        for (int i = 0; i < repeat; i++) {
            new TopicCreator(admin, (short) 1).ensure(List.of(Topics.RAW_CLOUDTRAIL), prefix + "passthrough." + i + ".");
        }
        Set<String> inputs = Set.of(prefix + Topics.RAW_GUARDDUTY.name(), prefix + Topics.RAW_CLOUDTRAIL.name());
        produce(broker, prefix, new IncidentWorkload(serde, ENTITIES).generate(records));

        SigmaDetectionStage rule = BenchRules.oneRule();
        List<Double> passthrough = new ArrayList<>();
        List<Double> enrich = new ArrayList<>();
        List<Double> incidents = new ArrayList<>();
        List<Double> stateBytes = new ArrayList<>();
        for (int i = 0; i < repeat; i++) {
            passthrough.add(StreamsRun.measure(admin, inputs,
                    passThrough(inputs, prefix + "passthrough." + i + "." + Topics.RAW_CLOUDTRAIL.name()),
                    BenchMain.streamsProps("bench-incident-passthrough-" + i, broker, dir)));
            enrich.add(StreamsRun.measure(admin, inputs,
                    EnrichTopology.build(new EnrichSettings(serde, prefix, rule, "bench")),
                    BenchMain.streamsProps("bench-incident-enrich-" + i, broker, dir)));
            String app = "bench-incident-full-" + i;
            incidents.add(StreamsRun.measure(admin, inputs,
                    EnrichTopology.build(new EnrichSettings(serde, prefix, rule, IncidentStages.standard(), "bench")),
                    BenchMain.streamsProps(app, broker, dir)));
            stateBytes.add((double) incidentStoreBytes(dir.resolve("state").resolve(app)));
        }
        double pass = Stats.median(passthrough);
        double full = Stats.median(incidents);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("incident_records", records);
        figures.put("incident_entities", ENTITIES);
        figures.put("incident_passthrough_rps", pass);
        figures.put("incident_enrich_only_rps", Stats.median(enrich));
        figures.put("incident_rps", full);
        figures.put("incident_vs_passthrough", full / pass);
        figures.put("incident_vs_enrich_only", full / Stats.median(enrich));
        figures.put("incident_state_mb_per_million", Stats.median(stateBytes) / 1e6 * (1e6 / records));
        // Every repetition publishes the same versions (same input, deterministic stage): the topic holds repeat copies.
        figures.put("incident_versions_per_1k_records",
                committedRecords(broker, prefix + Topics.INCIDENTS.name()) / (double) repeat * 1_000 / records);
        return figures;
    }

    /** Records of a topic a read_committed consumer sees, from the beginning to its last stable offsets. */
    private static long committedRecords(KafkaBroker broker, String topic) {
        Map<String, Object> config = Map.of("bootstrap.servers", broker.bootstrapServers(), "isolation.level", "read_committed",
                "max.poll.records", 5_000);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long count = 0;
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                count += consumer.poll(Duration.ofMillis(500)).count();
            }
            return count;
        }
    }

    private static void produce(KafkaBroker broker, String prefix, List<IncidentWorkload.Raw> records) {
        Map<String, Object> config = Map.of("bootstrap.servers", broker.bootstrapServers(), "linger.ms", 5,
                "batch.size", 131072, "acks", "all", "enable.idempotence", true);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
                new ByteArraySerializer())) {
            for (IncidentWorkload.Raw raw : records) {
                String topic = prefix + (raw.finding() ? Topics.RAW_GUARDDUTY : Topics.RAW_CLOUDTRAIL).name();
                // Stamped when written, as ingest does: the workload's event times lie months back, and records
                // stamped with them would fall to the raw topics' 7-day retention in the middle of a slow run.
                producer.send(new ProducerRecord<>(topic, raw.key(), raw.value()));
            }
            producer.flush();
        }
    }

    private static Topology passThrough(Set<String> inputs, String output) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(inputs, Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("source-passthrough"))
                .to(output, Produced.with(Serdes.String(), Serdes.ByteArray()).withName("sink-passthrough"));
        return builder.build();
    }

    /** Bytes on disk of the incident stage's RocksDB stores (every task) of one application's state directory. */
    private static long incidentStoreBytes(Path appState) throws IOException {
        if (!Files.isDirectory(appState)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(appState)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> f.toString().contains("/rocksdb/incident-"))
                    .mapToLong(f -> f.toFile().length()).sum();
        }
    }
}
