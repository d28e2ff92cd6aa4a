package io.tripline.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.assertj.core.api.SoftAssertions;

import io.tripline.schema.v1.IngestCursor;

/**
 * The outcome of one fault run: counts per topic, remediation effects, cursor checks, the load and the
 * injected AWS faults; {@link #table()} is what the suite prints, {@link #assertNothingLostOrDuplicated()}
 * what it requires.
 */
record FaultReport(FaultSuiteIT.Expected expected, List<FaultSuiteIT.Row> rows, RemediationEffects effects,
                   CursorHistory cursors, double signalsPerSecond, double loadSeconds, double drainSeconds,
                   long awsCalls, long throttles, long serverErrors) {

    static final double MIN_RATE = 2000;
    static final int REMEDIATED = 6;

    String table() {
        StringBuilder t = new StringBuilder("\nfaults: counts by key (read_committed, from the start)\n");
        t.append(String.format("%-28s %9s %9s %9s %6s %10s%n", "topic", "expected", "records", "keys", "lost", "duplicated"));
        for (FaultSuiteIT.Row row : rows) {
            t.append(String.format("%-28s %9d %9d %9d %6d %10d%n", row.topic(), row.expected(), row.records(),
                    row.distinctKeys(), row.lost(), row.duplicated()));
        }
        t.append(String.format("%nremediation effects in the simulator (targets / total / duplicated)%n"));
        effect(t, "snapshots per volume", effects.snapshotsPerVolume());
        effect(t, "security-group changes per ENI", effects.groupChangesPerInterface());
        effect(t, "SNS notifications per incident", effects.notificationsPerIncident());
        t.append(String.format("%ningest cursors (commits, final position)%n"));
        for (Map.Entry<String, IngestCursor> e : cursors.latest().entrySet()) {
            t.append(String.format("  %-40s %6d  %s%n", e.getKey(), cursors.commits(e.getKey()), e.getValue().getPosition()));
        }
        t.append(String.format("  gaps: %d%s%n", gaps().size(), gaps().isEmpty() ? "" : " " + gaps()));
        t.append(String.format("%nload: %.0f signals/s for %.1f s; drained in %.1f s; AWS calls %d, throttled %d (%.1f %%),"
                        + " 5xx %d (%.1f %%)%n", signalsPerSecond, loadSeconds, drainSeconds, awsCalls, throttles,
                percent(throttles), serverErrors, percent(serverErrors)));
        return t.toString();
    }

    private double percent(long n) {
        return awsCalls == 0 ? 0 : 100.0 * n / awsCalls;
    }

    private static void effect(StringBuilder t, String what, Map<String, Integer> counts) {
        t.append(String.format("  %-32s %4d %6d %6d%n", what, counts.size(), RemediationEffects.total(counts),
                RemediationEffects.duplicated(counts)));
    }

    /** Discontinuities, final positions short of the newest signal, and log files not finished. */
    List<String> gaps() {
        List<String> gaps = new java.util.ArrayList<>(cursors.discontinuities());
        for (Map.Entry<String, Instant> newest : expected.newest().entrySet()) {
            IngestCursor cursor = cursors.latest(newest.getKey());
            if (!CursorHistory.covers(cursor, newest.getValue())) {
                gaps.add(newest.getKey() + ": final position " + (cursor == null ? "none" : cursor.getPosition())
                        + " before the newest signal " + newest.getValue());
            }
        }
        IngestCursor s3 = cursors.latest("s3");
        List<String> finished = s3 == null ? List.of() : s3.getRecentIds().stream().map(CharSequence::toString).toList();
        long unfinished = expected.trailFiles().stream()
                .filter(key -> finished.stream().noneMatch(id -> id.contains("/" + key + "#") || id.contains("/" + key + "@")))
                .count();
        if (unfinished > 0) {
            gaps.add("s3: " + unfinished + " of " + expected.trailFiles().size() + " log files not finished in the cursor");
        }
        return gaps;
    }

    void assertNothingLostOrDuplicated() {
        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(signalsPerSecond).as("signals/s emitted").isGreaterThanOrEqualTo(MIN_RATE);
        soft.assertThat(throttles).as("throttles injected").isPositive();
        soft.assertThat(serverErrors).as("5xx injected").isPositive();
        for (FaultSuiteIT.Row row : rows) {
            soft.assertThat(row.lost()).as(row.topic() + " lost").isZero();
            soft.assertThat(row.duplicated()).as(row.topic() + " duplicated " + row.samples()).isZero();
        }
        soft.assertThat(effects.snapshotsPerVolume()).as("snapshots per volume").hasSize(REMEDIATED)
                .allSatisfy((volume, n) -> assertThat(n).as(volume).isEqualTo(1));
        soft.assertThat(effects.groupChangesPerInterface()).as("security-group changes per ENI").hasSize(REMEDIATED)
                .allSatisfy((eni, n) -> assertThat(n).as(eni).isEqualTo(1));
        soft.assertThat(RemediationEffects.duplicated(effects.notificationsPerIncident())).as("duplicated SNS notifications "
                + effects.notificationsPerIncident()).isZero();
        soft.assertThat(gaps()).as("cursor gaps").isEmpty();
        soft.assertAll();
    }
}
