package io.tripline.enrich.sigma;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The detection engine must stay pure and replayable: no AWS SDK, no Kafka in its API, no wall
 * clock and no randomness. A plain source scan, like the module-boundary checks elsewhere.
 */
class SigmaPurityTest {

    private static final Path MAIN = Path.of("src", "main", "java", "io", "tripline", "enrich", "sigma");
    private static final List<String> FORBIDDEN = List.of(
            "software.amazon.awssdk", "org.apache.kafka", "System.currentTimeMillis", "System.nanoTime",
            "Instant.now", "LocalDateTime.now", "Clock.system", "new Random", "Math.random", "UUID.randomUUID",
            "System.out", "System.exit");

    @Test
    void shouldNotUseTheAwsSdkKafkaTheWallClockOrRandomness() throws IOException {
        List<Path> sources;
        try (Stream<Path> files = Files.list(MAIN)) {
            sources = files.filter(p -> p.toString().endsWith(".java")).toList();
        }
        assertThat(sources).hasSizeGreaterThan(10);
        for (Path source : sources) {
            String text = Files.readString(source);
            for (String forbidden : FORBIDDEN) {
                assertThat(text).as("%s uses %s", source.getFileName(), forbidden).doesNotContain(forbidden);
            }
            assertThat(text.lines().count()).as("%s stays small", source.getFileName()).isLessThanOrEqualTo(400);
        }
    }
}
