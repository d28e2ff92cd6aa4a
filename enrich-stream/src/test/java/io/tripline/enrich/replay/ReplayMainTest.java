package io.tripline.enrich.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.tripline.core.normalize.Json;
import io.tripline.core.testing.Corpus;

/** {@code tripline replay} over files, as an investigator runs it. */
class ReplayMainTest {

    @TempDir
    Path dir;

    @Test
    void shouldGiveByteIdenticalOcsfForTheSameInput() throws IOException {
        String[] args = {"--input", Corpus.file("guardduty").toString(), Corpus.file("securityhub").toString(),
                "--out", dir.resolve("first.jsonl").toString()};
        assertThat(run(args).code).isZero();
        args[args.length - 1] = dir.resolve("second.jsonl").toString();
        assertThat(run(args).code).isZero();

        byte[] first = Files.readAllBytes(dir.resolve("first.jsonl"));
        assertThat(first).isNotEmpty().isEqualTo(Files.readAllBytes(dir.resolve("second.jsonl")));
        List<String> lines = Files.readAllLines(dir.resolve("first.jsonl"));
        for (String line : lines) {
            JsonNode event = Json.parse(line);
            assertThat(event.get("class_uid").asInt()).isEqualTo(2004);
            assertThat(event.path("metadata").path("product").path("name").asText()).isEqualTo("Tripline");
            assertThat(event.path("finding_info").path("related_events")).isNotEmpty();
            assertThat(event.path("cloud").path("account").path("uid").asText()).isNotBlank();
        }
    }

    @Test
    void shouldReadGzippedS3LogFilesAndReportUnparseableLinesWithoutStopping() throws IOException {
        Path gz = dir.resolve("trail.json.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(("{\"Records\":[" + String.join(",", Corpus.lines("cloudtrail/awsdocs_cloudtrail_examples.jsonl")
                    .stream().limit(3).map(l -> Json.write(l.json())).toList()) + "]}").getBytes(StandardCharsets.UTF_8));
        }
        Path broken = dir.resolve("broken.jsonl");
        Files.writeString(broken, Json.write(Corpus.lines("guardduty/cartography_mock_getfindings.jsonl").get(0).json())
                + "\n{\"truncated\": \n" + "{\"hello\":1}\n");

        Result result = run("--input", gz.toString(), broken.toString());

        assertThat(result.code).isZero();
        assertThat(result.stderr).contains("replay: 4 values read, 4 events replayed")
                .contains("2 unparseable")
                .contains("unparseable " + broken + ":2: not valid JSON")
                .contains("unparseable " + broken + ":3: unrecognised source shape with keys [hello]");
        List<JsonNode> out = result.stdout.lines().map(Json::parse).toList();
        assertThat(out).allSatisfy(e -> assertThat(e.get("class_uid").asInt()).isEqualTo(2004));
        assertThat(out).filteredOn(e -> e.path("finding_info").path("uid").asText().startsWith("arn:aws:guardduty:")).hasSize(1);
        // Detections from the trail file are counted per rule in the summary.
        long detections = out.stream().filter(e -> e.path("finding_info").has("analytic")).count();
        assertThat(result.stderr.lines().filter(l -> l.startsWith("  rule ")).mapToLong(l -> Long.parseLong(
                l.substring(l.lastIndexOf(' ') + 1))).sum()).isEqualTo(detections);
    }

    @Test
    void shouldExit1NamingAMissingInputAnd2OnBadUsage() {
        Result missing = run("--input", dir.resolve("nope.json").toString());
        assertThat(missing.code).isEqualTo(1);
        assertThat(missing.stderr).contains("input not found: " + dir.resolve("nope.json"));

        Result usage = run("--format", "xml", "--input", "x");
        assertThat(usage.code).isEqualTo(2);
        assertThat(usage.stderr).contains("--format must be auto, cloudtrail, guardduty or securityhub, got 'xml'")
                .contains(ReplayOptions.USAGE);
        assertThat(run().code).isEqualTo(2);
    }

    private record Result(int code, String stdout, String stderr) {
    }

    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = ReplayMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
