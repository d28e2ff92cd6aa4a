package io.tripline.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

import io.tripline.core.serde.SerdeConfig;
import io.tripline.core.topic.Topic;
import io.tripline.core.topic.TopicCreator;
import io.tripline.core.topic.Topics;
import io.tripline.enrich.detect.SigmaDetectionStage;
import io.tripline.enrich.incident.IncidentConfig;
import io.tripline.enrich.incident.IncidentSettings;
import io.tripline.enrich.incident.IncidentStages;
import io.tripline.enrich.topology.EnrichSettings;
import io.tripline.enrich.topology.EnrichTopology;
import io.tripline.stack.kafka.KafkaBroker;
import io.tripline.stack.registry.RegistryConfig;
import io.tripline.stack.registry.SchemaRegistryServer;

/**
 * Correlation-heavy throughput of the incident stage on the embedded broker: one workload of GuardDuty
 * findings and CloudTrail calls over many entities with every chain active (detections from the
 * CloudTrail-tampering rule join them), arriving as a live feed would ({@link Arrival}), read by (a) a Kafka
 * Streams pass-through of both raw topics, (b) the enrich topology without the incident stage, (f) with the
 * stage's floor ({@link IncidentStages#floor}) and (c) with the stage, interleaved per repetition after a first
 * round that is not counted (the JIT compiles each path during it; its ratios are reported apart). Figures are
 * medians: the ratio of (c) to (a) is issue 6's figure, (c) to (b) what the stage alone costs; the incident
 * stores' RocksDB bytes on disk after each run of (c), per million input records, is the state figure, and
 * the incident versions (c) published per thousand input records show how often the stage publishes. CPU
 * time per input record of this JVM and of the broker accompanies each rate.
 */
final class IncidentBench {

    /** Entities the workload spreads over (20 accounts). */
    static final int ENTITIES = 2_000;

    private IncidentBench() {
    }

    /**
     * How the workload reaches the raw topics. {@code LIVE}: in arrival order, each record stamped with its arrival
     * time, as ingest writes a live feed (CloudTrail 5 to 15 minutes behind GuardDuty). {@code BACKFILL}: the whole
     * history in event-time order, stamped when written, as ingest catching up after an outage writes it. Either
     * way the records are all there before the run starts, and the findings, one repartition hop away from the
     * stage, reach it far ahead of the CloudTrail records: docs/scoring.md, "Arrival order in this bench".
     */
    enum Arrival {
        LIVE, BACKFILL
    }

