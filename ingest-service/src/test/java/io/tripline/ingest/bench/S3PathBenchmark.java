package io.tripline.ingest.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import org.apache.kafka.clients.admin.Admin;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tripline.core.normalize.Json;
import io.tripline.core.topic.TopicCreator;
import io.tripline.core.topic.Topics;
import io.tripline.ingest.config.SourceType;
import io.tripline.ingest.config.SqsConfig;
import io.tripline.ingest.kafka.Batch;
import io.tripline.ingest.kafka.NoCommitHook;
import io.tripline.ingest.kafka.TransactionalPublisher;
import io.tripline.ingest.ops.IngestMetrics;
import io.tripline.ingest.source.Collector;
import io.tripline.ingest.source.PollContext;
import io.tripline.ingest.source.RecentIds;
import io.tripline.ingest.source.RecordMapper;
import io.tripline.ingest.source.SourceId;
import io.tripline.ingest.sqs.CloudTrailFiles;
import io.tripline.ingest.sqs.RecordsFileReader;
import io.tripline.schema.v1.IngestCursor;
import io.tripline.stack.kafka.KafkaBroker;
import io.tripline.stack.registry.RegistryConfig;
import io.tripline.stack.registry.SchemaRegistryServer;

/**
 * Benchmark, not a test: the S3 path's parser + publisher (streamed gunzip and parse, normalizers,
 * transactional chunks of {@code sqs.chunk-size} with their cursor, to an embedded KRaft broker and
 * registry) against a plain gunzip + Jackson parse of the same gzipped {@code {"Records":[...]}} file,
 * as a ratio of medians of three runs each in one JVM. Also prints the LookupEvents quota utilisation
 * that {@code LookupEventsKeepsUpIT} recorded, when it has run. Usage: {@code S3PathBenchmark [events]}.
 */
public final class S3PathBenchmark {

    private S3PathBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        // as ./tripline does: Avro only instantiates classes of trusted packages
        System.setProperty("org.apache.avro.SERIALIZABLE_PACKAGES",
                System.getProperty("org.apache.avro.SERIALIZABLE_PACKAGES", "io.tripline.schema.v1"));
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Path dir = Files.createTempDirectory("tripline-s3-bench");
        Path file = dir.resolve("cloudtrail.json.gz");
        write(file, events);
        System.out.printf("file: %d events, %.1f MB gzipped%n", events, Files.size(file) / 1e6);
        try (KafkaBroker broker = KafkaBroker.start(KafkaBroker.Options.defaults().dataDir(dir.resolve("kafka")).port(0));
             SchemaRegistryServer registry = SchemaRegistryServer.start(RegistryConfig.of(broker.bootstrapServers()).withPort(0))) {
            Map<String, Object> kafka = new HashMap<>();
            kafka.put("bootstrap.servers", broker.bootstrapServers());
            kafka.put("schema.registry.url", registry.url());
            List<Double> plain = new ArrayList<>();
            List<Double> s3 = new ArrayList<>();
            s3Path(file, kafka, "warmup.", events); // registers schemas, warms the JIT
            for (int run = 1; run <= 3; run++) {
                plain.add(plainParse(file, events));
                s3.add(s3Path(file, kafka, "run" + run + ".", events));
                System.out.printf("run %d: plain gunzip+Jackson %.0f events/s, S3 path %.0f events/s%n", run,
                        plain.get(run - 1), s3.get(run - 1));
            }
            double plainMedian = median(plain);
            double s3Median = median(s3);
            System.out.printf("median: plain %.0f events/s, S3 path %.0f events/s, ratio S3/plain = %.3f%n",
                    plainMedian, s3Median, s3Median / plainMedian);
        }
        Path quota = Path.of("ingest-service", "target", "lookup-events-quota.txt");
        if (!Files.exists(quota)) {
            quota = Path.of("target", "lookup-events-quota.txt");
        }
        System.out.println(Files.exists(quota) ? Files.readString(quota).trim()
                : "LookupEvents quota utilisation: run LookupEventsKeepsUpIT first (it writes target/lookup-events-quota.txt)");
    }

    private static void write(Path file, int events) throws Exception {
        try (OutputStream out = new GZIPOutputStream(new BufferedOutputStream(Files.newOutputStream(file)), 64 * 1024)) {
            out.write("{\"Records\":[".getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < events; i++) {
                out.write(((i == 0 ? "" : ",") + CloudTrailFiles.record(i)).getBytes(StandardCharsets.UTF_8));
            }
            out.write("]}".getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The baseline: gunzip and a streaming Jackson parse of each record into a tree, nothing else. */
    private static double plainParse(Path file, int expected) throws Exception {
        long start = System.nanoTime();
        long count = 0;
        try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(file), 64 * 1024), 64 * 1024);
             JsonParser parser = Json.MAPPER.getFactory().createParser(in)) {
            parser.nextToken();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                if (parser.nextToken() == JsonToken.START_ARRAY) {
                    while (parser.nextToken() != JsonToken.END_ARRAY) {
                        parser.readValueAsTree();
                        count++;
                    }
                }
            }
        }
        check(count, expected);
        return count / ((System.nanoTime() - start) / 1e9);
    }

    /** The S3 path minus S3 itself: stream-parse, normalize, publish in transactional chunks with the cursor. */
    private static double s3Path(Path file, Map<String, Object> kafka, String prefix, int expected) throws Exception {
        try (Admin admin = Admin.create(new HashMap<>(kafka))) {
            new TopicCreator(admin, (short) 1).ensure(Topics.all(), prefix);
        }
        SourceId source = new SourceId(SourceType.S3, "111122223333", "us-east-1");
        Clock clock = Clock.systemUTC();
        RecordMapper mapper = new RecordMapper(clock);
        int chunk = new SqsConfig().getChunkSize();
        IngestCursor initial = IngestCursor.newBuilder().setSource("s3").setAccountId(source.account()).setRegion(source.region())
                .setPosition(Instant.EPOCH).setToken(null).setRecentIds(List.of()).setUpdatedAt(clock.instant()).build();
        long start = System.nanoTime();
        try (TransactionalPublisher publisher = new TransactionalPublisher(source, kafka, "bench-" + prefix, prefix,
                new NoCommitHook())) {
            PollContext context = new PollContext(source, initial, publisher, new IngestMetrics(new SimpleMeterRegistry()),
                    () -> true, clock);
            RecentIds done = new RecentIds(16);
            Batch[] batch = {new Batch()};
            Collector[] collector = {new Collector(mapper, "s3", new RecentIds(chunk + 1), batch[0], Instant.EPOCH)};
            long count = RecordsFileReader.read(Files.newInputStream(file), (index, record) -> {
                collector[0].add(record);
                if (batch[0].records().size() >= chunk) {
                    context.commit(batch[0].cursor(context.nextCursor(collector[0].maxTime(), done, "bench\n" + (index + 1))));
                    batch[0] = new Batch();
                    collector[0] = new Collector(mapper, "s3", new RecentIds(chunk + 1), batch[0], collector[0].maxTime());
                }
            });
            context.commit(batch[0].cursor(context.nextCursor(collector[0].maxTime(), done, null)));
            check(count, expected);
            return count / ((System.nanoTime() - start) / 1e9);
        }
    }

    private static void check(long count, int expected) {
        if (count != expected) {
            throw new IllegalStateException("read " + count + " records, expected " + expected);
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        return sorted.get(sorted.size() / 2);
    }
}
