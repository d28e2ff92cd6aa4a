package io.tripline.enrich.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tripline.core.testing.Corpus;

/**
 * JSON Lines are parsed in batches on several threads; what the reader gives must not depend on that:
 * the same records in the same order, and the same unparseable lines with their line numbers.
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

    private static ReplayReader read(Path file, int threads) throws IOException {
        ReplayReader reader = new ReplayReader(ReplayReader.Format.AUTO, threads);
        reader.read(List.of(file));
        return reader;
    }

    private static List<String> ids(List<ReplayRecord> records) {
        return records.stream().map(r -> r.kind() + " " + r.key() + " " + r.eventTime() + " " + r.value()).toList();
    }
}
