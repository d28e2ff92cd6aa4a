package io.tripline.enrich.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** The replay's output lines read back and write out exactly as added, across blocks of any size. */
class OutputLinesTest {

    @Test
    void shouldGiveBackEveryLineAndWriteThemWithNewlinesAcrossBlocks() throws IOException {
        OutputLines lines = new OutputLines();
        List<String> added = fill(lines);

        assertThat(lines.spilled()).isFalse();
        assertReadsAndWritesBack(lines, added);
    }

    @Test
    void shouldReadAndWriteTheSameLinesOnceTheyHaveMovedToTheSpillFile() throws IOException {
        OutputLines lines = new OutputLines(256 * 1024); // 64 MB by default; 20,000 lines here take about 40 MB
        List<String> added = fill(lines);

        assertThat(lines.spilled()).isTrue();
        assertReadsAndWritesBack(lines, added);
        // Read back out of order too: a spilled line is read from its block's place in the file.
        assertThat(lines.get(3)).isEqualTo(added.get(3));
        assertThat(lines.get(7_777)).isEqualTo(added.get(7_777));
    }

    private static List<String> fill(OutputLines lines) {
        SplittableRandom random = new SplittableRandom(3);
        List<String> added = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            // mostly OCSF-sized lines, some empty, some multi-byte, one larger than any block
            String line = i == 7_777 ? "x".repeat(9 * 1024 * 1024)
                    : i % 1_000 == 0 ? "" : "{\"uid\":\"é-" + i + "\",\"pad\":\"" + "a".repeat(random.nextInt(3_000)) + "\"}";
            added.add(line);
            lines.append(line.getBytes(StandardCharsets.UTF_8));
        }
        lines.append(null);
        added.add(null);
        return added;
    }

    private static void assertReadsAndWritesBack(OutputLines lines, List<String> added) throws IOException {
        assertThat(lines).hasSize(added.size()).isEqualTo(added);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        lines.writeTo(out);
        StringBuilder expected = new StringBuilder();
        added.stream().filter(line -> line != null).forEach(line -> expected.append(line).append('\n'));
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(expected.toString());
    }
}
