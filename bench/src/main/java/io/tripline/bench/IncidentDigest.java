package io.tripline.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

import io.tripline.core.registry.InMemorySchemaRegistry;
import io.tripline.core.serde.SerdeConfig;
import io.tripline.core.topic.Topics;
import io.tripline.enrich.incident.IncidentSettings;
import io.tripline.enrich.incident.IncidentStages;
import io.tripline.enrich.topology.EnrichSettings;
import io.tripline.enrich.topology.EnrichTopology;

/**
 * {@link IncidentBench}'s workload through the enrich topology on a TopologyTestDriver, one record at a time in
 * arrival order: prints, per topic the topology wrote (incidents, OCSF, the stores' changelogs among them), the
 * record count and a SHA-256 of every record's key, value and timestamp in order. Two builds of the incident stage
 * that print the same digests wrote the same bytes. Each repetition also runs the topology without the stage and
 * prints the CPU time of this thread per input record for both: their difference, without a broker or other
 * threads, is a steadier figure of what the stage costs than the bench's rates.
 * {@code IncidentDigest [records] [repeat]} (class path as for IncidentBench).
 */
final class IncidentDigest {

    /** Read the driver's outputs every so many input records, so they do not pile up in its memory. */
    private static final int DRAIN_EVERY = 1_000;

    private IncidentDigest() {
    }

    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int repeat = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        Map<String, Object> serde = Map.of(SerdeConfig.CLIENT, new InMemorySchemaRegistry());
        List<IncidentWorkload.Raw> workload = new IncidentWorkload(serde, IncidentBench.ENTITIES).generate(records);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        EnrichSettings without = new EnrichSettings(serde, "", BenchRules.oneRule(), "bench");
        EnrichSettings with = new EnrichSettings(serde, "", BenchRules.oneRule(),
                IncidentStages.standard(IncidentSettings.defaults()), "bench");
        for (int i = 0; i < repeat; i++) {
            long cpu = threads.getCurrentThreadCpuTime();
            run(without, workload, new TreeMap<>());
            long withoutCpu = threads.getCurrentThreadCpuTime() - cpu;
            Map<String, TopicDigest> topics = new TreeMap<>();
            cpu = threads.getCurrentThreadCpuTime();
            run(with, workload, topics);
            long withCpu = threads.getCurrentThreadCpuTime() - cpu;
            System.out.printf("run %d: %d records, thread CPU us per record: without the stage %.1f, with it %.1f, "
                    + "the stage %.1f%n", i, records, withoutCpu / 1e3 / records, withCpu / 1e3 / records,
                    (withCpu - withoutCpu) / 1e3 / records);
            topics.forEach((topic, digest) -> System.out.println("  " + topic + " " + digest));
        }
    }

    private static void run(EnrichSettings settings, List<IncidentWorkload.Raw> workload, Map<String, TopicDigest> topics)
            throws Exception {
        Path stateDir = Files.createTempDirectory("tripline-incident-digest-");
        Properties props = EnrichTopology.config("incident-digest", "dummy:9092",
                Map.of(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString()));
        try (TopologyTestDriver driver = new TopologyTestDriver(EnrichTopology.build(settings), props)) {
            TestInputTopic<String, byte[]> guardDuty = driver.createInputTopic(Topics.RAW_GUARDDUTY.name(),
                    new StringSerializer(), new ByteArraySerializer());
            TestInputTopic<String, byte[]> cloudTrail = driver.createInputTopic(Topics.RAW_CLOUDTRAIL.name(),
                    new StringSerializer(), new ByteArraySerializer());
            int piped = 0;
            for (IncidentWorkload.Raw raw : workload) {
                (raw.finding() ? guardDuty : cloudTrail).pipeInput(raw.key(), raw.value(), raw.arrival());
                if (++piped % DRAIN_EVERY == 0) {
                    drain(driver, topics);
                }
            }
            drain(driver, topics);
        } finally {
            BenchMain.deleteQuietly(stateDir);
        }
    }

    private static void drain(TopologyTestDriver driver, Map<String, TopicDigest> topics) {
        for (String topic : driver.producedTopicNames()) {
            var out = driver.createOutputTopic(topic, new ByteArrayDeserializer(), new ByteArrayDeserializer());
            TopicDigest digest = topics.computeIfAbsent(topic, t -> new TopicDigest());
            for (TestRecord<byte[], byte[]> record : out.readRecordsToList()) {
                digest.add(record);
            }
        }
    }

    /** A running count and SHA-256 of one topic's records. */
    private static final class TopicDigest {

        private final MessageDigest sha;
        private long records;

        TopicDigest() {
            try {
                sha = MessageDigest.getInstance("SHA-256");
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is required of every JVM", e);
            }
        }

        void add(TestRecord<byte[], byte[]> record) {
            records++;
            field(record.getKey());
            field(record.getValue());
            sha.update(ByteBuffer.allocate(Long.BYTES).putLong(record.getRecordTime().toEpochMilli()).array());
        }

        /** Length-prefixed, so that no two different records hash the same bytes; -1 for null. */
        private void field(byte[] bytes) {
            sha.update(ByteBuffer.allocate(Integer.BYTES).putInt(bytes == null ? -1 : bytes.length).array());
            if (bytes != null) {
                sha.update(bytes);
            }
        }

        @Override
        public String toString() {
            try {
                MessageDigest copy = (MessageDigest) sha.clone();
                return records + " " + HexFormat.of().formatHex(copy.digest()).substring(0, 32);
            } catch (CloneNotSupportedException e) {
                return records + " (digest not cloneable)";
            }
        }
    }
}
