package io.tripline.enrich.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.tripline.core.normalize.Json;
import io.tripline.core.testing.Corpus;
import io.tripline.enrich.detect.DetectionStages;
import io.tripline.enrich.incident.IncidentSettings;
import io.tripline.enrich.incident.IncidentStages;

/**
 * The replay engine feeds the test driver's stream task directly ({@link TaskFeed}); over the whole sample
 * corpus — findings through the repartition topic, detections, correlations, incidents opened by
 * stream-time punctuation — its output must be exactly what the driver's own API gives ({@link DriverFeed}).
 */
class ReplayEngineTest {

    private static ReplayReader corpus;

    @BeforeAll
    static void readCorpus() throws IOException {
        corpus = new ReplayReader(ReplayReader.Format.AUTO);
        corpus.read(List.of(Corpus.file("cloudtrail"), Corpus.file("guardduty"), Corpus.file("securityhub")));
    }

    @Test
    void shouldGiveByteIdenticalOutputToTheTopologyTestDriverOnTheCorpus() throws IOException {
        ReplayResult task = engine().run(corpus.records(), corpus.unparseable(), null, ReplayEngine.Executor.TASK);
        ReplayResult driver = engine().run(corpus.records(), corpus.unparseable(), null, ReplayEngine.Executor.DRIVER);

        assertThat(String.join("\n", task.ocsf())).isEqualTo(String.join("\n", driver.ocsf()));
        assertThat(task.ocsfKeys()).isEqualTo(driver.ocsfKeys());
        assertThat(task.ruleHits()).isEqualTo(driver.ruleHits());
        assertThat(task.deadLetters()).isEqualTo(driver.deadLetters());
        assertThat(task.eventsRead()).isEqualTo(driver.eventsRead()).isEqualTo(corpus.records().size());
        // The comparison covers every path: finding versions, single-event detections, and incidents.
        assertThat(task.ocsf()).anyMatch(line -> line.contains("\"arn:aws:guardduty:"));
        assertThat(task.ruleHits()).isNotEmpty();
        // Hits are counted per rule id: each detection's OCSF record names its rule as the analytic.
        assertThat(task.ruleHits()).isEqualTo(task.ocsf().stream().map(Json::parse)
                .filter(line -> line.path("finding_info").has("analytic"))
                .collect(Collectors.groupingBy(line -> line.path("finding_info").path("analytic").path("uid").asText(),
                        TreeMap::new, Collectors.counting())));
        assertThat(task.ocsf()).anyMatch(line -> Json.parse(line).path("finding_info").path("uid").asText().startsWith("inc-"));
    }

    @Test
    void shouldReportProgressAsItGoesAndAtTheEnd() {
        List<ReplayRecord> records = corpus.records();
        List<Long> progress = new ArrayList<>();
        engine().run(records, List.of(), progress::add);
        assertThat(progress).isNotEmpty().isSorted();
        assertThat(progress.get(progress.size() - 1)).isEqualTo(records.size());
    }

    static ReplayEngine engine() {
        IncidentSettings incidents = IncidentSettings.defaults();
        try {
            return new ReplayEngine(DetectionStages.fromRules(null, Map.of(), warning -> { }),
                    IncidentStages.standard(incidents), "test", incidents.openDelay().plus(ReplayMain.SETTLE_AFTER_OPEN_DELAY));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
