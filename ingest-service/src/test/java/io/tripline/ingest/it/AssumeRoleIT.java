package io.tripline.ingest.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.micronaut.context.ApplicationContext;
import io.tripline.core.topic.Topics;
import io.tripline.simulator.AwsSimulator;
import io.tripline.simulator.SimulatorOptions;
import io.tripline.simulator.cloudtrail.CloudTrailRecorder;
import io.tripline.simulator.cloudtrail.StoredEvent;

/**
 * An account configured with {@code role-arn} and {@code external-id} is read through the role: the
 * service's own credentials (root of 111122223333) call STS AssumeRole — CloudTrail records it with the
 * role ARN and the service's session name — and the findings and events it publishes are account
 * 444455556666's, which only the assumed-role session can see.
 */
class AssumeRoleIT {

    private static final String ACCOUNT = "444455556666";
    private static final String ROLE = "arn:aws:iam::444455556666:role/TriplineIngestRead";

    @Test
    void shouldReadAnAccountThroughItsRoleAndBeAttributedToTheAssumedRole() {
        try (AwsSimulator simulator = AwsSimulator.start(SimulatorOptions.defaults().withSpeed(120).withSeed(61))) {
            String prefix = IngestHarness.topics("assume-role");
            simulator.control().playScenario("compromised-user");
            Map<String, Object> p = IngestHarness.properties(prefix, simulator.endpoint().toString(),
                    List.of("guardduty", "cloudtrail"), Instant.parse("2026-11-01T00:00:00Z"));
            p.put("tripline.ingest.accounts[0].id", ACCOUNT);
            p.put("tripline.ingest.accounts[0].role-arn", ROLE);
            p.put("tripline.ingest.accounts[0].external-id", "tripline-external-id");
            try (ApplicationContext service = IngestHarness.start(p)) {
                simulator.control().awaitScenario(Duration.ofMinutes(2));
                var findings = IngestHarness.await(Topics.RAW_GUARDDUTY, prefix, Duration.ofMinutes(2), r -> !r.isEmpty());
                assertThat(findings).isNotEmpty();
                assertThat(findings).allSatisfy(f -> assertThat(f.value().getAccountId()).isEqualTo(ACCOUNT));
                var events = IngestHarness.await(Topics.RAW_CLOUDTRAIL, prefix, Duration.ofMinutes(2),
                        r -> r.stream().anyMatch(e -> "ConsoleLogin".equals(e.value().getEventName())));
                assertThat(events).anySatisfy(e -> assertThat(e.value().getEventName()).isEqualTo("ConsoleLogin"));
                assertThat(events).allSatisfy(e -> assertThat(e.value().getRecipientAccountId()).isEqualTo(ACCOUNT));
            }
            List<StoredEvent> assumeRole = CloudTrailRecorder.state(simulator.world(),
                    simulator.world().account(IngestHarness.ACCOUNT), IngestHarness.REGION)
                    .select(e -> "AssumeRole".equals(e.eventName()));
            assertThat(assumeRole).isNotEmpty();
            JsonNode call = assumeRole.get(0).record();
            assertThat(call.path("requestParameters").path("roleArn").asText()).isEqualTo(ROLE);
            assertThat(call.path("requestParameters").path("roleSessionName").asText()).isEqualTo("tripline-ingest");
            assertThat(call.path("responseElements").path("assumedRoleUser").path("arn").asText())
                    .isEqualTo("arn:aws:sts::444455556666:assumed-role/TriplineIngestRead/tripline-ingest");
            assertThat(call.path("userIdentity").path("accountId").asText()).isEqualTo(IngestHarness.ACCOUNT);
        }
    }
}
