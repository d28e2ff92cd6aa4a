package io.tripline.respond;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** Services never import each other: the responder depends on pipeline-core and schemas only. */
class ModuleBoundaryTest {

    @Test
    void shouldNotImportAnotherService() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            List<String> offending = files.filter(f -> f.toString().endsWith(".java")).flatMap(f -> {
                try {
                    return Files.readAllLines(f).stream().filter(line -> line.startsWith("import ")
                            && line.matches("import (static )?io\\.tripline\\.(ingest|enrich|simulator|stack)\\..*"))
                            .map(line -> f + ": " + line);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
            assertThat(offending).isEmpty();
        }
    }
}
