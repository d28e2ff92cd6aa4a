package io.tripline.simulator.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tripline.simulator.AwsSimulator;
import io.tripline.simulator.SdkClients;
import io.tripline.simulator.SimulatorOptions;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.CloudTrailException;
import software.amazon.awssdk.services.guardduty.GuardDutyClient;
import software.amazon.awssdk.services.guardduty.model.GuardDutyException;

/** Fault injection and AWS rate limits, seen through the real SDK and its retry policy. */
class FaultsIT {

    private static AwsSimulator simulator;

    @BeforeAll
    static void start() {
        simulator = AwsSimulator.start(SimulatorOptions.defaults().withSeed(7));
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @BeforeEach
    void clearFaults() {
        simulator.faults().configure(FaultSettings.none(7, false));
        simulator.faults().counters().clear();
    }

    @Test
    void shouldRetryInjectedThrottlingUntilTheCallSucceeds() {
        simulator.faults().configure(new FaultSettings(7L, false,
                List.of(new FaultRule("guardduty", "ListDetectors", 0.4, 0.0, 0))));
        try (GuardDutyClient guardDuty = SdkClients.build(GuardDutyClient.builder(), simulator.endpoint(), "AKIAFAULTS"))  {
            for (int i = 0; i < 6; i++) {
                assertThat(guardDuty.listDetectors(b -> { }).detectorIds()).isNotNull();
            }
        }
        Counters counters = simulator.faults().counters();
        assertThat(counters.get("guardduty", "ListDetectors", Counters.Kind.throttlesInjected)).isPositive();
        assertThat(counters.get("guardduty", "ListDetectors", Counters.Kind.calls))
                .isEqualTo(6 + counters.get("guardduty", "ListDetectors", Counters.Kind.throttlesInjected));
    }

    @Test
    void shouldAnswerInjectedThrottlingWithTheServicesOwnErrorCodeAndStatus() {
        simulator.faults().configure(new FaultSettings(7L, false, List.of(new FaultRule("*", "*", 1.0, 0.0, 0))));
        try (GuardDutyClient guardDuty = noRetry(GuardDutyClient.builder());
             CloudTrailClient cloudTrail = noRetry(CloudTrailClient.builder())) {
            assertThatThrownBy(() -> guardDuty.listDetectors(b -> { })).isInstanceOf(GuardDutyException.class)
                    .satisfies(e -> {
                        assertThat(((GuardDutyException) e).statusCode()).isEqualTo(429);
                        assertThat(((GuardDutyException) e).awsErrorDetails().errorCode()).isEqualTo("TooManyRequestsException");
                    });
            assertThatThrownBy(() -> cloudTrail.lookupEvents(b -> { })).isInstanceOf(CloudTrailException.class)
                    .satisfies(e -> {
                        assertThat(((CloudTrailException) e).statusCode()).isEqualTo(400);
                        assertThat(((CloudTrailException) e).awsErrorDetails().errorCode()).isEqualTo("ThrottlingException");
                        assertThat(((CloudTrailException) e).isThrottlingException()).isTrue();
                    });
        }
    }

    @Test
    void shouldInjectInternalErrorsAsRetryableFiveHundreds() {
        simulator.faults().configure(new FaultSettings(7L, false, List.of(new FaultRule("guardduty", "*", 0.0, 1.0, 0))));
        try (GuardDutyClient guardDuty = noRetry(GuardDutyClient.builder())) {
            assertThatThrownBy(() -> guardDuty.listDetectors(b -> { })).isInstanceOf(GuardDutyException.class)
                    .satisfies(e -> assertThat(((GuardDutyException) e).statusCode()).isEqualTo(500));
        }
        assertThat(simulator.faults().counters().total(Counters.Kind.errorsInjected)).isEqualTo(1);
    }

    @Test
    void shouldCountAViolationWhenAClientExceedsTwoLookupEventsPerSecond() {
        simulator.faults().configure(FaultSettings.none(7, true));
        int throttled = 0;
        try (CloudTrailClient cloudTrail = noRetry(CloudTrailClient.builder())) {
            for (int i = 0; i < 8; i++) {
                try {
                    cloudTrail.lookupEvents(b -> { });
                } catch (CloudTrailException e) {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ThrottlingException");
                    throttled++;
                }
            }
        }
        assertThat(throttled).isPositive();
        assertThat(simulator.faults().counters().get("cloudtrail", "LookupEvents", Counters.Kind.limitViolations))
                .isEqualTo(throttled);
    }

    @Test
    void shouldAddConfiguredLatency() {
        simulator.faults().configure(new FaultSettings(7L, false, List.of(new FaultRule("guardduty", "*", 0, 0, 300))));
        try (GuardDutyClient guardDuty = noRetry(GuardDutyClient.builder())) {
            guardDuty.listDetectors(b -> { }); // warm the connection
            long start = System.nanoTime();
            guardDuty.listDetectors(b -> { });
            assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(300);
        }
    }

    private static <B extends software.amazon.awssdk.awscore.client.builder.AwsClientBuilder<B, C>, C> C noRetry(B builder) {
        return builder.endpointOverride(simulator.endpoint()).region(software.amazon.awssdk.regions.Region.US_EAST_1)
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("AKIAFAULTS", "x")))
                // one attempt: these tests look at the error itself, not at the SDK's recovery
                .overrideConfiguration(o -> o.retryStrategy(b -> b.maxAttempts(1)))
                .build();
    }
}
