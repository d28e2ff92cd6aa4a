package io.tripline.enrich.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.tripline.core.normalize.Json;
import io.tripline.core.testing.Corpus;
import io.tripline.enrich.topology.DetectionStage;
import io.tripline.schema.v1.SecurityFinding;
import io.tripline.schema.v1.TrailEvent;

/**
 * A file replay starts its topology while reading when the records come in replay order; whether that
 * guess holds or not, the output must be the sorted run's, byte for byte.
 */
class EarlyStartTest {

    /** The sample corpus' records in replay order, as JSON Lines of their original JSON. */
    private static List<String> inOrder;

    @TempDir
    Path dir;

    @BeforeAll
    static void sortCorpus() throws IOException {
        ReplayReader corpus = new ReplayReader(ReplayReader.Format.AUTO);
        corpus.read(List.of(Corpus.file("cloudtrail"), Corpus.file("guardduty"), Corpus.file("securityhub")));
        inOrder = corpus.records().stream().map(r -> r.value() instanceof TrailEvent event ? event.getRaw()
                : ((SecurityFinding) r.value()).getRaw()).toList();
    }

    @Test
    void shouldReplayWhileReadingAndGiveTheSortedRunsOutputWhenTheInputIsInReplayOrder() throws IOException {
        Path file = write("in-order.jsonl", inOrder);

        EarlyStart early = new EarlyStart(ReplayEngineTest.engine());
        ReplayReader reader = new ReplayReader(ReplayReader.Format.AUTO);
        ReplayResult result = early.run(reader, List.of(file), null);

        assertThat(early.held()).isTrue();
        assertSame(result, sortedRun(file));
        // Handed on, not kept: memory does not grow with an input in order.
        assertThat(reader.records()).isEmpty();
        assertThat(reader.valuesRead()).isEqualTo(inOrder.size());
        // Findings, detections and incidents: the early run covers every stage.
        assertThat(result.ruleHits()).isNotEmpty();
        assertThat(result.ocsf()).anyMatch(line -> line.contains("\"arn:aws:guardduty:"))
                .anyMatch(line -> line.contains("\"analytic\""))
                .anyMatch(line -> line.contains("\"uid\":\"inc-"));
    }

    @Test
    void shouldStartOverFromTheSortedRecordsWhenARecordComesOutOfOrderNearTheEnd() throws IOException {
        List<String> lines = new ArrayList<>(inOrder);
        lines.add(lines.remove(lines.size() - 40));
        lines.add(3, "not json");
        Path file = write("late-disorder.jsonl", lines);

        EarlyStart early = new EarlyStart(ReplayEngineTest.engine());
        ReplayReader reader = new ReplayReader(ReplayReader.Format.AUTO);
        ReplayResult result = early.run(reader, List.of(file), null);

        assertThat(early.held()).isFalse();
        assertSame(result, sortedRun(file));
        // Read twice, counted once.
        assertThat(result.unparseable()).extracting(Unparseable::location).containsExactly(file + ":4");
        assertThat(reader.valuesRead()).isEqualTo(lines.size());
    }

    @Test
    void shouldStopReadingAtTheFirstDisorderAndReadEveryFileAgainInOrder() throws IOException {
        // A directory whose first file starts out of order: the early run ends at once, the rest is read once more.
        List<String> lines = new ArrayList<>(inOrder);
        lines.add(0, lines.remove(5));
        Path files = Files.createDirectories(dir.resolve("export"));
        int third = lines.size() / 3;
        Files.write(files.resolve("a.jsonl"), lines.subList(0, third));
        Files.write(files.resolve("b.jsonl"), lines.subList(third, 2 * third));
        Files.write(files.resolve("c.jsonl"), lines.subList(2 * third, lines.size()));

        EarlyStart early = new EarlyStart(ReplayEngineTest.engine());
        ReplayReader reader = new ReplayReader(ReplayReader.Format.AUTO);
        ReplayResult result = early.run(reader, List.of(files), null);

        assertThat(early.held()).isFalse();
        assertSame(result, sortedRun(files));
        assertThat(result.eventsRead()).isEqualTo(reader.records().size()).isEqualTo(inOrder.size());
        assertThat(reader.valuesRead()).isEqualTo(lines.size());
    }

