package io.tripline.enrich.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

/** The two modes of {@code tripline replay} on the command line: what each accepts and how it says no. */
class ReplayOptionsTest {

    private static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");

    @Test
    void shouldParseATopicReplayWithFiltersAndDefaults() {
        ReplayOptions options = ReplayOptions.parse(new String[] {"--bootstrap-servers", "kafka:9092", "--from",
                "2026-05-01T10:00:00Z", "--account", "111111111111", "--principal", "alice", "--principal", "AKIAX",
                "--resource", "i-0abc", "--to-topic", "tripline.investigation.case-42"}, () -> NOW);

        assertThat(options.topicMode()).isTrue();
        TopicQuery query = options.query();
        assertThat(query.to()).isEqualTo(NOW);
        assertThat(query.schemaRegistryUrl()).isEqualTo("http://127.0.0.1:8081");
        assertThat(query.maxLateness()).isEqualTo(Duration.ofHours(6));
        assertThat(options.toTopic()).isEqualTo("tripline.investigation.case-42");
        assertThat(options.replicationFactor()).isEqualTo((short) 1);
        assertThat(options.allHits()).isFalse();
        assertThat(ReplayOptions.parse(new String[] {"--input", "x.json", "--all-hits"}, () -> NOW).allHits()).isTrue();
        assertThat(query.describe()).isEqualTo("topics=tripline.raw.guardduty,tripline.raw.securityhub,tripline.raw.cloudtrail"
                + " from=2026-05-01T10:00:00Z to=2026-05-01T12:00:00Z account=111111111111 principal=AKIAX,alice"
                + " resource=i-0abc");
    }

    @Test
    void shouldRefuseMixingTheModesAndIncompleteTopicReplaysWithExit2() {
        assertUsage("--input (replay files) and --bootstrap-servers (replay topics) cannot be combined",
                "--input", "x.json", "--bootstrap-servers", "k:9092", "--from", "2026-05-01T10:00:00Z");
        assertUsage("--from applies only to replaying topics (--bootstrap-servers), not to --input",
                "--input", "x.json", "--from", "2026-05-01T10:00:00Z");
        assertUsage("--account applies only to replaying topics", "--input", "x.json", "--account", "1");
        assertUsage("--bootstrap-servers is required to replay topics", "--from", "2026-05-01T10:00:00Z");
        assertUsage("--from is required to replay topics", "--bootstrap-servers", "k:9092");
        assertUsage("--format applies only to --input", "--bootstrap-servers", "k:9092", "--from", "2026-05-01T10:00:00Z",
                "--format", "cloudtrail");
        assertUsage("--out and --to-topic cannot be combined", "--bootstrap-servers", "k:9092", "--from",
                "2026-05-01T10:00:00Z", "--out", "x", "--to-topic", "tripline.investigation.x");
        assertUsage("--from must be an ISO-8601 instant such as 2024-05-01T12:00:00Z, got 'yesterday'",
                "--bootstrap-servers", "k:9092", "--from", "yesterday");
        assertUsage("--from 2026-05-01T10:00:00Z must be before --to 2026-05-01T09:00:00Z", "--bootstrap-servers", "k:9092",
                "--from", "2026-05-01T10:00:00Z", "--to", "2026-05-01T09:00:00Z");
        assertUsage("--replication-factor applies only to --to-topic", "--bootstrap-servers", "k:9092", "--from",
                "2026-05-01T10:00:00Z", "--replication-factor", "3");
        assertUsage("--max-lateness must be a duration such as 6h, 15m or PT6H, got 'soon'", "--bootstrap-servers", "k:9092",
                "--from", "2026-05-01T10:00:00Z", "--max-lateness", "soon");
        assertUsage("either --input PATH... (replay files) or --bootstrap-servers with --from (replay topics) is required");
    }

    @Test
    void shouldRefuseAProductionTopicBeforeReadingAnything() {
        // No broker listens on port 9: the refusal comes from the name alone.
        assertUsage("--to-topic tripline.remediation.actions is a production topic", "--bootstrap-servers", "127.0.0.1:9",
                "--from", "2026-05-01T10:00:00Z", "--to-topic", "tripline.remediation.actions");
        assertUsage("--to-topic it.tripline.dlq is a production topic", "--bootstrap-servers", "127.0.0.1:9",
                "--from", "2026-05-01T10:00:00Z", "--topic-prefix", "it.", "--to-topic", "it.tripline.dlq");
    }

    private static void assertUsage(String message, String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = ReplayMain.run(args, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false);
        assertThat(code).as(String.join(" ", args)).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("tripline replay: " + message).contains(ReplayOptions.USAGE);
    }
}
