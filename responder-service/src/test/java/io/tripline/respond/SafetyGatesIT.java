package io.tripline.respond;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.tripline.respond.action.SimulatedAws;
import io.tripline.respond.aws.AwsClients;
import io.tripline.respond.engine.TestIncidents;
import io.tripline.schema.v1.ActionMode;
import io.tripline.schema.v1.ActionState;
import io.tripline.simulator.AwsSimulator;
import io.tripline.simulator.SimulatorOptions;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.GroupIdentifier;
import software.amazon.awssdk.services.ec2.model.Tag;

/** The gates on the real service: dry-run, the exempt tag and replayed records leave AWS untouched. */
class SafetyGatesIT {

    private static final String INSTANCE = "i-0a1b2c3d4e5f60718";
    private static AwsSimulator sim;
    private static AwsClients clients;
    private static Ec2Client ec2;

    @BeforeAll
    static void start() {
        sim = AwsSimulator.start(SimulatorOptions.defaults().withSeed(13));
        sim.control().playScenario("ssh-brute-force");
        clients = SimulatedAws.clients(sim);
        ec2 = clients.forAccount(SimulatedAws.SSH_ACCOUNT, "us-east-1").ec2();
    }

    @AfterAll
    static void stop() {
        clients.close();
        sim.close();
    }

    private static void assertInstanceUntouched(ResponderHarness harness) {
        assertThat(ec2.describeNetworkInterfaces(r -> r.networkInterfaceIds("eni-0a1b2c3d4e5f6a7b8")).networkInterfaces()
                .get(0).groups()).extracting(GroupIdentifier::groupId).containsExactly("sg-0web1234");
        assertThat(ec2.describeSnapshots(r -> r.ownerIds("self")).snapshots()).isEmpty();
        assertThat(SimulatedAws.cloudTrailEvents(sim, SimulatedAws.SSH_ACCOUNT, "ec2.amazonaws.com"))
                .doesNotContain("CreateSnapshot", "CreateSecurityGroup", "ModifyNetworkInterfaceAttribute");
    }

    @Test
    void shouldChangeNothingInDryRunAndIgnoreReplayedIncidents() {
        try (ResponderHarness harness = new ResponderHarness(sim).with("tripline.respond.mode", "dry-run").start()) {
            harness.produce(TestIncidents.incident("inc-replayed", "Instance", INSTANCE, SimulatedAws.SSH_ACCOUNT, 95), true);
            harness.produce(TestIncidents.incident("inc-dry", "Instance", INSTANCE, SimulatedAws.SSH_ACCOUNT, 85), false);

            harness.awaitAction(a -> a.getIncidentId().equals("inc-dry") && a.getActionType().equals("notify"), "dry-run notify");
            assertThat(harness.ledger().all()).hasSize(3).allSatisfy(a -> {
                assertThat(a.getIncidentId()).isEqualTo("inc-dry");
                assertThat(a.getState()).isEqualTo(ActionState.PROPOSED);
                assertThat(a.getMode()).isEqualTo(ActionMode.DRY_RUN);
            });
            assertInstanceUntouched(harness);
            assertThat(harness.receive(Duration.ofSeconds(2))).isEmpty();
        }
    }

    @Test
    void shouldRecordExemptAndLeaveATaggedInstanceAlone() {
        ec2.createTags(r -> r.resources(INSTANCE).tags(Tag.builder().key("tripline:exempt").value("true").build()));
        try (ResponderHarness harness = new ResponderHarness(sim).start()) {
            harness.produce(TestIncidents.incident("inc-exempt", "Instance", INSTANCE, SimulatedAws.SSH_ACCOUNT, 85), false);

            harness.awaitAction(a -> a.getActionType().equals("notify") && a.getState() == ActionState.SUCCEEDED, "notify");
            assertThat(harness.ledger().all()).filteredOn(a -> !a.getActionType().equals("notify")).hasSize(2)
                    .allSatisfy(a -> {
                        assertThat(a.getState()).isEqualTo(ActionState.EXEMPT);
                        assertThat(a.getReason()).contains("tripline:exempt=true");
                    });
            assertInstanceUntouched(harness);
        } finally {
            ec2.deleteTags(r -> r.resources(INSTANCE).tags(Tag.builder().key("tripline:exempt").build()));
        }
    }
}
