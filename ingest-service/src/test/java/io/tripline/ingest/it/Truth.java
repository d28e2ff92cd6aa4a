package io.tripline.ingest.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import io.tripline.core.topic.Topics;
import io.tripline.schema.v1.SecurityFinding;
import io.tripline.schema.v1.TrailEvent;
import io.tripline.simulator.AwsSimulator;
import io.tripline.simulator.cloudtrail.CloudTrailRecorder;
import io.tripline.simulator.cloudtrail.StoredEvent;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.guardduty.GuardDutyClient;
import software.amazon.awssdk.services.guardduty.model.Finding;
import software.amazon.awssdk.services.securityhub.SecurityHubClient;
import software.amazon.awssdk.services.securityhub.model.AwsSecurityFinding;

/**
 * What the simulator holds for the harness account-region — every CloudTrail eventID and the latest
 * version of every GuardDuty and Security Hub finding — and the exactly-once check of the raw topics
 * against it: every event once, the latest version of every finding present, no (key, version) twice.
 */
final class Truth {

    private Truth() {
    }

    static Set<String> eventIds(AwsSimulator simulator) {
        return CloudTrailRecorder.state(simulator.world(), simulator.world().account(IngestHarness.ACCOUNT), IngestHarness.REGION)
                .select(e -> true).stream().map(StoredEvent::eventId).collect(Collectors.toSet());
    }

    /** Finding id → latest updatedAt (epoch millis), read through the GuardDuty API. */
    static Map<String, Long> guardDutyLatest(AwsSimulator simulator) {
        Map<String, Long> latest = new HashMap<>();
        try (GuardDutyClient gd = GuardDutyClient.builder().endpointOverride(simulator.endpoint()).region(Region.US_EAST_1).build()) {
            for (String detector : gd.listDetectors().detectorIds()) {
                gd.listFindingsPaginator(b -> b.detectorId(detector).maxResults(50)).forEach(page -> {
                    if (!page.findingIds().isEmpty()) {
                        for (Finding f : gd.getFindings(b -> b.detectorId(detector).findingIds(page.findingIds())).findings()) {
                            latest.put(f.id(), Instant.parse(f.updatedAt()).toEpochMilli());
                        }
                    }
                });
            }
        }
        return latest;
    }

    /** ASFF Id → latest UpdatedAt (epoch millis), read through the Security Hub API. */
    static Map<String, Long> securityHubLatest(AwsSimulator simulator) {
        Map<String, Long> latest = new HashMap<>();
        try (SecurityHubClient sh = SecurityHubClient.builder().endpointOverride(simulator.endpoint()).region(Region.US_EAST_1).build()) {
            sh.getFindingsPaginator(b -> b.maxResults(100)).forEach(page -> {
                for (AwsSecurityFinding f : page.findings()) {
                    latest.put(f.id(), Instant.parse(f.updatedAt()).toEpochMilli());
                }
            });
        }
        return latest;
    }

    /** Waits until the raw topics hold everything the simulator holds, then checks exactly-once. */
    static void assertExactlyOnce(AwsSimulator simulator, String prefix) {
        Set<String> events = eventIds(simulator);
        Map<String, Long> guardDuty = guardDutyLatest(simulator);
        Map<String, Long> securityHub = securityHubLatest(simulator);
        assertThat(events).isNotEmpty();
        assertThat(guardDuty).isNotEmpty();
        assertThat(securityHub).isNotEmpty();
        IngestHarness.await(Topics.RAW_CLOUDTRAIL, prefix, Duration.ofMinutes(3),
                r -> r.stream().map(ConsumerRecord::key).collect(Collectors.toSet()).containsAll(events));
        IngestHarness.await(Topics.RAW_GUARDDUTY, prefix, Duration.ofMinutes(3), r -> versions(r).containsAll(stamp(guardDuty)));
        IngestHarness.await(Topics.RAW_SECURITYHUB, prefix, Duration.ofMinutes(3), r -> versions(r).containsAll(stamp(securityHub)));
        IngestHarness.sleep(3000);

        List<ConsumerRecord<String, TrailEvent>> trail = IngestHarness.read(Topics.RAW_CLOUDTRAIL, prefix);
        Map<String, Long> byEventId = trail.stream().collect(Collectors.groupingBy(ConsumerRecord::key, Collectors.counting()));
        assertThat(byEventId.keySet()).isEqualTo(events);
        assertThat(byEventId.values()).allSatisfy(c -> assertThat(c).isEqualTo(1L));
        assertFindings(IngestHarness.read(Topics.RAW_GUARDDUTY, prefix), guardDuty);
        assertFindings(IngestHarness.read(Topics.RAW_SECURITYHUB, prefix), securityHub);
    }

    private static void assertFindings(List<ConsumerRecord<String, SecurityFinding>> records, Map<String, Long> latest) {
        Map<String, Long> byVersion = records.stream().collect(Collectors.groupingBy(
                r -> r.key() + "|" + r.value().getUpdatedAt().toEpochMilli(), Collectors.counting()));
        assertThat(byVersion.values()).as("versions published more than once: %s", byVersion)
                .allSatisfy(c -> assertThat(c).isEqualTo(1L));
        assertThat(byVersion.keySet()).containsAll(stamp(latest));
        assertThat(records.stream().map(ConsumerRecord::key).collect(Collectors.toSet())).isEqualTo(latest.keySet());
    }

    private static Set<String> versions(List<ConsumerRecord<String, SecurityFinding>> records) {
        return records.stream().map(r -> r.key() + "|" + r.value().getUpdatedAt().toEpochMilli()).collect(Collectors.toSet());
    }

    private static Set<String> stamp(Map<String, Long> latest) {
        return latest.entrySet().stream().map(e -> e.getKey() + "|" + e.getValue()).collect(Collectors.toSet());
    }
}
