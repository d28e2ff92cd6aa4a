package io.tripline.enrich.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.tripline.core.normalize.Json;
import io.tripline.core.normalize.NormalizationException;
import io.tripline.core.normalize.Normalizers;
import io.tripline.core.normalize.SourceItem;
import io.tripline.core.normalize.SourceKind;
import io.tripline.core.normalize.SourceShapes;
import io.tripline.core.testing.Corpus;
import io.tripline.core.testing.FuzzRun;
import io.tripline.core.testing.HostileJson;
import io.tripline.enrich.replay.ReplayReader;
import io.tripline.enrich.replay.Unparseable;

/**
 * Issue 9, replay files: 10,000 hostile inputs per file format {@code tripline replay} reads (hostile
 * documents, or hostile lines among good ones; gzip streams also truncated and corrupted). The reader
 * never throws, counts every value it cannot read as unparseable with file:line and a reason, and the
 * good file read in the same run yields every record it holds.
 */
class ReplayReaderFuzzTest {

    /** The formats of docs/replay.md, each with the samples its hostile inputs are derived from. */
    enum Format {
        S3_LOG(".json", true), S3_LOG_GZ(".json.gz", true), JSON_LINES(".jsonl", false), LOOKUP_EVENTS(".jsonl", false),
        EVENTBRIDGE(".jsonl", false), GETFINDINGS(".json", true), ASFF(".json", true);

        private final String suffix;
        private final boolean document;

        Format(String suffix, boolean document) {
            this.suffix = suffix;
            this.document = document;
        }
    }

    private static final int LINES_PER_FILE = 1000;
    /**
     * Documents are written one per file for every tenth input (10,000 files cost more time than the rest
     * of the test); the others go one per line, which the reader unwraps through the same doors.
     */
    private static final int DOCUMENT_FILE_EVERY = 10;
    private final Normalizers normalizers = new Normalizers();

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @EnumSource(Format.class)
    void shouldNeverThrowAndCountEveryBadValueAsUnparseable(Format format) throws IOException {
        FuzzRun run = FuzzRun.of("replay." + format.name().toLowerCase(java.util.Locale.ROOT));
        List<JsonNode> samples = samples(format, run.random());
        HostileJson hostile = new HostileJson(run.random(), samples);
        Path fuzzDir = Files.createDirectories(dir.resolve("fuzz"));
        List<byte[]> pending = new ArrayList<>();
        for (int i = 0; i < FuzzRun.count(); i++) {
            byte[] input = hostile.next().bytes();
            run.count("inputs");
            if (format.document && i % DOCUMENT_FILE_EVERY == 0) {
                write(fuzzDir.resolve(String.format("doc-%05d%s", i, format.suffix)), input, run.random());
            } else {
                pending.add(oneLine(input));
                if (pending.size() == LINES_PER_FILE) {
                    writeLines(fuzzDir.resolve(String.format("lines-%05d%s", i, format.suffix)), pending);
                }
            }
        }
        if (!pending.isEmpty()) {
            writeLines(fuzzDir.resolve("lines-last" + format.suffix), pending);
        }
        Path good = dir.resolve("good" + format.suffix);
        long expectedGood = writeGood(good, format, samples);

        ReplayReader reader = new ReplayReader(ReplayReader.Format.AUTO);
        reader.read(List.of(fuzzDir, good));

        run.add("values", reader.valuesRead());
        run.add("unparseable", reader.unparseable().size());
        run.add("records", reader.records().size());
        run.add("good.expected", expectedGood);
        run.report();
        assertThat(reader.unparseable()).as(run.reproduce()).allSatisfy(bad -> {
            assertThat(bad.location()).startsWith(dir.toString()).containsPattern("\\.(json|jsonl|json\\.gz)(:\\d+.*)?$");
            assertThat(bad.reason()).isNotBlank();
        });
        assertThat(reader.unparseable()).extracting(Unparseable::location).noneMatch(location -> location.startsWith(good.toString()));
        assertThat(reader.unparseable().size()).as("hostile values set aside").isGreaterThan(FuzzRun.count() / 3);
        assertThat(reader.records().size()).as("good records still read").isGreaterThanOrEqualTo((int) expectedGood);
        assertThat(expectedGood).isPositive();
    }

