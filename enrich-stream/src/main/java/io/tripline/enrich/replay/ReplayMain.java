package io.tripline.enrich.replay;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;

import io.tripline.enrich.detect.DetectionStages;
import io.tripline.enrich.incident.IncidentSettings;
import io.tripline.enrich.incident.IncidentStages;
import io.tripline.enrich.topology.DetectionStage;

/**
 * {@code tripline replay} over files: reads exported CloudTrail, GuardDuty and Security Hub data, runs
 * the enrich topology offline in event-time order and writes OCSF JSON Lines. A summary goes to
 * stderr; exit 0 on success, 1 when an input cannot be read, 2 on bad usage.
 */
public final class ReplayMain {

    private static final int LISTED_UNPARSEABLE = 20;

    private ReplayMain() {
    }

    public static void main(String[] args) {
        int code = run(args, System.out, System.err, System.console() != null);
        if (code != 0) {
            System.exit(code);
        }
    }

    /** Runs a replay and returns the process exit code. */
    public static int run(String[] args, PrintStream stdout, PrintStream stderr, boolean interactive) {
        ReplayOptions options;
        try {
            options = ReplayOptions.parse(args);
        } catch (IllegalArgumentException e) {
            stderr.println("tripline replay: " + e.getMessage());
            stderr.println(ReplayOptions.USAGE);
            return 2;
        }
        if (options.help()) {
            stdout.println(ReplayOptions.USAGE);
            return 0;
        }
        DetectionStage detections;
        try {
            detections = DetectionStages.fromRules(options.rulesDir(), Map.of(), warning -> stderr.println("tripline replay: " + warning));
        } catch (IOException e) {
            stderr.println("tripline replay: " + e.getMessage());
            return 1;
        }
        ReplayReader reader = new ReplayReader(options.format());
        try {
            reader.read(options.inputs());
        } catch (IOException e) {
            stderr.println("tripline replay: cannot read input: " + e.getMessage());
            return 1;
        }
        List<ReplayRecord> records = reader.records();
        LongConsumer progress = interactive ? done -> progressBar(stderr, done, records.size()) : null;
        ReplayResult result = new ReplayEngine(detections, IncidentStages.standard(IncidentSettings.forReplay()), Versions.current()).run(records, reader.unparseable(), progress);
        try {
            write(result, options, stdout);
        } catch (IOException e) {
            stderr.println("tripline replay: cannot write output: " + e.getMessage());
            return 1;
        }
        summary(stderr, reader.valuesRead(), result);
        return 0;
    }

    private static void write(ReplayResult result, ReplayOptions options, PrintStream stdout) throws IOException {
        Writer writer = options.out() == null
                ? new BufferedWriter(new OutputStreamWriter(stdout, StandardCharsets.UTF_8))
                : Files.newBufferedWriter(options.out(), StandardCharsets.UTF_8);
        try {
            for (String line : result.ocsf()) {
                writer.write(line);
                writer.write('\n');
            }
        } finally {
            if (options.out() == null) {
                writer.flush();
            } else {
                writer.close();
            }
        }
    }

    private static void progressBar(PrintStream stderr, long done, long total) {
        int width = 40;
        int filled = total == 0 ? width : (int) (width * done / total);
        stderr.print("\r[" + "#".repeat(filled) + " ".repeat(width - filled) + "] " + done + "/" + total);
        if (done == total) {
            stderr.println();
        }
        stderr.flush();
    }

    private static void summary(PrintStream stderr, long valuesRead, ReplayResult result) {
        stderr.println("replay: " + valuesRead + " values read, " + result.eventsRead() + " events replayed, "
                + result.ocsf().size() + " OCSF records written, " + result.unparseable().size() + " unparseable");
        for (Map.Entry<String, Long> hit : result.ruleHits().entrySet()) {
            stderr.println("  rule " + hit.getKey() + ": " + hit.getValue());
        }
        result.unparseable().stream().limit(LISTED_UNPARSEABLE)
                .forEach(u -> stderr.println("  unparseable " + u.location() + ": " + u.reason()));
        if (result.unparseable().size() > LISTED_UNPARSEABLE) {
            stderr.println("  ... and " + (result.unparseable().size() - LISTED_UNPARSEABLE) + " more unparseable");
        }
        if (result.deadLetters() > 0) {
            stderr.println("  " + result.deadLetters() + " records set aside by the topology (dead letters)");
        }
    }
}
