package io.tripline.enrich.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tripline.core.testing.Corpus;

/**
 * JSON Lines (in batches) and log files are parsed on several threads; what the reader gives must not
 * depend on that: the same records in the same order, and the same unparseable values with their places.
 */
class ReplayReaderTest {

    @TempDir
    Path dir;

    @Test
    void shouldReadJsonLinesOnSeveralThreadsExactlyAsOnOne() throws IOException {
        // The corpus' CloudTrail lines over several batches, with broken and blank lines spread through them.
        List<String> corpus = Files.readAllLines(Corpus.file("cloudtrail/panther_rule_tests.jsonl"));
        List<String> lines = new ArrayList<>();
        for (int i = 0; lines.size() < 5_000; i++) {
            lines.add(corpus.get(i % corpus.size()));
            if (i % 997 == 0) {
                lines.add("{\"truncated\": ");
            }
            if (i % 1_499 == 0) {
                lines.add("");
            }
        }
        Path file = dir.resolve("trail.jsonl");
        Files.write(file, lines);

        ReplayReader one = read(file, 1);
        ReplayReader three = read(file, 3);

        assertThat(three.valuesRead()).isEqualTo(one.valuesRead())
                .isEqualTo(lines.stream().filter(l -> !l.isBlank()).count());
        assertThat(three.unparseable()).isEqualTo(one.unparseable()).isNotEmpty();
        // The first broken line follows the first record: line 2 of the file.
        assertThat(three.unparseable().get(0).location()).isEqualTo(file + ":2");
        assertThat(ids(three.records())).isEqualTo(ids(one.records())).hasSizeGreaterThan(4_000);
    }

    @Test
    void shouldReadADirectoryOfLogFilesOnSeveralThreadsExactlyAsOnOne() throws IOException {
        // S3 log files (plain and gzipped, one broken, one truncated) among JSON Lines, read in name order.
        List<String> corpus = Files.readAllLines(Corpus.file("cloudtrail/panther_rule_tests.jsonl"));
        for (int f = 0; f < 12; f++) {
            List<String> records = corpus.subList(f * 30, f * 30 + 30);
            byte[] document = ("{\"Records\":[" + String.join(",", records) + "]}").getBytes(StandardCharsets.UTF_8);
            if (f % 3 == 0) {
                Files.write(dir.resolve(String.format("log-%02d.json", f)), document);
            } else {
                try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(dir.resolve(String.format("log-%02d.json.gz", f))))) {
                    out.write(document);
                }
            }
        }
        Files.write(dir.resolve("log-03b.jsonl"), corpus.subList(400, 470));
        Files.writeString(dir.resolve("log-05b.json"), "{\"Records\": [{\"eventID\": ");
        byte[] whole = Files.readAllBytes(dir.resolve("log-07.json.gz"));
        Files.write(dir.resolve("log-07b.json.gz"), Arrays.copyOf(whole, whole.length / 2));

        ReplayReader one = read(dir, 1);
        ReplayReader three = read(dir, 3);

        assertThat(three.valuesRead()).isEqualTo(one.valuesRead());
        assertThat(three.unparseable()).isEqualTo(one.unparseable());
        assertThat(three.unparseable()).extracting(Unparseable::location)
                .contains(dir.resolve("log-05b.json") + ":1", dir.resolve("log-07b.json.gz").toString());
        assertThat(ids(three.records())).isEqualTo(ids(one.records())).hasSizeGreaterThan(300);
    }

    private static ReplayReader read(Path input, int threads) throws IOException {
        ReplayReader reader = new ReplayReader(ReplayReader.Format.AUTO, threads);
        reader.read(List.of(input));
        return reader;
    }

    private static List<String> ids(List<ReplayRecord> records) {
        return records.stream().map(r -> r.kind() + " " + r.key() + " " + r.eventTime() + " " + r.value()).toList();
    }
}
