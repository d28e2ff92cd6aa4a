package io.tripline.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.tripline.core.registry.InMemorySchemaRegistry;
import io.tripline.core.serde.SerdeConfig;

/** The incident bench's workload arrives as the live feeds deliver it, and is the same every time. */
class IncidentWorkloadTest {

    private final Map<String, Object> serde = Map.of(SerdeConfig.CLIENT, new InMemorySchemaRegistry());

    @Test
    void shouldDeliverCloudTrailFiveToFifteenMinutesLateAndFindingsWhenUpdatedInArrivalOrder() {
        List<IncidentWorkload.Raw> records = new IncidentWorkload(serde, 100).generate(5_000);

        assertThat(records).hasSize(5_000).isSortedAccordingTo(Comparator.comparing(IncidentWorkload.Raw::arrival));
        assertThat(records).filteredOn(IncidentWorkload.Raw::finding).hasSize(500)
                .allSatisfy(r -> assertThat(r.arrival()).isEqualTo(r.time()));
        List<Duration> trailDelays = records.stream().filter(r -> !r.finding())
                .map(r -> Duration.between(r.time(), r.arrival())).toList();
        assertThat(trailDelays).hasSize(4_500)
                .allSatisfy(d -> assertThat(d).isBetween(Duration.ofMinutes(5), Duration.ofMinutes(15).minusMillis(1)));
        // spread over the whole range, not bunched at one end
        assertThat(trailDelays).anySatisfy(d -> assertThat(d).isLessThan(Duration.ofMinutes(6)))
                .anySatisfy(d -> assertThat(d).isGreaterThan(Duration.ofMinutes(14)));
    }

    @Test
    void shouldGenerateTheSameRecordsEveryTime() {
        List<IncidentWorkload.Raw> first = new IncidentWorkload(serde, 100).generate(1_000);
        List<IncidentWorkload.Raw> second = new IncidentWorkload(serde, 100).generate(1_000);

        assertThat(second).extracting(IncidentWorkload.Raw::key).isEqualTo(first.stream().map(IncidentWorkload.Raw::key).toList());
        assertThat(second).extracting(IncidentWorkload.Raw::arrival)
                .isEqualTo(first.stream().map(IncidentWorkload.Raw::arrival).toList());
    }
}
