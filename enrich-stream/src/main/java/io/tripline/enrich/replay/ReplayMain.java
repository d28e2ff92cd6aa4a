package io.tripline.enrich.replay;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.KafkaException;

import io.tripline.enrich.EnrichConfig;
import io.tripline.enrich.detect.DetectionStages;
import io.tripline.enrich.detect.Suppression;
import io.tripline.enrich.incident.IncidentConfig;
import io.tripline.enrich.incident.IncidentSettings;
import io.tripline.enrich.incident.IncidentStages;
import io.tripline.enrich.topology.DetectionStage;

/**
 * {@code tripline replay}: reads exported CloudTrail, GuardDuty and Security Hub files, or a time range
 * of the raw topics of a running pipeline, runs the enrich topology offline in event-time order and
 * writes OCSF JSON Lines — to a file, stdout or an investigation topic. A summary goes to stderr; exit 0
 * on success, 1 when an input cannot be read or the output cannot be written (naming it), 2 on bad usage.
 */
public final class ReplayMain {

    private static final int LISTED_UNPARSEABLE = 20;

    /**
     * How far past the last record a replay moves stream time beyond the open delay: the incident stage
     * ticks once a minute of stream time, so two minutes more publish the incidents still waiting out their
     * open delay at the end of the input, as the live application does once later records come.
     */
    static final Duration SETTLE_AFTER_OPEN_DELAY = Duration.ofMinutes(2);

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
        // The live application's stages: its incident settings, placeholders and rules when its configuration is given.
        IncidentSettings incidents = IncidentSettings.defaults();
        Map<String, List<String>> placeholders = Map.of();
        Suppression suppression = Suppression.defaults();
        Path rules = options.rulesDir();
        DetectionStage detections;
        try {
            if (options.enrichConfig() != null) {
                EnrichConfig live = EnrichConfig.load(options.enrichConfig(), System.getenv());
                incidents = IncidentConfig.from(live.incident());
                placeholders = live.placeholders();
                suppression = live.suppression();
                rules = rules == null ? live.rulesDir() : rules;
            }
            if (options.allHits()) {
                suppression = Suppression.none();
            }
            detections = DetectionStages.fromRules(rules, placeholders, suppression,
                    warning -> stderr.println("tripline replay: " + warning));
        } catch (IOException | IllegalArgumentException e) {
            stderr.println("tripline replay: " + e.getMessage());
            return 1;
        }
        ReplayEngine engine = new ReplayEngine(detections, IncidentStages.standard(incidents), Versions.current(),
                incidents.openDelay().plus(SETTLE_AFTER_OPEN_DELAY));
        ReplayInput input;
        ReplayResult result;
        if (options.topicMode()) {
            try {
                input = readTopics(options.query(), stderr, interactive);
            } catch (KafkaException | IllegalStateException e) {
                stderr.println("tripline replay: cannot read the topics on " + options.query().bootstrapServers() + ": "
                        + e.getMessage());
                return 1;
            }
            List<ReplayRecord> records = input.records();
            LongConsumer progress = interactive ? done -> progressBar(stderr, "replay", done, records.size()) : null;
            try {
                result = engine.run(records, input.unparseable(), progress);
            } catch (UncheckedIOException e) {
                stderr.println("tripline replay: " + e.getMessage());
                return 1;
            }
        } else {
            // Files in replay order are replayed while they are read (EarlyStart).
            ReplayReader reader = new ReplayReader(options.format());
            try {
                result = new EarlyStart(engine).run(reader, options.inputs(),
                        interactive ? (done, total) -> progressBar(stderr, "replay", done, total) : null);
            } catch (IOException e) {
                stderr.println("tripline replay: cannot read input: " + e.getMessage());
                return 1;
            } catch (UncheckedIOException e) {
                stderr.println("tripline replay: " + e.getMessage());
                return 1;
            }
            input = reader;
        }
        try {
            if (options.toTopic() != null) {
                InvestigationTopic topic = InvestigationTopic.of(options.toTopic(), options.query().topicPrefix(),
                        options.replicationFactor());
                topic.write(result.ocsfKeys(), result.ocsf(), options.query().describe(), clientConfig(options.query()));
            } else {
                write(result, options, stdout);
            }
        } catch (IOException | UncheckedIOException e) {
            stderr.println("tripline replay: cannot write output: " + e.getMessage());
            return 1;
        } catch (KafkaException | IllegalStateException e) {
            stderr.println("tripline replay: cannot write to topic " + options.toTopic() + ": " + e.getMessage());
            return 1;
        }
        summary(stderr, input, result, options);
        return 0;
    }

    private static ReplayInput readTopics(TopicQuery query, PrintStream stderr, boolean interactive) {
        TopicReplayReader.Progress progress = interactive ? (done, total) -> progressBar(stderr, "read", done, total) : null;
        return new TopicReplayReader(query).read(progress);
    }

    private static Map<String, Object> clientConfig(TopicQuery query) {
        Map<String, Object> config = new HashMap<>(query.clientConfig());
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, query.bootstrapServers());
        return config;
    }

    private static void write(ReplayResult result, ReplayOptions options, PrintStream stdout) throws IOException {
        if (options.out() == null) {
            result.writeOcsf(stdout);
            stdout.flush();
            return;
        }
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(options.out()), 1 << 16)) {
            result.writeOcsf(out);
        }
    }

    private static void progressBar(PrintStream stderr, String phase, long done, long total) {
        int width = 40;
        int filled = total == 0 ? width : (int) (width * Math.min(done, total) / total);
        stderr.print("\r" + phase + " [" + "#".repeat(filled) + " ".repeat(width - filled) + "] " + done + "/" + total);
        if (done >= total) {
            stderr.println();
        }
        stderr.flush();
    }

    private static void summary(PrintStream stderr, ReplayInput input, ReplayResult result, ReplayOptions options) {
        if (options.topicMode()) {
            TopicReplayReader topics = (TopicReplayReader) input;
            stderr.println("replay of " + options.query().describe());
            stderr.println("  " + topics.outOfRange() + " records outside the time range, " + topics.filteredOut()
                    + " filtered out" + (options.toTopic() == null ? "" : "; OCSF written to topic " + options.toTopic()));
        }
        stderr.println("replay: " + input.valuesRead() + " values read, " + result.eventsRead() + " events replayed, "
                + result.ocsf().size() + " OCSF records written, " + result.unparseable().size() + " unparseable");
        for (Map.Entry<String, Long> hit : result.ruleHits().entrySet()) {
            stderr.println("  rule " + hit.getKey() + ": " + hit.getValue());
        }
        if (result.suppressed() > 0) {
            stderr.println("  " + result.suppressed()
                    + " repeated hits suppressed (tripline.enrich.suppress.*; --all-hits publishes them)");
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
