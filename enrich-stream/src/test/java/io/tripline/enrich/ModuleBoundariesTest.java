package io.tripline.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Scoring must stay pure and replayable: enrich-stream's compiled classes never reference the AWS SDK
 * or another service's packages, and the SDK is not even on its runtime classpath.
 */
class ModuleBoundariesTest {

    private static final List<String> FORBIDDEN = List.of("software/amazon/awssdk", "io/tripline/ingest/",
            "io/tripline/respond/", "io/tripline/simulator/");

    @Test
    void shouldNeverReferenceTheAwsSdkOrOtherServices() throws IOException {
        List<String> violations = new ArrayList<>();
        try (Stream<Path> classes = Files.walk(Path.of("target", "classes"))) {
            for (Path file : classes.filter(p -> p.toString().endsWith(".class")).toList()) {
                // Class-file constant pools hold referenced class names as modified-UTF-8 text.
                String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                FORBIDDEN.stream().filter(text::contains).forEach(f -> violations.add(file + " references " + f));
            }
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void shouldNotHaveTheAwsSdkOnTheClasspath() {
        assertThat(getClass().getClassLoader().getResource("software/amazon/awssdk/core/SdkClient.class")).isNull();
    }

    /** No AWS calls means no IAM policy: deploy/iam has none for enrich and its README says so. */
    @Test
    void shouldNeedNoIamPolicyAndTheDeployDocsShouldSaySo() throws IOException {
        Path iam = Path.of("..", "deploy", "iam");
        try (Stream<Path> files = Files.list(iam)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.startsWith("enrich"));
        }
        assertThat(Files.readString(iam.resolve("README.md"))).contains("| enrich | **none** | enrich makes no AWS calls");
    }
}
