package io.tripline.core.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

import io.tripline.core.registry.InMemorySchemaRegistry;
import io.tripline.core.topic.Topic;
import io.tripline.core.topic.Topics;

/**
 * Not a test: measures nanoseconds per record of Avro's SpecificDatumWriter ("avro") and the {@link CompiledWriter}
 * ("compiled") on Detections, Incidents (50-200 members), and the TrailEvents and SecurityFindings the normalizers
 * make of the sample corpus. Each pass writes {@code records} records (cycling over a pool) through the
 * serializer's buffered encoder; the writers alternate pass by pass, and the figures are the thread CPU time of the
 * best and the median pass (CPU time, because the machine is shared and wall time jumps with the neighbours).
 * The last column is the whole {@link AvroSerializer#serialize} with the compiled writer (header, buffers, copy).
 *
 * <p>Run after {@code mvn -o -pl pipeline-core -am test-compile}, from pipeline-core, with the test class path:
 * {@code java -Dorg.apache.avro.SERIALIZABLE_PACKAGES=io.tripline.schema.v1 -cp <test class path>
 * io.tripline.core.serde.WriterBenchmark [records per pass, default 200000] [passes per writer, default 7]}.
 */
public final class WriterBenchmark {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private WriterBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int passes = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        List<Workload> workloads = List.of(
                new Workload("Detection", Topics.DETECTIONS, SampleRecords.pool(2_000, SampleRecords::detection)),
                new Workload("Incident", Topics.INCIDENTS, SampleRecords.pool(2_000, i -> SampleRecords.incident(i, 50 + i % 151))),
                new Workload("TrailEvent", Topics.RAW_CLOUDTRAIL, SampleRecords.corpus("cloudtrail")),
                new Workload("SecurityFinding", Topics.FINDINGS, SampleRecords.findings()));
        System.out.printf(Locale.ROOT, "%d records per pass, %d passes per writer, ns/record of thread CPU time%n", records, passes);
        System.out.printf(Locale.ROOT, "%-16s %5s %9s | %9s %9s | %9s %9s | %8s | %9s%n", "record", "pool", "avg bytes",
                "avro best", "median", "comp best", "median", "speed-up", "serialize");
        for (Workload workload : workloads) {
            workload.run(records, passes);
        }
    }

    /** One record type: its pool, and both writers for its schema. */
    private static final class Workload {
        private final String name;
        private final String topic;
        private final List<SpecificRecord> pool;
        private final DatumWriter<Object> avro;
        private final DatumWriter<Object> compiled;
        private final AvroSerializer<SpecificRecord> serializer = new AvroSerializer<>(
                new SerdeConfig(new InMemorySchemaRegistry(), true), false);
        private final ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        private BinaryEncoder encoder;

        Workload(String name, Topic<?, ?> topic, List<SpecificRecord> pool) {
            this.name = name;
            this.topic = topic.name();
            this.pool = pool;
            Schema schema = pool.get(0).getSchema();
            SpecificData model = SpecificData.getForSchema(schema);
            this.avro = new SpecificDatumWriter<>(schema, model);
            this.compiled = CompiledWriter.of(schema, model);
            if (!CompiledWriter.isCompiled(compiled)) {
                throw new IllegalStateException(schema.getFullName() + " did not compile");
            }
        }

        void run(int records, int passes) throws IOException {
            long[] avroNanos = new long[passes];
            long[] compiledNanos = new long[passes];
            long[] serializerNanos = new long[passes];
            long avroBytes = 0;
            long compiledBytes = 0;
            for (int pass = 0; pass < passes; pass++) {
                long start = THREADS.getCurrentThreadCpuTime();
                avroBytes = pass(avro, records);
                avroNanos[pass] = THREADS.getCurrentThreadCpuTime() - start;
                start = THREADS.getCurrentThreadCpuTime();
                compiledBytes = pass(compiled, records);
                compiledNanos[pass] = THREADS.getCurrentThreadCpuTime() - start;
                start = THREADS.getCurrentThreadCpuTime();
                serialize(records);
                serializerNanos[pass] = THREADS.getCurrentThreadCpuTime() - start;
            }
            if (avroBytes != compiledBytes) {
                throw new IllegalStateException(name + ": the writers wrote " + avroBytes + " and " + compiledBytes + " bytes");
            }
            Arrays.sort(avroNanos);
            Arrays.sort(compiledNanos);
            Arrays.sort(serializerNanos);
            double avroBest = (double) avroNanos[0] / records;
            double compiledBest = (double) compiledNanos[0] / records;
            System.out.printf(Locale.ROOT, "%-16s %5d %9d | %9.0f %9.0f | %9.0f %9.0f | %7.2fx | %9.0f%n", name, pool.size(),
                    avroBytes / records, avroBest, (double) avroNanos[passes / 2] / records, compiledBest,
                    (double) compiledNanos[passes / 2] / records, avroBest / compiledBest,
                    (double) serializerNanos[0] / records);
        }

        /** Writes {@code records} records as the serializer does (reused buffered encoder, one flush per record). */
        private long pass(DatumWriter<Object> writer, int records) throws IOException {
            long bytes = 0;
            for (int i = 0; i < records; i++) {
                out.reset();
                encoder = EncoderFactory.get().binaryEncoder(out, encoder);
                writer.write(pool.get(i % pool.size()), encoder);
                encoder.flush();
                bytes += out.size();
            }
            return bytes;
        }

        private void serialize(int records) {
            for (int i = 0; i < records; i++) {
                if (serializer.serialize(topic, pool.get(i % pool.size())).length <= WireFormat.HEADER_SIZE) {
                    throw new IllegalStateException(name + ": empty record");
                }
            }
        }
    }
}
