package io.tripline.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.tripline.core.normalize.Json;
import io.tripline.enrich.replay.EarlyStart;
import io.tripline.enrich.replay.ReplayEngine;
import io.tripline.enrich.replay.ReplayReader;
import io.tripline.enrich.topology.DetectionStage;

/**
 * The replay part of the bench: a plain Jackson parse of a JSON Lines file of CloudTrail records against
 * {@code tripline replay} over the same file with the full pack (read, sort, run the topology; no incident
 * stage), both timed from the start of reading, after one run of each that is reported on its own. Runnable
 * alone, without a broker:
 * {@code java -cp ... io.tripline.bench.ReplayBench [RECORDS] [REPEAT]}.
 */
final class ReplayBench {

    private ReplayBench() {
    }

    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int repeat = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Instant start = Instant.now().minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.HOURS);
        List<String> lines = new TrailEventGenerator(42, 5_000, start).records(records);
        Path dir = Files.createTempDirectory("tripline-replay-bench-");
        try {
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("records", records);
            figures.put("repeat", repeat);
            figures.putAll(run(dir, lines, BenchRules.fullPack(), repeat));
            System.out.println(BenchReport.table(figures));
        } finally {
            BenchMain.deleteQuietly(dir);
        }
    }

    /**
     * {@code parse_eps}, {@code replay_eps} and their ratio, medians of {@code repeat} runs each, interleaved, after a
     * first run of each ({@code parse_first_run_eps}, {@code replay_first_run_eps}).
     */
    static Map<String, Object> run(Path dir, List<String> records, DetectionStage detections, int repeat)
            throws IOException {
        Path file = dir.resolve("trail.jsonl");
        Files.write(file, records);
        // One run of each first, not counted in the medians: a replay's own code (reading, the task feed, the
        // driver) is compiled by the JIT during it, and a 200,000-record run is too short to amortise that the way
        // an investigation's millions of records do. Its rate is reported on its own (replay_first_run_eps).
        double firstParse = plainParse(file, records.size());
        double firstReplay = replay(file, detections);
        List<Double> parse = new ArrayList<>();
        List<Double> replay = new ArrayList<>();
        for (int i = 0; i < repeat; i++) {
            parse.add(plainParse(file, records.size()));
            replay.add(replay(file, detections));
        }
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("parse_eps", Stats.median(parse));
        figures.put("replay_eps", Stats.median(replay));
        figures.put("replay_vs_parse", Stats.median(replay) / Stats.median(parse));
        figures.put("parse_first_run_eps", firstParse);
        figures.put("replay_first_run_eps", firstReplay);
        return figures;
    }

    private static double plainParse(Path file, int expected) throws IOException {
        long start = System.nanoTime();
        long count = 0;
        for (String line : Files.readAllLines(file)) {
            JsonNode node = Json.MAPPER.readTree(line);
            if (node instanceof ObjectNode) {
                count++;
            }
        }
        if (count != expected) {
            throw new IllegalStateException("parsed " + count + " of " + expected);
        }
        return count / ((System.nanoTime() - start) / 1e9);
    }

    private static double replay(Path file, DetectionStage detections) throws IOException {
        long start = System.nanoTime();
        // As `tripline replay --input` runs: the topology starts while the file is read if it is in replay order.
        ReplayReader reader = new ReplayReader(ReplayReader.Format.AUTO);
        var result = new EarlyStart(new ReplayEngine(detections, null, "bench")).run(reader, List.of(file), null);
        return result.eventsRead() / ((System.nanoTime() - start) / 1e9);
    }
}
