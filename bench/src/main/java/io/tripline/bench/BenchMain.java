package io.tripline.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

import io.tripline.core.normalize.Json;
import io.tripline.core.normalize.Normalizers;
import io.tripline.core.serde.SerdeConfig;
import io.tripline.core.topic.TopicCreator;
import io.tripline.core.topic.Topics;
import io.tripline.enrich.detect.SigmaDetectionStage;
import io.tripline.enrich.detect.Suppression;
import io.tripline.enrich.topology.DetectionStage;
import io.tripline.enrich.topology.EnrichSettings;
import io.tripline.enrich.topology.EnrichTopology;
import io.tripline.schema.v1.TrailEvent;
import io.tripline.stack.kafka.KafkaBroker;
import io.tripline.stack.registry.RegistryConfig;
import io.tripline.stack.registry.SchemaRegistryServer;

/**
 * {@code tripline bench}: one run on the embedded broker measuring producer and consumer rates, a Kafka
 * Streams pass-through and the enrich topology over the same records (the figure that matters is their
 * ratio, measured minutes apart on the same machine), and file replay against a plain Jackson parse of
 * the same file; then the end-to-end latency from the raw topic to the responder's decision at a fixed rate,
 * with ingest, enrich and respond in their own JVMs, and each service's memory ({@link EndToEndLatency}).
 * Throughput figures are medians of their repetitions; a table goes to stdout, JSON to --json.
 */
public final class BenchMain {

    static final String USAGE = "usage: tripline bench [--quick] [--records N] [--repeat N] [--e2e-seconds N] [--json FILE]";

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("tripline bench: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        Map<String, Object> figures = run(options);
        System.out.println(BenchReport.table(figures));
        if (options.json() != null) {
            Files.writeString(options.json(), BenchReport.json(figures));
            System.out.println("figures written to " + options.json());
        }
    }