    @Test
    void shouldStartOverWhenRecordsAtTheSameTimeComeOutOfKeyOrder() throws IOException {
        // Same event time, ids descending: replay order is by id, so the second line goes before the first.
        ObjectNode event = (ObjectNode) Json.parse(Files.readAllLines(Corpus.file("cloudtrail/panther_rule_tests.jsonl")).get(0));
        List<String> lines = new ArrayList<>();
        for (String id : List.of("e2", "e1")) {
            lines.add(Json.write(event.deepCopy().put("eventID", id).put("eventTime", "2026-05-01T10:00:00Z")));
        }
        Path file = write("same-time.jsonl", lines);

        EarlyStart early = new EarlyStart(ReplayEngineTest.engine());
        ReplayResult result = early.run(new ReplayReader(ReplayReader.Format.AUTO), List.of(file), null);

        assertThat(early.held()).isFalse();
        assertSame(result, sortedRun(file));
        assertThat(result.eventsRead()).isEqualTo(2);
    }

    @Test
    void shouldReportProgressUpToEveryRecordAndNameAMissingInput() throws IOException {
        Path file = write("in-order.jsonl", inOrder);
        List<long[]> progress = new ArrayList<>();
        ReplayResult result = new EarlyStart(ReplayEngineTest.engine()).run(new ReplayReader(ReplayReader.Format.AUTO),
                List.of(file), (done, total) -> progress.add(new long[] {done, total}));

        assertThat(progress).isNotEmpty().allSatisfy(p -> assertThat(p[0]).isLessThanOrEqualTo(p[1]));
        assertThat(progress.get(progress.size() - 1)).containsExactly(result.eventsRead(), result.eventsRead());

        Path missing = dir.resolve("nope.jsonl");
        assertThatThrownBy(() -> new EarlyStart(ReplayEngineTest.engine()).run(new ReplayReader(ReplayReader.Format.AUTO),
                List.of(file, missing), null)).isInstanceOf(IOException.class).hasMessageContaining(missing.toString());
    }

    /**
     * Reading waits while the early run is behind by a bounded number of pieces; when the early run fails, it
     * must not wait for it any more: the failure comes back instead of a replay that never ends.
     */
    @Test
    @Timeout(120)
    void shouldReportAFailedTopologyInsteadOfWaitingForItWithReadingAhead() throws IOException {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 30_000; i++) {
            lines.add("{\"eventVersion\":\"1.08\",\"eventID\":\"e-" + i + "\",\"eventTime\":\"2026-11-01T10:"
                    + String.format("%02d:%02d", i / 600, (i / 10) % 60) + "Z\",\"eventSource\":\"s3.amazonaws.com\","
                    + "\"eventName\":\"ListBuckets\",\"awsRegion\":\"us-east-1\",\"recipientAccountId\":\"111122223333\","
                    + "\"userIdentity\":{\"type\":\"IAMUser\",\"arn\":\"arn:aws:iam::111122223333:user/a\"}}");
        }
        Path file = write("many.jsonl", lines);
        DetectionStage broken = (builder, events, settings) -> {
            throw new IllegalStateException("the topology cannot be built");
        };

        EarlyStart early = new EarlyStart(new ReplayEngine(broken, null, "test"));

        assertThatThrownBy(() -> early.run(new ReplayReader(ReplayReader.Format.AUTO), List.of(file), null))
                .hasMessageContaining("the topology cannot be built");
    }

    private Path write(String name, List<String> lines) throws IOException {
        return Files.write(dir.resolve(name), lines);
    }

    /** Read, sort, then run: replay as it was before the early start, the reference. */
    private static ReplayResult sortedRun(Path file) throws IOException {
        ReplayReader reader = new ReplayReader(ReplayReader.Format.AUTO);
        reader.read(List.of(file));
        return ReplayEngineTest.engine().run(reader.records(), reader.unparseable(), null);
    }

    private static void assertSame(ReplayResult actual, ReplayResult expected) {
        assertThat(String.join("\n", actual.ocsf())).isEqualTo(String.join("\n", expected.ocsf()));
        assertThat(actual.ocsfKeys()).isEqualTo(expected.ocsfKeys());
        assertThat(actual.ruleHits()).isEqualTo(expected.ruleHits());
        assertThat(actual.eventsRead()).isEqualTo(expected.eventsRead());
        assertThat(actual.unparseable()).isEqualTo(expected.unparseable());
        assertThat(actual.deadLetters()).isEqualTo(expected.deadLetters());
    }
}
