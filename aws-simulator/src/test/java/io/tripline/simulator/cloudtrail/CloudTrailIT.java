package io.tripline.simulator.cloudtrail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.tripline.simulator.AwsSimulator;
import io.tripline.simulator.SdkClients;
import io.tripline.simulator.SimulatorOptions;
import io.tripline.simulator.core.SimJson;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.Event;
import software.amazon.awssdk.services.cloudtrail.model.InvalidLookupAttributesException;
import software.amazon.awssdk.services.cloudtrail.model.InvalidMaxResultsException;
import software.amazon.awssdk.services.cloudtrail.model.InvalidTimeRangeException;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttribute;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttributeKey;
import software.amazon.awssdk.services.cloudtrail.model.TrailNotFoundException;

/** CloudTrail contract: LookupEvents paging and filters, trail administration, typed errors. */
class CloudTrailIT {

    private static final String ACCOUNT = "230000000003";
    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
    private static AwsSimulator simulator;
    private static CloudTrailClient cloudTrail;

    @BeforeAll
    static void start() {
        simulator = AwsSimulator.start(SimulatorOptions.defaults().withStart(T0.plusSeconds(3600)));
        cloudTrail = SdkClients.build(CloudTrailClient.builder(), simulator.endpoint(), ACCOUNT);
        for (int i = 0; i < 120; i++) {
            var record = SimJson.object().put("eventSource", "ec2.amazonaws.com")
                    .put("eventName", i % 4 == 0 ? "RunInstances" : "DescribeInstances");
            record.putObject("userIdentity").put("type", "IAMUser").put("userName", "bulk-user")
                    .put("arn", "arn:aws:iam::" + ACCOUNT + ":user/bulk-user").put("accessKeyId", "AKIABULK");
            record.putObject("requestParameters").put("instanceId", "i-" + i);
            // two events per second: ties must still page exactly once
            CloudTrailRecorder.recordSupplied(simulator.world(), ACCOUNT, "us-east-1", record, T0.plusSeconds(i / 2));
        }
    }

    @AfterAll
    static void stop() {
        cloudTrail.close();
        simulator.close();
    }

    @Test
    void shouldPageLookupEventsNewestFirstCoveringEveryEventOnce() {
        List<Event> events = new ArrayList<>();
        cloudTrail.lookupEventsPaginator(b -> b.lookupAttributes(user("bulk-user")).maxResults(50)).events().forEach(events::add);
        assertThat(events).hasSize(120);
        assertThat(events).extracting(Event::eventId).doesNotHaveDuplicates();
        assertThat(events).extracting(Event::eventTime).isSortedAccordingTo((a, b) -> b.compareTo(a));
        Event newest = events.get(0);
        assertThat(newest.eventTime()).isEqualTo(T0.plusSeconds(59));
        assertThat(newest.resources()).extracting(r -> r.resourceType()).contains("AWS::EC2::Instance");
        JsonNode record = SimJson.parse(newest.cloudTrailEvent());
        assertThat(record.path("eventID").asText()).isEqualTo(newest.eventId());
        assertThat(record.path("recipientAccountId").asText()).isEqualTo(ACCOUNT);
    }

    @Test
    void shouldSelectByEventNameAndTimeRange() {
        List<Event> runs = new ArrayList<>();
        cloudTrail.lookupEventsPaginator(b -> b.lookupAttributes(LookupAttribute.builder()
                        .attributeKey(LookupAttributeKey.EVENT_NAME).attributeValue("RunInstances").build())
                .startTime(T0).endTime(T0.plusSeconds(19))).events().forEach(runs::add);
        assertThat(runs).hasSize(10).allSatisfy(e -> assertThat(e.eventName()).isEqualTo("RunInstances"));
    }

    @Test
    void shouldRejectTwoLookupAttributesWithInvalidLookupAttributesException() {
        assertThatThrownBy(() -> cloudTrail.lookupEvents(b -> b.lookupAttributes(user("a"), user("b"))))
                .isInstanceOf(InvalidLookupAttributesException.class);
    }

    @Test
    void shouldRejectMaxResultsAboveFiftyAndReversedTimeRanges() {
        assertThatThrownBy(() -> cloudTrail.lookupEvents(b -> b.maxResults(51))).isInstanceOf(InvalidMaxResultsException.class);
        assertThatThrownBy(() -> cloudTrail.lookupEvents(b -> b.startTime(T0.plusSeconds(10)).endTime(T0)))
                .isInstanceOf(InvalidTimeRangeException.class);
    }

    @Test
    void shouldAdministerTrailsAndRecordEachChangeInEventHistory() {
        var created = cloudTrail.createTrail(b -> b.name("org-trail").s3BucketName("logs").isMultiRegionTrail(true));
        assertThat(created.trailARN()).isEqualTo("arn:aws:cloudtrail:us-east-1:" + ACCOUNT + ":trail/org-trail");
        assertThat(cloudTrail.getTrailStatus(b -> b.name("org-trail")).isLogging()).isFalse();
        cloudTrail.startLogging(b -> b.name("org-trail"));
        assertThat(cloudTrail.getTrailStatus(b -> b.name("org-trail")).isLogging()).isTrue();
        cloudTrail.stopLogging(b -> b.name(created.trailARN()));
        assertThat(cloudTrail.getTrailStatus(b -> b.name("org-trail")).isLogging()).isFalse();
        assertThat(cloudTrail.describeTrails(b -> { }).trailList()).extracting(t -> t.name()).containsExactly("org-trail");
        cloudTrail.deleteTrail(b -> b.name("org-trail"));
        assertThatThrownBy(() -> cloudTrail.getTrailStatus(b -> b.name("org-trail"))).isInstanceOf(TrailNotFoundException.class);

        List<String> names = new ArrayList<>();
        cloudTrail.lookupEventsPaginator(b -> b.lookupAttributes(LookupAttribute.builder()
                .attributeKey(LookupAttributeKey.EVENT_SOURCE).attributeValue("cloudtrail.amazonaws.com").build()))
                .events().forEach(e -> names.add(e.eventName()));
        assertThat(names).containsExactly("DeleteTrail", "StopLogging", "StartLogging", "CreateTrail");
        Event stop = cloudTrail.lookupEvents(b -> b.lookupAttributes(LookupAttribute.builder()
                .attributeKey(LookupAttributeKey.EVENT_NAME).attributeValue("StopLogging").build())).events().get(0);
        JsonNode record = SimJson.parse(stop.cloudTrailEvent());
        assertThat(record.path("eventVersion").asText()).isEqualTo("1.08");
        assertThat(record.path("userIdentity").path("type").asText()).isEqualTo("Root");
        assertThat(record.path("userIdentity").path("arn").asText()).isEqualTo("arn:aws:iam::" + ACCOUNT + ":root");
        assertThat(record.path("readOnly").asBoolean()).isFalse();
        assertThat(record.path("managementEvent").asBoolean()).isTrue();
        assertThat(record.path("eventType").asText()).isEqualTo("AwsApiCall");
        assertThat(record.path("userAgent").asText()).contains("aws-sdk-java");
        assertThat(stop.username()).isEqualTo("root");
    }

    private static LookupAttribute user(String name) {
        return LookupAttribute.builder().attributeKey(LookupAttributeKey.USERNAME).attributeValue(name).build();
    }
}
