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

    /** Repeats of a low rule per principal within the hour are suppressed as live, unless --all-hits. */
    @Test
    void shouldSuppressRepeatedLowHitsAsLiveAndPublishThemAllWithAllHits() throws IOException {
        Path trail = dir.resolve("ssm.jsonl");
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            lines.append("{\"eventVersion\":\"1.08\",\"eventID\":\"ssm-").append(i)
                    .append("\",\"eventTime\":\"2026-11-01T10:0").append(i).append(":00Z\",")
                    .append("\"eventSource\":\"ssm.amazonaws.com\",\"eventName\":\"SendCommand\",")
                    .append("\"awsRegion\":\"us-east-1\",\"recipientAccountId\":\"111122223333\",")
                    .append("\"sourceIPAddress\":\"203.0.113.9\",\"eventType\":\"AwsApiCall\",")
                    .append("\"userIdentity\":{\"type\":\"IAMUser\",\"arn\":\"arn:aws:iam::111122223333:user/ops\",")
                    .append("\"accountId\":\"111122223333\"}}\n");
        }
        Files.writeString(trail, lines);
        String ssmRule = "63838087-9986-44bf-ab88-4bbc49bea8e1";

        Result suppressed = run("--input", trail.toString());
        Result all = run("--input", trail.toString(), "--all-hits");

        assertThat(suppressed.code).isZero();
        assertThat(all.code).isZero();
        assertThat(suppressed.stderr).contains("  rule " + ssmRule + ": 1").contains("  4 repeated hits suppressed");
        assertThat(all.stderr).contains("  rule " + ssmRule + ": 5").doesNotContain("repeated hits suppressed");
        assertThat(ruleHits(suppressed.stdout, ssmRule)).containsExactly("ssm-0");
        assertThat(ruleHits(all.stdout, ssmRule)).containsExactly("ssm-0", "ssm-1", "ssm-2", "ssm-3", "ssm-4");
    }

    /** The CloudTrail event ids the OCSF detections of {@code rule} cite, in output order. */
    private static List<String> ruleHits(String ocsf, String rule) {
        return ocsf.lines().map(Json::parse)
                .filter(e -> e.path("finding_info").path("analytic").path("uid").asText().equals(rule))
                .map(e -> e.path("finding_info").path("related_events").get(0).path("uid").asText()).toList();
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
