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
        SplittableRandom random = new SplittableRandom(3);
        List<String> added = new ArrayList<>();
        OutputLines lines = new OutputLines();
        for (int i = 0; i < 20_000; i++) {
            // mostly OCSF-sized lines, some empty, some multi-byte, one larger than any block
            String line = i == 7_777 ? "x".repeat(9 * 1024 * 1024)
                    : i % 1_000 == 0 ? "" : "{\"uid\":\"é-" + i + "\",\"pad\":\"" + "a".repeat(random.nextInt(3_000)) + "\"}";
            added.add(line);
            lines.append(line.getBytes(StandardCharsets.UTF_8));
        }
        lines.append(null);
        added.add(null);

        assertThat(lines).hasSize(added.size()).isEqualTo(added);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        lines.writeTo(out);
        StringBuilder expected = new StringBuilder();
        added.stream().filter(line -> line != null).forEach(line -> expected.append(line).append('\n'));
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(expected.toString());
    }
}
