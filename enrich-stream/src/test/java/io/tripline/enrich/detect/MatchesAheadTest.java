package io.tripline.enrich.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.tripline.core.normalize.Normalizers;
import io.tripline.core.testing.Corpus;
import io.tripline.enrich.sigma.RuleLoader;
import io.tripline.enrich.sigma.RuleSet;
import io.tripline.enrich.sigma.SigmaMatch;
import io.tripline.schema.v1.TrailEvent;

/**
 * Matches worked out ahead are handed over only for the very record they were worked out for, and are the
 * matches the processor would have found itself.
 */
class MatchesAheadTest {

    private final RuleSet rules = new RuleLoader().addClasspathPack().build();
    private final RuleSet.KnownFields known = rules.knownFields(KnownFields.NAMES);

    @Test
    void shouldHandOverTheMatchesTheRulesGiveForEachCorpusRecord() {
        MatchesAhead ahead = new MatchesAhead(rules);
        List<TrailEvent> events = corpus(); // the test cases reuse event ids ("1"): order tells them apart
        events.forEach(ahead::add);
        int hits = 0;
        for (TrailEvent event : events) {
            TrailEvent decoded = TrailEvent.newBuilder(event).build(); // the topology holds a copy, not the same object
            String[] values = KnownFields.of(decoded);
            RuleSet.Matches ready = ahead.take(decoded);
            RuleSet.Matches own = rules.match(known, values, () -> rules.parse(decoded.getRaw()));
            assertThat(ready).as(event.getEventId()).isNotNull();
            assertThat(ids(ready.matches())).as(event.getEventId()).isEqualTo(ids(own.matches()));
            assertThat(String.valueOf(ready.record())).isEqualTo(String.valueOf(own.record()));
            hits += own.matches().size();
        }
        assertThat(ahead.take(events.get(events.size() - 1))).as("taken once").isNull();
        assertThat(hits).isPositive();
    }

    @Test
    void shouldHandOverNothingForARecordThatDiffersFromTheOneWorkedOut() {
        MatchesAhead ahead = new MatchesAhead(rules);
        TrailEvent event = corpus().get(0);
        ahead.add(event);
        TrailEvent otherRaw = TrailEvent.newBuilder(event).setRaw(event.getRaw().replace("{", "{ ")).build();
        assertThat(ahead.take(otherRaw)).isNull();
        assertThat(ahead.take(TrailEvent.newBuilder(event).build())).as("left for the record it was worked out for").isNotNull();
    }

    @Test
    void shouldDropTheResultsOfRecordsTheTopologySetAsideBeforeMatching() {
        MatchesAhead ahead = new MatchesAhead(rules);
        List<TrailEvent> events = corpus();
        ahead.add(events.get(0));
        ahead.add(events.get(1));
        ahead.add(events.get(2));
        assertThat(ahead.take(events.get(1))).isNotNull();
        assertThat(ahead.take(events.get(0))).as("passed over: its record never reached the matcher").isNull();
        assertThat(ahead.take(events.get(2))).isNotNull();
    }

    @Test
    void shouldLeaveARecordThatDoesNotParseToTheTopology() {
        MatchesAhead ahead = new MatchesAhead(rules);
        TrailEvent broken = TrailEvent.newBuilder(corpus().get(0)).setRaw("{not json").setEventSource("").build();
        ahead.add(broken);
        assertThat(ahead.take(broken)).isNull();
    }

    private static List<String> ids(List<SigmaMatch> matches) {
        return matches.stream().map(m -> m.rule().id()).toList();
    }

    private static List<TrailEvent> corpus() {
        Normalizers normalizers = new Normalizers();
        List<TrailEvent> events = new ArrayList<>();
        for (Corpus.Line line : Corpus.lines("cloudtrail/panther_rule_tests.jsonl")) {
            try {
                events.add(normalizers.cloudTrail().normalize(line.json()));
            } catch (RuntimeException notCloudTrail) {
                // the file's few non-record lines are not what this is about
            }
        }
        assertThat(events).hasSizeGreaterThan(20);
        return events;
    }
}
