package io.tripline.respond;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.tripline.respond.action.SimulatedAws;
import io.tripline.respond.aws.AwsClients;
import io.tripline.respond.engine.EffectHook;
import io.tripline.respond.engine.TestIncidents;
import io.tripline.schema.v1.ActionState;
import io.tripline.schema.v1.RemediationAction;
import io.tripline.simulator.AwsSimulator;
import io.tripline.simulator.SimulatorOptions;

/**
 * Exactly-once effects across crashes: the service is stopped right after an AWS call and before the
 * ledger learns of it, then restarted on the same topics. The snapshot is not taken twice, the SNS
 * message is not sent twice, and every action ends SUCCEEDED.
 */
class CrashRecoveryIT {

    private static final String INSTANCE = "i-0a1b2c3d4e5f60718";
    private static AwsSimulator sim;
    private static AwsClients clients;

    /** Stands for the process dying: an Error nothing in the service catches. */
    static final class SimulatedCrash extends Error {
        SimulatedCrash(String type) {
            super("simulated crash after the AWS call of " + type);
        }
    }

    /** Crashes once, right after the effect of the given action type. */
    static EffectHook crashAfter(String type) {
        AtomicBoolean fired = new AtomicBoolean();
        return action -> {
            if (action.getActionType().equals(type) && fired.compareAndSet(false, true)) {
                throw new SimulatedCrash(type);
            }
        };
    }

    @BeforeAll
    static void start() {
        sim = AwsSimulator.start(SimulatorOptions.defaults().withSeed(19));
        sim.control().playScenario("ssh-brute-force");
        clients = SimulatedAws.clients(sim);
    }

    @AfterAll
    static void stop() {
        clients.close();
        sim.close();
    }

    private static int snapshots() {
        return clients.forAccount(SimulatedAws.SSH_ACCOUNT, "us-east-1").ec2().describeSnapshots(r -> r.ownerIds("self"))
                .snapshots().size();
    }

    private static void awaitCrash(ResponderHarness harness) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (harness.serviceRunning() && System.nanoTime() < deadline) {
            ResponderHarness.sleep(100);
        }
        assertThat(harness.serviceRunning()).as("service stopped by the simulated crash").isFalse();
    }

    @Test
    void shouldNotSnapshotOrNotifyTwiceWhenKilledBetweenTheAwsCallAndTheLedgerUpdate() {
        try (ResponderHarness harness = new ResponderHarness(sim)) {
            harness.start(crashAfter("snapshot-volumes"));
            harness.produce(TestIncidents.incident("inc-crash", "Instance", INSTANCE, SimulatedAws.SSH_ACCOUNT, 85), false);
            awaitCrash(harness);
            assertThat(snapshots()).isEqualTo(1);
            assertThat(harness.ledger().all()).filteredOn(a -> a.getActionType().equals("snapshot-volumes"))
                    .extracting(RemediationAction::getState).containsExactly(ActionState.EXECUTING);
            harness.stop();

            // restart: the snapshot is found by its tag; the redelivered incident runs quarantine, then notify crashes
            harness.start(crashAfter("notify"));
            awaitCrash(harness);
            assertThat(harness.ledger().all()).filteredOn(a -> a.getActionType().equals("notify"))
                    .extracting(RemediationAction::getState).containsExactly(ActionState.EXECUTING);
            assertThat(harness.receive(Duration.ofSeconds(1))).hasSize(1);
            harness.stop();

            harness.start();
            RemediationAction notify = harness.awaitAction(a -> a.getActionType().equals("notify")
                    && a.getState() == ActionState.SUCCEEDED, "notify completed after restart");

            assertThat(notify.getReason()).contains("at-most-once");
            assertThat(harness.ledger().all()).hasSize(3).allSatisfy(a -> assertThat(a.getState()).isEqualTo(ActionState.SUCCEEDED));
            RemediationAction snapshot = harness.ledger().all().stream()
                    .filter(a -> a.getActionType().equals("snapshot-volumes")).findFirst().orElseThrow();
            assertThat(snapshot.getReason()).contains("after restart");
            assertThat(snapshot.getVerified()).isTrue();
            assertThat(snapshots()).isEqualTo(1);
            assertThat(SimulatedAws.cloudTrailEvents(sim, SimulatedAws.SSH_ACCOUNT, "ec2.amazonaws.com"))
                    .filteredOn("CreateSnapshot"::equals).hasSize(1);
            assertThat(harness.receive(Duration.ofSeconds(3))).isEmpty();
        }
    }
}