    /**
     * This comparison alone, without the rest of {@code tripline bench}:
     * {@code IncidentBench [records] [repeat] [live|backfill] [publish-interval]}, e.g. {@code 100000 3 live 1m}.
     */
    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int repeat = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Arrival arrival = args.length > 2 ? Arrival.valueOf(args[2].toUpperCase(java.util.Locale.ROOT)) : Arrival.LIVE;
        Path dir = Files.createTempDirectory("tripline-incident-bench-");
        try (KafkaBroker broker = KafkaBroker.start(KafkaBroker.Options.defaults().dataDir(dir.resolve("kafka")).port(0));
             SchemaRegistryServer registry = SchemaRegistryServer.start(RegistryConfig.of(broker.bootstrapServers()).withPort(0));
             Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            // A fourth argument runs the stage with that publish-interval (docs/scoring.md, "Coalesced publication").
            IncidentSettings stage = IncidentConfig.from(args.length > 3 ? Map.of("publish-interval", args[3]) : Map.of());
            System.out.println(BenchReport.table(run(broker, admin, Map.of(SerdeConfig.URL, registry.url()), dir, records, repeat,
                    arrival, stage)));
        } finally {
            BenchMain.deleteQuietly(dir);
        }
    }

    /**
     * Runs the comparison on topics of its own under {@code prefix}, the workload arriving as a live feed and the
     * stage with its default settings; returns the figures by name.
     */
    static Map<String, Object> run(KafkaBroker broker, Admin admin, Map<String, Object> serde, Path dir, int records,
                                   int repeat) throws Exception {
        return run(broker, admin, serde, dir, records, repeat, Arrival.LIVE, IncidentSettings.defaults());
    }

    static Map<String, Object> run(KafkaBroker broker, Admin admin, Map<String, Object> serde, Path dir, int records,
                                   int repeat, Arrival arrival, IncidentSettings stage) throws Exception {
        String prefix = "bench-incident.";
        new TopicCreator(admin, (short) 1).ensure(Topics.all(), prefix);
        for (int i = 0; i <= repeat; i++) {
            new TopicCreator(admin, (short) 1).ensure(List.of(Topics.RAW_CLOUDTRAIL), prefix + "passthrough." + i + ".");
        }
        Set<String> inputs = Set.of(prefix + Topics.RAW_GUARDDUTY.name(), prefix + Topics.RAW_CLOUDTRAIL.name());
        produce(broker, admin, prefix, new IncidentWorkload(serde, ENTITIES).generate(records), arrival);

        SigmaDetectionStage rule = BenchRules.oneRule();
        List<Double> passthrough = new ArrayList<>();
        List<Double> enrich = new ArrayList<>();
        List<Double> floor = new ArrayList<>();
        CpuMeter floorCpu = new CpuMeter(broker.pid(), records);
        CpuMeter passthroughCpu = new CpuMeter(broker.pid(), records);
        CpuMeter enrichCpu = new CpuMeter(broker.pid(), records);
        StageRuns full = new StageRuns(broker, prefix, "bench-incident-full-", records);
        double[] firstRound = new double[2];
        // Round 0 is not counted: the JIT compiles each topology's path during it (as in BenchMain's Streams runs).
        for (int i = 0; i <= repeat; i++) {
            boolean counted = i > 0;
            Topology copy = passThrough(inputs, prefix + "passthrough." + i + "." + Topics.RAW_CLOUDTRAIL.name());
            String copyApp = "bench-incident-passthrough-" + i;
            double copyRate = passthroughCpu.measure(counted, () -> StreamsRun.measure(admin, inputs, copy,
                    BenchMain.streamsProps(copyApp, broker, dir)));
            String enrichApp = "bench-incident-enrich-" + i;
            double enrichRate = enrichCpu.measure(counted, () -> StreamsRun.measure(admin, inputs,
                    EnrichTopology.build(new EnrichSettings(serde, prefix, rule, "bench")),
                    BenchMain.streamsProps(enrichApp, broker, dir)));
            String floorApp = "bench-incident-floor-" + i;
            double floorRate = floorCpu.measure(counted, () -> StreamsRun.measure(admin, inputs,
                    EnrichTopology.build(new EnrichSettings(serde, prefix, rule, IncidentStages.floor(stage), "bench")),
                    BenchMain.streamsProps(floorApp, broker, dir)));
            double fullRate = full.measure(i, counted, admin, inputs, dir,
                    new EnrichSettings(serde, prefix, rule, IncidentStages.standard(stage), "bench"));
            if (counted) {
                passthrough.add(copyRate);
                enrich.add(enrichRate);
                floor.add(floorRate);
            } else {
                firstRound[0] = fullRate / copyRate;
                firstRound[1] = floorRate / copyRate;
            }
        }
        double pass = Stats.median(passthrough);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("incident_records", records);
        figures.put("incident_arrival", arrival.name().toLowerCase(java.util.Locale.ROOT));
        figures.put("incident_publish_interval", stage.publishInterval().toString());
        figures.put("incident_entities", ENTITIES);
        figures.put("incident_passthrough_rps", pass);
        figures.put("incident_enrich_only_rps", Stats.median(enrich));
        figures.put("incident_rps", full.rate());
        figures.put("incident_vs_passthrough", full.rate() / pass);
        figures.put("incident_vs_enrich_only", full.rate() / Stats.median(enrich));
        // The least a stage of this design costs (IncidentStages.floor: signals built, repartitioned by account and
        // stored, nothing correlated or published): the most incident_vs_passthrough could reach on this input.
        figures.put("incident_floor_rps", Stats.median(floor));
        figures.put("incident_floor_vs_passthrough", Stats.median(floor) / pass);
        figures.put("first_round_incident_vs_passthrough", firstRound[0]);
        figures.put("first_round_incident_floor_vs_passthrough", firstRound[1]);
        // CPU time per input record (median of the repetitions), of this JVM (the Streams application) and of
        // the broker: steadier than the rates on a shared machine, and it says where the time goes.
        figures.put("incident_passthrough_cpu_us_per_record", passthroughCpu.appMicrosPerRecord());
        figures.put("incident_enrich_only_cpu_us_per_record", enrichCpu.appMicrosPerRecord());
        figures.put("incident_floor_cpu_us_per_record", floorCpu.appMicrosPerRecord());
        figures.put("incident_cpu_us_per_record", full.cpu.appMicrosPerRecord());
        figures.put("incident_passthrough_broker_cpu_us_per_record", passthroughCpu.brokerMicrosPerRecord());
        figures.put("incident_enrich_only_broker_cpu_us_per_record", enrichCpu.brokerMicrosPerRecord());
        figures.put("incident_floor_broker_cpu_us_per_record", floorCpu.brokerMicrosPerRecord());
        figures.put("incident_broker_cpu_us_per_record", full.cpu.brokerMicrosPerRecord());
        full.report(figures);
        return figures;
    }

    /** Repeated runs of the enrich topology with one incident stage, and what they wrote. */
    private static final class StageRuns {

        private final KafkaBroker broker;
        private final String prefix;
        private final String appPrefix;
        private final int records;
        private final CpuMeter cpu;
        private final List<Double> rates = new ArrayList<>();
        private final List<Double> stateBytes = new ArrayList<>();
        private final List<Double> versions = new ArrayList<>();
        private final List<Double> versionBytes = new ArrayList<>();
        private final List<Double> ocsfBytes = new ArrayList<>();
        private final List<Double> lateShares = new ArrayList<>();
        private final List<Double> droppedShares = new ArrayList<>();
        /** Whether the run in progress is counted; the application id of the last counted run. */
        private boolean counting;
        private String lastApp;

        StageRuns(KafkaBroker broker, String prefix, String appPrefix, int records) {
            this.broker = broker;
            this.prefix = prefix;
            this.appPrefix = appPrefix;
            this.records = records;
            this.cpu = new CpuMeter(broker.pid(), records);
        }

        /** One run; its figures are kept only if {@code counted}. Returns its rate. */
        double measure(int repetition, boolean counted, Admin admin, Set<String> inputs, Path dir, EnrichSettings settings)
                throws Exception {
            String incidentTopic = prefix + Topics.INCIDENTS.name();
            String ocsfTopic = prefix + Topics.OCSF.name();
            long[] before = committed(broker, incidentTopic, null);
            long[] ocsfBefore = committed(broker, ocsfTopic, INCIDENT_KEY);
            String app = appPrefix + repetition;
            counting = counted;
            double rate = cpu.measure(counted, () -> StreamsRun.measure(admin, inputs, EnrichTopology.build(settings),
                    BenchMain.streamsProps(app, broker, dir), this::lateSignals));
            if (!counted) {
                return rate;
            }
            lastApp = app;
            rates.add(rate);
            stateBytes.add((double) incidentStoreBytes(dir.resolve("state").resolve(app)));
            long[] after = committed(broker, incidentTopic, null);
            long[] ocsfAfter = committed(broker, ocsfTopic, INCIDENT_KEY);
            long published = after[0] - before[0];
            versions.add(published * 1_000.0 / records);
            versionBytes.add((after[1] - before[1]) / (double) Math.max(1, published));
            ocsfBytes.add((ocsfAfter[1] - ocsfBefore[1]) / (double) Math.max(1, ocsfAfter[0] - ocsfBefore[0]));
            return rate;
        }

        double rate() {
            return Stats.median(rates);
        }

        /** The stage's own count of signals beyond grace, and of those dropped, as shares of its signals so far. */
        private void lateSignals(KafkaStreams streams) {
            if (!counting) {
                return;
            }
            Map<String, Double> totals = new LinkedHashMap<>();
            streams.metrics().forEach((name, metric) -> {
                if (name.group().equals(IncidentStages.METRICS_GROUP) && name.name().endsWith("-total")) {
                    totals.merge(name.name(), ((Number) metric.metricValue()).doubleValue(), Double::sum);
                }
            });
            double signals = Math.max(1, totals.getOrDefault("signals-total", 0.0));
            lateShares.add(totals.getOrDefault("late-signals-total", 0.0) / signals);
            droppedShares.add(totals.getOrDefault("dropped-late-signals-total", 0.0) / signals);
        }

        void report(Map<String, Object> figures) {
            figures.put("incident_state_mb_per_million", Stats.median(stateBytes) / 1e6 * (1e6 / records));
            // What the stage writes to the broker besides its outputs, in the last repetition: its stores' changelogs.
            long changelog = 0;
            for (String store : List.of("incident-state", "incident-signals", "incident-links", "incident-due")) {
                changelog += committed(broker, lastApp + "-" + store + "-changelog", null)[0];
            }
            figures.put("incident_changelog_records_per_1k_records", changelog * 1_000.0 / records);
            // Versions differ a little between runs: how the inputs interleave at the stage decides some of them.
            figures.put("incident_versions_per_1k_records", Stats.median(versions));
            // How heavy a published version is (Avro, members and factor evidence included), and its OCSF copy.
            figures.put("incident_avro_bytes_per_version", Stats.median(versionBytes));
            figures.put("incident_ocsf_bytes_per_version", Stats.median(ocsfBytes));
            // How much of its input the stage took on its late-data path (docs/scoring.md, "Arrival order in this bench").
            figures.put("incident_late_signal_share", Stats.median(lateShares));
            figures.put("incident_dropped_late_signal_share", Stats.median(droppedShares));
        }
    }

    /**
     * CPU time of this JVM and of the broker over whole Streams runs (start-up and shutdown included, the same
     * for every topology), per input record; medians over the runs measured with one meter.
     */
    static final class CpuMeter {

        /** A measured run that returns its rate. */
        interface Run {
            double call() throws Exception;
        }

        private final long brokerPid;
        private final int records;
        private final List<Double> app = new ArrayList<>();
        private final List<Double> broker = new ArrayList<>();

        CpuMeter(long brokerPid, int records) {
            this.brokerPid = brokerPid;
            this.records = records;
        }

        double measure(Run run) throws Exception {
            return measure(true, run);
        }

        /** Runs {@code run}, counting its CPU time only if {@code counted}. */
        double measure(boolean counted, Run run) throws Exception {
            long app0 = cpuNanos(ProcessHandle.current().pid());
            long broker0 = cpuNanos(brokerPid);
            double rate = run.call();
            if (counted) {
                app.add((cpuNanos(ProcessHandle.current().pid()) - app0) / 1e3 / records);
                broker.add((cpuNanos(brokerPid) - broker0) / 1e3 / records);
            }
            return rate;
        }

        double appMicrosPerRecord() {
            return Stats.median(app);
        }

        double brokerMicrosPerRecord() {
            return Stats.median(broker);
        }

        /** Total CPU time of a process; 0 where the platform does not tell. */
        private static long cpuNanos(long pid) {
            return ProcessHandle.of(pid).flatMap(p -> p.info().totalCpuDuration()).map(Duration::toNanos).orElse(0L);
        }
    }

    /** Keys of the incidents' OCSF records on the OCSF topic, which also carries findings and detections. */
    private static final String INCIDENT_KEY = "inc-";

    /**
     * Records and value bytes of a topic a read_committed consumer sees, from the beginning to its last stable
     * offsets, of the records whose key starts with {@code keyPrefix} (all when null): {count, bytes}.
     */
    private static long[] committed(KafkaBroker broker, String topic, String keyPrefix) {
        Map<String, Object> config = Map.of("bootstrap.servers", broker.bootstrapServers(), "isolation.level", "read_committed",
                "max.poll.records", 5_000);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            byte[] wanted = keyPrefix == null ? null : keyPrefix.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            long count = 0;
            long bytes = 0;
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                for (var record : consumer.poll(Duration.ofMillis(500))) {
                    if (wanted == null || record.key() != null && record.key().length >= wanted.length
                            && Arrays.equals(record.key(), 0, wanted.length, wanted, 0, wanted.length)) {
                        count++;
                        bytes += record.value() == null ? 0 : record.value().length;
                    }
                }
            }
            return new long[] {count, bytes};
        }
    }

    private static void produce(KafkaBroker broker, Admin admin, String prefix, List<IncidentWorkload.Raw> records,
                                Arrival arrival) throws Exception {
        if (arrival == Arrival.LIVE) {
            // Stamped with their arrival times, which lie months back: without this the raw topics' 7-day retention
            // would delete them in the middle of a run. These topics are the bench's own.
            AlterConfigOp forever = new AlterConfigOp(new ConfigEntry("retention.ms", "-1"), AlterConfigOp.OpType.SET);
            Map<ConfigResource, java.util.Collection<AlterConfigOp>> changes = new LinkedHashMap<>();
            for (Topic<?, ?> topic : List.of(Topics.RAW_GUARDDUTY, Topics.RAW_CLOUDTRAIL)) {
                changes.put(new ConfigResource(ConfigResource.Type.TOPIC, prefix + topic.name()), List.of(forever));
            }
            admin.incrementalAlterConfigs(changes).all().get(30, TimeUnit.SECONDS);
        }
        List<IncidentWorkload.Raw> order = arrival == Arrival.LIVE ? records
                : records.stream().sorted(Comparator.comparing(IncidentWorkload.Raw::time)).toList();
        Map<String, Object> config = Map.of("bootstrap.servers", broker.bootstrapServers(), "linger.ms", 5,
                "batch.size", 131072, "acks", "all", "enable.idempotence", true);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
                new ByteArraySerializer())) {
            for (IncidentWorkload.Raw raw : order) {
                String topic = prefix + (raw.finding() ? Topics.RAW_GUARDDUTY : Topics.RAW_CLOUDTRAIL).name();
                // Live: stamped when the record reached ingest, as ingest stamps it. Backfill: stamped now.
                Long stamp = arrival == Arrival.LIVE ? raw.arrival().toEpochMilli() : null;
                producer.send(new ProducerRecord<>(topic, null, stamp, raw.key(), raw.value()));
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
