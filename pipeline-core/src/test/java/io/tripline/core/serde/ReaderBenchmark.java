package io.tripline.core.serde;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.apache.avro.specific.SpecificRecord;

import io.tripline.core.registry.InMemorySchemaRegistry;

/**
 * Not a test: measures nanoseconds per record of {@link AvroDeserializer#deserialize} reading with Avro's
 * SpecificDatumReader ("avro", the path before compiled readers) and with the {@link CompiledReader} ("compiled"),
 * on the TrailEvents and SecurityFindings the normalizers make of the sample corpus, Detections and Incidents
 * (50-200 members). Each pass deserializes {@code records} wire-format values (cycling over a pool); the two
 * alternate pass by pass, and the figures are the thread CPU time of the best and the median pass.
 *
 * <p>Run after {@code mvn -o -pl pipeline-core -am test-compile}, from pipeline-core, with the test class path:
 * {@code java -Dorg.apache.avro.SERIALIZABLE_PACKAGES=io.tripline.schema.v1 -cp <test class path>
 * io.tripline.core.serde.ReaderBenchmark [records per pass, default 200000] [passes per reader, default 7]}.
 */
public final class ReaderBenchmark {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private ReaderBenchmark() {
    }

    public static void main(String[] args) {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int passes = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        List<Workload> workloads = List.of(
                new Workload("TrailEvent", SampleRecords.corpus("cloudtrail")),
                new Workload("SecurityFinding", SampleRecords.findings()),
                new Workload("Detection", SampleRecords.pool(2_000, SampleRecords::detection)),
                new Workload("Incident", SampleRecords.pool(2_000, i -> SampleRecords.incident(i, 50 + i % 151))));
        System.out.printf(Locale.ROOT, "%d records per pass, %d passes per reader, ns/record of thread CPU time%n", records, passes);
        System.out.printf(Locale.ROOT, "%-16s %5s %9s | %9s %9s | %9s %9s | %8s%n", "record", "pool", "avg bytes",
                "avro best", "median", "comp best", "median", "speed-up");
        for (Workload workload : workloads) {
            workload.run(records, passes);
        }
    }

    /** One record type: its pool in the wire format, and a deserializer reading it each way. */
    private static final class Workload {
        private static final String TOPIC = "bench";

        private final String name;
        private final byte[][] pool;
        private final AvroDeserializer<SpecificRecord> avro;
        private final AvroDeserializer<SpecificRecord> compiled;

        @SuppressWarnings({"unchecked", "rawtypes"})
        Workload(String name, List<SpecificRecord> records) {
            this.name = name;
            SerdeConfig config = new SerdeConfig(new InMemorySchemaRegistry(), true);
            AvroSerializer<SpecificRecord> serializer = new AvroSerializer<>(config, false);
            this.pool = records.stream().map(r -> serializer.serialize(TOPIC, r)).toArray(byte[][]::new);
            Class type = records.get(0).getClass();
            this.avro = new AvroDeserializer<>(type, config, false);
            this.compiled = new AvroDeserializer<>(type, config, true);
            for (byte[] value : pool) {
                if (!avro.deserialize(TOPIC, value).equals(compiled.deserialize(TOPIC, value))) {
                    throw new IllegalStateException(name + ": the readers disagree");
                }
            }
            if (!compiled.readsCompiled(1)) {
                throw new IllegalStateException(name + " is not read by the compiled reader");
            }
        }

        void run(int records, int passes) {
            long[] avroNanos = new long[passes];
            long[] compiledNanos = new long[passes];
            for (int pass = 0; pass < passes; pass++) {
                long start = THREADS.getCurrentThreadCpuTime();
                pass(avro, records);
                avroNanos[pass] = THREADS.getCurrentThreadCpuTime() - start;
                start = THREADS.getCurrentThreadCpuTime();
                pass(compiled, records);
                compiledNanos[pass] = THREADS.getCurrentThreadCpuTime() - start;
            }
            Arrays.sort(avroNanos);
            Arrays.sort(compiledNanos);
            double avroBest = (double) avroNanos[0] / records;
            double compiledBest = (double) compiledNanos[0] / records;
            long bytes = Arrays.stream(pool).mapToLong(value -> value.length).sum();
            System.out.printf(Locale.ROOT, "%-16s %5d %9d | %9.0f %9.0f | %9.0f %9.0f | %7.2fx%n", name, pool.length,
                    bytes / pool.length, avroBest, (double) avroNanos[passes / 2] / records, compiledBest,
                    (double) compiledNanos[passes / 2] / records, avroBest / compiledBest);
        }

        private void pass(AvroDeserializer<SpecificRecord> deserializer, int records) {
            for (int i = 0; i < records; i++) {
                if (deserializer.deserialize(TOPIC, pool[i % pool.length]) == null) {
                    throw new IllegalStateException(name + ": no record");
                }
            }
        }
    }
}
