package io.tripline.enrich.incident;

import static io.tripline.enrich.incident.Samples.finding;
import static io.tripline.enrich.incident.Samples.onInstance;
import static io.tripline.enrich.incident.Scenarios.BRUTE_INSTANCE;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.tripline.core.topic.Topics;

/** Every signal reaches the incident stage naming the input partition it was built from. */
class SignalOriginTest {

    @RegisterExtension
    final IncidentDrivers drivers = new IncidentDrivers();

    @Test
    void shouldStampEachSignalWithTheTopicAndPartitionItWasBuiltFrom() {
        IncidentDriver driver = drivers.open();
        driver.advanceTo("2026-03-01T10:00:00Z"); // a CloudTrail call that is a signal
        driver.guardDuty(onInstance(finding("origin01", "Backdoor:EC2/C&CActivity.B!DNS", 8.0, "2026-03-01T10:01:00Z"),
                BRUTE_INSTANCE, Map.of()));

        // The driver has one partition per topic; findings reach the stage through the finding-identity repartition.
        assertThat(driver.signalOrigins()).hasSize(2).satisfiesExactly(
                origin -> assertThat(origin).isEqualTo(Topics.RAW_CLOUDTRAIL.name() + ":0"),
                origin -> assertThat(origin).startsWith("incident-test-").endsWith("-findings-by-identity-repartition:0"));
    }
}
