package io.tripline.enrich.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The state keeps its members' canonical order and its first/last seen up to date as signals are added, replaced,
 * capped, removed and pruned, instead of recomputing them for every version: after every step they must equal what
 * sorting and scanning all its signals gives, and it holds derived facts only for the signal versions it holds.
 */
class IncidentStateOrderTest {

    @Test
    void shouldKeepOrderAndBoundsEqualToARecomputationThroughEveryChange() {
        Random random = new Random(11);
        for (int round = 0; round < 200; round++) {
            IncidentState state = IncidentState.pending("111122223333", "ACCOUNT:111122223333");
            for (int step = 0; step < 80; step++) {
                int choice = random.nextInt(10);
                if (choice < 7) {
                    state.put(signal(random), 25, 3);
                } else if (choice < 9 && !state.signals.isEmpty()) {
                    List<String> ids = new ArrayList<>(state.signals.keySet());
                    state.remove(ids.get(random.nextInt(ids.size())));
                } else {
                    state.prune(random.nextInt(50_000));
                }
                if (random.nextBoolean()) { // asked for now and then, so changes meet both built and unbuilt views
                    assertMatchesRecomputation(state);
                }
            }
            assertMatchesRecomputation(state);
        }
    }

    private static void assertMatchesRecomputation(IncidentState state) {
        MemberFacts.of(state, state.ordered()); // as assembling a version does
        assertThat(state.memberFacts.keySet()).allMatch(signal -> state.signals.get(signal.id()) == signal)
                .hasSize(state.signals.size());
        List<Signal> sorted = state.all().stream().sorted(Signals.BY_TIME).toList();
        assertThat(state.ordered()).containsExactlyElementsOf(sorted);
        assertThat(state.firstSeen()).isEqualTo(sorted.stream().mapToLong(Signal::first).min().orElse(0));
        assertThat(state.lastSeen()).isEqualTo(sorted.stream().mapToLong(s -> Math.max(s.last(), s.time())).max().orElse(0));
    }

    /** Findings (which replace their earlier versions) and weak CloudTrail calls (capped per fact and in number). */
    private static Signal signal(Random random) {
        long time = random.nextInt(100_000);
        long first = time - random.nextInt(10_000);
        long last = time + random.nextInt(3) * random.nextInt(10_000);
        if (random.nextBoolean()) {
            String id = "finding-" + random.nextInt(15);
            return new Signal(id, Signal.FINDING, "GUARDDUTY", "111122223333", "us-east-1", time, first, last,
                    "ACCOUNT:111122223333", null, "Type", "title", null, "HIGH", 7.0, random.nextInt(5), false,
                    random.nextInt(4) == 0, true, null, List.of(id), null, null);
        }
        String id = "event-" + random.nextInt(60);
        return new Signal(id, Signal.EVENT, "CLOUDTRAIL", "111122223333", "us-east-1", time, time, time,
                "ACCOUNT:111122223333", null, "ListBuckets", "title", null, "LOW", null, 1, false, false, false, null,
                List.of(id), List.of(Flags.OUTSIDE_IP), java.util.Map.of("sourceIp", "203.0.113." + random.nextInt(3)));
    }
}
