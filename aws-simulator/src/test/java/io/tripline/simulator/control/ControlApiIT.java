package io.tripline.simulator.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tripline.simulator.AwsSimulator;
import io.tripline.simulator.SimulatorOptions;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The control API through {@link SimulatorControl}: clock, faults, counters, state, inline scenarios, reset. */
class ControlApiIT {

    private static AwsSimulator simulator;

    @BeforeAll
    static void start() {
        simulator = AwsSimulator.start(SimulatorOptions.defaults().withStart(Instant.parse("2026-11-01T00:00:00Z")));
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @Test
    void shouldPauseAndAdvanceTheSimulatedClock() {
        SimulatorControl control = simulator.control();
        control.pauseClock();
        Instant before = Instant.parse(control.clock().path("now").asText());
        JsonNode after = control.advanceClock(Duration.ofMinutes(5));
        assertThat(Instant.parse(after.path("now").asText())).isEqualTo(before.plus(Duration.ofMinutes(5)));
        assertThat(after.path("running").asBoolean()).isFalse();
        control.startClock();
    }

    @Test
    void shouldPlayAnInlineScenarioAndDumpItsStateThenResetToEmpty() {
        SimulatorControl control = simulator.control();
        control.playScenario("""
                name: inline
                accounts: [{id: "250000000005", regions: [us-east-1]}]
                timeline:
                  - at: PT0S
                    guardduty: {type: "Recon:EC2/PortProbeUnprotectedPort", resource: {instanceDetails: {instanceId: i-1}}}
                  - at: PT1S
                    cloudtrail: {eventSource: iam.amazonaws.com, eventName: CreateUser, requestParameters: {userName: bob}}
                """);
        control.advanceClock(Duration.ofMinutes(1));
        assertThat(control.awaitScenario(Duration.ofSeconds(10)).path("state").asText()).isEqualTo("DONE");
        JsonNode state = control.state().path("accounts").path("250000000005").path("us-east-1");
        assertThat(state.path("GuardDutyState").path("findings")).hasSize(1);
        assertThat(state.path("CloudTrailState").path("events").asInt()).isEqualTo(1);
        assertThat(state.path("SecurityHubState").path("findings")).hasSize(1);
        control.reset();
        assertThat(control.state().path("accounts").size()).isZero();
    }

    @Test
    void shouldExchangeFaultSettingsAndReportCounters() {
        SimulatorControl control = simulator.control();
        JsonNode faults = control.putFaults("{\"seed\":5,\"enforceLimits\":true,\"rules\":[{\"service\":\"guardduty\",\"throttleRate\":0.25}]}");
        assertThat(faults.path("enforceLimits").asBoolean()).isTrue();
        assertThat(control.faults().path("rules").get(0).path("operation").asText()).isEqualTo("*");
        assertThat(control.counters().path("totals").has("limitViolations")).isTrue();
        control.putFaults("{}");
    }
}