    /** Well-formed values of the format, from the corpus. */
    private List<JsonNode> samples(Format format, Random random) {
        return switch (format) {
            case S3_LOG, S3_LOG_GZ -> documents("Records", items(SourceKind.CLOUDTRAIL, "cloudtrail"), random);
            case JSON_LINES -> HostileJson.corpusSamples(List.of("cloudtrail/panther_rule_tests.jsonl",
                    "guardduty/panther_rule_tests.jsonl", "securityhub/asr_test_findings.jsonl"));
            case LOOKUP_EVENTS -> items(SourceKind.CLOUDTRAIL, "cloudtrail").stream().map(ReplayReaderFuzzTest::lookupItem).toList();
            case EVENTBRIDGE -> HostileJson.corpusSamples(List.of("cloudtrail/cloud_custodian_eventbridge_cloudtrail.jsonl",
                    "guardduty/guardduty_soar_eventbridge_samples.jsonl", "securityhub/asr_eventbridge_events.jsonl"));
            case GETFINDINGS -> documents("Findings", items(SourceKind.GUARDDUTY, "guardduty"), random);
            case ASFF -> documents("Findings", items(SourceKind.SECURITYHUB, "securityhub"), random);
        };
    }

    /** The corpus records of {@code kind} in {@code folder} that normalize, without their envelopes. */
    private List<JsonNode> items(SourceKind kind, String folder) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode json : HostileJson.corpusSamples(Corpus.files(folder))) {
            try {
                for (SourceItem item : SourceShapes.unwrap(json)) {
                    if (item.kind() == kind) {
                        normalizers.normalize(item);
                        out.add(item.json());
                    }
                }
            } catch (NormalizationException notThisOne) {
                // the corpus holds some records in no documented shape; they are not samples
            }
        }
        return out;
    }

    private static List<JsonNode> documents(String field, List<JsonNode> items, Random random) {
        List<JsonNode> docs = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            ArrayNode array = JsonNodeFactory.instance.arrayNode();
            for (int n = 1 + random.nextInt(3); n > 0; n--) {
                array.add(items.get(random.nextInt(items.size())));
            }
            docs.add(JsonNodeFactory.instance.objectNode().set(field, array));
        }
        return docs;
    }

    private static JsonNode lookupItem(JsonNode record) {
        ObjectNode item = JsonNodeFactory.instance.objectNode();
        item.put("EventId", Json.text(record, "eventID")).put("EventName", Json.text(record, "eventName"))
                .put("CloudTrailEvent", Json.write(record));
        return item;
    }

    /** Every sample, as one good file; returns how many records it holds. */
    private long writeGood(Path file, Format format, List<JsonNode> samples) throws IOException {
        long records = 0;
        List<byte[]> lines = new ArrayList<>();
        ArrayNode all = JsonNodeFactory.instance.arrayNode();
        for (JsonNode sample : samples) {
            try {
                for (SourceItem item : SourceShapes.unwrap(sample)) {
                    normalizers.normalize(item);
                    records++;
                    all.add(item.json());
                }
                lines.add(Json.write(sample).getBytes(StandardCharsets.UTF_8));
            } catch (NormalizationException notGood) {
                // a corpus line the doors reject is not part of the good file
            }
        }
        if (format.document) {
            String field = format == Format.GETFINDINGS || format == Format.ASFF ? "Findings" : "Records";
            byte[] doc = Json.write(JsonNodeFactory.instance.objectNode().set(field, all)).getBytes(StandardCharsets.UTF_8);
            write(file, doc, null);
            return all.size();
        }
        writeLines(file, lines);
        return records;
    }

    private static void write(Path file, byte[] content, Random random) throws IOException {
        if (!file.toString().endsWith(".gz")) {
            Files.write(file, content);
            return;
        }
        byte[] gz = gzip(content);
        if (random != null && random.nextInt(4) == 0) {
            gz = random.nextBoolean() ? java.util.Arrays.copyOf(gz, random.nextInt(gz.length))
                    : flip(gz, random);
        }
        Files.write(file, gz);
    }

    private static byte[] flip(byte[] bytes, Random random) {
        byte[] out = bytes.clone();
        int at = random.nextInt(out.length);
        out[at] ^= (byte) (1 + random.nextInt(255));
        return out;
    }

    private static byte[] gzip(byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** JSON Lines frame values by newline: a hostile value's own line breaks become spaces. */
    private static byte[] oneLine(byte[] input) {
        byte[] out = input.clone();
        for (int i = 0; i < out.length; i++) {
            if (out[i] == '\n' || out[i] == '\r') {
                out[i] = ' ';
            }
        }
        return out;
    }

    private static void writeLines(Path file, List<byte[]> lines) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] line : lines) {
            out.writeBytes(line);
            out.write('\n');
        }
        write(file, out.toByteArray(), null);
        lines.clear();
    }
}