    static Map<String, Object> run(BenchOptions options) throws Exception {
        Path dir = Files.createTempDirectory("tripline-bench-");
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("records", options.records());
        figures.put("repeat", options.repeat());
        // Record timestamps are event times: they must fall inside the raw topic's 7-day retention, or the broker's
        // first retention check (30 s after it starts) deletes the input under the streams runs.
        Instant start = Instant.now().minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.HOURS);
        List<String> records = new TrailEventGenerator(42, 5_000, start).records(options.records());
        try (KafkaBroker broker = KafkaBroker.start(KafkaBroker.Options.defaults().dataDir(dir.resolve("kafka")).port(0));
             SchemaRegistryServer registry = SchemaRegistryServer.start(RegistryConfig.of(broker.bootstrapServers()).withPort(0));
             Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            String prefix = "bench.";
            new TopicCreator(admin, (short) 1).ensure(Topics.all(), prefix);
            String raw = prefix + Topics.RAW_CLOUDTRAIL.name();
            List<org.apache.kafka.clients.admin.NewTopic> extra = new ArrayList<>();
            extra.add(new org.apache.kafka.clients.admin.NewTopic(raw + ".discard", Topics.RAW_CLOUDTRAIL.partitions(), (short) 1));
            for (int i = -1; i < options.repeat(); i++) {
                extra.add(new org.apache.kafka.clients.admin.NewTopic(prefix + "bench.passthrough." + (i < 0 ? "first" : i),
                        Topics.RAW_CLOUDTRAIL.partitions(), (short) 1));
            }
            admin.createTopics(extra).all().get();
            Map<String, Object> serde = Map.of(SerdeConfig.URL, registry.url());

            figures.put("producer_rps", median(options.repeat(), i -> produce(broker, serde, raw, records, i == 0)));
            figures.put("consumer_rps", median(options.repeat(), i -> consume(broker, raw, records.size())));

            SigmaDetectionStage oneRule = BenchRules.oneRule();
            SigmaDetectionStage fullPack = BenchRules.fullPack();
            DetectionStage detections = fullPack;
            List<Double> passthrough = new ArrayList<>();
            List<Double> enrichOne = new ArrayList<>();
            List<Double> enrich = new ArrayList<>();
            List<Double> detectionPath = new ArrayList<>();
            // The same two runs with every hit published (tripline.enrich.suppress.*=0s), for comparison.
            SigmaDetectionStage allHits = fullPack.withSuppression(Suppression.none());
            List<Double> enrichAllHits = new ArrayList<>();
            List<Double> detectionPathAllHits = new ArrayList<>();
            List<Double> suppressedPerRecord = new ArrayList<>();
            // CPU time per record of this JVM (the Streams application) and of the broker: less noisy than rates
            // on a shared machine, and it shows which side a difference comes from.
            IncidentBench.CpuMeter passthroughCpu = new IncidentBench.CpuMeter(broker.pid(), options.records());
            IncidentBench.CpuMeter enrichCpu = new IncidentBench.CpuMeter(broker.pid(), options.records());
            IncidentBench.CpuMeter detectionPathCpu = new IncidentBench.CpuMeter(broker.pid(), options.records());
            // A first round that is not counted: the JIT compiles the applications' code during it, and it slows
            // the richer topologies more than the pass-through (first-round ratios are reported on their own).
            Map<String, Double> firstRound = new LinkedHashMap<>();
            for (int i = -1; i < options.repeat(); i++) {
                String repetition = i < 0 ? "first" : String.valueOf(i);
                boolean counted = i >= 0;
                // Interleaved, so drift of a noisy machine hits all of them alike.
                double passRate = passthroughCpu.measure(counted, () -> StreamsRun.measure(admin, raw,
                        passThrough(raw, prefix + "bench.passthrough." + repetition),
                        streamsProps("bench-passthrough-" + repetition, broker, dir)));
                double oneRate = StreamsRun.measure(admin, raw,
                        EnrichTopology.build(new EnrichSettings(serde, prefix, oneRule, "bench")),
                        streamsProps("bench-enrich-one-" + repetition, broker, dir));
                double enrichRate = enrichCpu.measure(counted, () -> StreamsRun.measure(admin, raw,
                        EnrichTopology.build(new EnrichSettings(serde, prefix, fullPack, "bench")),
                        streamsProps("bench-enrich-" + repetition, broker, dir)));
                // The detection path alone: the same topology and rules with the OCSF output turned off
                // (tripline.enrich.ocsf-enabled=false), CloudTrail records in, detections out.
                double detectionRate = detectionPathCpu.measure(counted, () -> StreamsRun.measure(admin, Set.of(raw),
                        EnrichTopology.build(new EnrichSettings(serde, prefix, fullPack, "bench").withoutOcsf()),
                        streamsProps("bench-enrich-detections-" + repetition, broker, dir),
                        streams -> {
                            if (counted) {
                                suppressedPerRecord.add(
                                        (double) SigmaDetectionStage.suppressedHits(streams.metrics()) / options.records());
                            }
                        }));
                double detectionAllHitsRate = StreamsRun.measure(admin, raw,
                        EnrichTopology.build(new EnrichSettings(serde, prefix, allHits, "bench").withoutOcsf()),
                        streamsProps("bench-enrich-detections-all-hits-" + repetition, broker, dir));
                double enrichAllHitsRate = StreamsRun.measure(admin, raw,
                        EnrichTopology.build(new EnrichSettings(serde, prefix, allHits, "bench")),
                        streamsProps("bench-enrich-all-hits-" + repetition, broker, dir));
                if (!counted) {
                    firstRound.put("first_round_enrich_vs_passthrough", enrichRate / passRate);
                    firstRound.put("first_round_enrich_detection_path_vs_passthrough", detectionRate / passRate);
                    continue;
                }
                passthrough.add(passRate);
                enrichOne.add(oneRate);
                enrich.add(enrichRate);
                detectionPath.add(detectionRate);
                detectionPathAllHits.add(detectionAllHitsRate);
                enrichAllHits.add(enrichAllHitsRate);
            }
            double pass = Stats.median(passthrough);
            figures.put("passthrough_rps", pass);
            figures.put("enrich_one_rule_rps", Stats.median(enrichOne));
            figures.put("enrich_rps", Stats.median(enrich));
            figures.put("enrich_one_rule_vs_passthrough", Stats.median(enrichOne) / pass);
            figures.put("enrich_vs_passthrough", Stats.median(enrich) / pass);
            figures.put("enrich_detection_path_rps", Stats.median(detectionPath));
            figures.put("enrich_detection_path_vs_passthrough", Stats.median(detectionPath) / pass);
            figures.put("enrich_all_hits_vs_passthrough", Stats.median(enrichAllHits) / pass);
            figures.put("enrich_detection_path_all_hits_vs_passthrough", Stats.median(detectionPathAllHits) / pass);
            figures.put("enrich_suppressed_hits_per_1k_records", 1000 * Stats.median(suppressedPerRecord));
            figures.putAll(firstRound);
            figures.put("rules_full_pack", BenchRules.size(fullPack.rules()));
            figures.put("passthrough_cpu_us_per_record", passthroughCpu.appMicrosPerRecord());
            figures.put("enrich_cpu_us_per_record", enrichCpu.appMicrosPerRecord());
            figures.put("enrich_detection_path_cpu_us_per_record", detectionPathCpu.appMicrosPerRecord());
            figures.put("passthrough_broker_cpu_us_per_record", passthroughCpu.brokerMicrosPerRecord());
            figures.put("enrich_broker_cpu_us_per_record", enrichCpu.brokerMicrosPerRecord());
            figures.put("enrich_detection_path_broker_cpu_us_per_record", detectionPathCpu.brokerMicrosPerRecord());

            figures.putAll(ReplayBench.run(dir, records, detections, options.repeat()));
            // Issue 6: correlation-heavy throughput (incident_rps, incident_vs_passthrough, incident_state_mb_per_million).
            figures.putAll(IncidentBench.run(broker, admin, serde, dir, options.records(), options.repeat()));

            Path root = Path.of(System.getProperty("tripline.root", ".")).toAbsolutePath().normalize();
            Map<String, Object> e2e = EndToEndLatency.measure(admin, root, dir.resolve("e2e"), broker.bootstrapServers(),
                    registry.url(), options.e2eSeconds());
            @SuppressWarnings("unchecked")
            Map<String, Long> rss = new LinkedHashMap<>((Map<String, Long>) e2e.remove("rss_mb"));
            figures.putAll(e2e);
            rss.put("broker", Rss.megabytes(broker.pid()));
            rss.put("bench_jvm", Rss.megabytes(ProcessHandle.current().pid()));
            figures.put("rss_mb", rss);
        } catch (Exception | Error e) {
            // The failure names files under dir (the services' logs): they stay for a look.
            System.err.println("tripline bench: failed; its files (service logs included) are kept in " + dir);
            throw e;
        }
        deleteQuietly(dir);
        return figures;
    }

    private static double produce(KafkaBroker broker, Map<String, Object> serde, String topic, List<String> records,
                                  boolean first) throws Exception {
        Normalizers normalizers = new Normalizers();
        var serializer = Topics.RAW_CLOUDTRAIL.valueSerde(serde).serializer();
        List<TrailEvent> events = records.stream().map(r -> normalizers.cloudTrail().normalize(Json.parse(r))).toList();
        Map<String, Object> config = Map.of("bootstrap.servers", broker.bootstrapServers(), "linger.ms", 5,
                "batch.size", 131072, "acks", "all", "enable.idempotence", true);
        long start = System.nanoTime();
        try (KafkaProducer<String, TrailEvent> producer = new KafkaProducer<>(config, new StringSerializer(), serializer)) {
            for (TrailEvent event : events) {
                // Only the first repetition's records are the input of the streams runs; the others are timed and discarded.
                String target = first ? topic : topic + ".discard";
                producer.send(new ProducerRecord<>(target, null, event.getEventTime().toEpochMilli(), event.getEventId(), event));
            }
            producer.flush();
        }
        return records.size() / ((System.nanoTime() - start) / 1e9);
    }

    private static double consume(KafkaBroker broker, String topic, int expected) {
        Map<String, Object> config = Map.of("bootstrap.servers", broker.bootstrapServers(),
                "group.id", "bench-consumer-" + System.nanoTime(), "auto.offset.reset", "earliest", "max.poll.records", 5000);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(Set.of(topic));
            long count = 0;
            long start = 0;
            while (count < expected) {
                ConsumerRecords<byte[], byte[]> batch = consumer.poll(Duration.ofMillis(500));
                if (start == 0 && !batch.isEmpty()) {
                    start = System.nanoTime();
                }
                count += batch.count();
            }
            return count / ((System.nanoTime() - start) / 1e9);
        }
    }

    private static Topology passThrough(String input, String output) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(input, Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("source-passthrough"))
                .to(output, Produced.with(Serdes.String(), Serdes.ByteArray()).withName("sink-passthrough"));
        return builder.build();
    }

    static Properties streamsProps(String applicationId, KafkaBroker broker, Path dir) {
        return EnrichTopology.config(applicationId, broker.bootstrapServers(), Map.of(
                StreamsConfig.STATE_DIR_CONFIG, dir.resolve("state").toString(),
                StreamsConfig.REPLICATION_FACTOR_CONFIG, 1,
                "consumer.auto.offset.reset", "earliest"));
    }

    private static double median(int repeat, Measurement measurement) throws Exception {
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < repeat; i++) {
            values.add(measurement.run(i));
        }
        return Stats.median(values);
    }

    @FunctionalInterface
    private interface Measurement {
        double run(int repetition) throws Exception;
    }

    static void deleteQuietly(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // temp files left behind are harmless
        }
    }
}
