package io.tripline.respond.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.tripline.respond.action.Notify;
import io.tripline.respond.aws.AwsClients;
import io.tripline.respond.config.AwsConfig;
import io.tripline.respond.config.BreakerConfig;
import io.tripline.respond.config.RespondConfig;
import io.tripline.respond.ledger.ActionIds;
import io.tripline.respond.playbook.PlaybookLoader;
import io.tripline.respond.playbook.Playbooks;
import io.tripline.schema.v1.ActionMode;
import io.tripline.schema.v1.ActionState;
import io.tripline.schema.v1.RemediationAction;

/** The decisions around actions — modes, gates, breaker, approvals, expiry, recovery — with counting handlers. */
class ResponderDecisionsTest {

    private static final String ACCOUNT = "111122223333";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-01T03:00:00Z"));
    private final RespondConfig config = new RespondConfig();
    private final BreakerConfig breakerConfig = new BreakerConfig();
    private final InMemoryLedger ledger = new InMemoryLedger();
    private final FakeHandler snapshot = new FakeHandler("snapshot-volumes");
    private final FakeHandler quarantine = new FakeHandler("quarantine-instance");
    private final FakeHandler notify = new FakeHandler("notify");
    private final AwsClients clients = new AwsClients(new AwsConfig(), List.of());
    private ActionExecutor executor;
    private Approvals approvals;

    @AfterEach
    void close() {
        clients.close();
    }

    private Responder responder(String playbookMode) {
        config.setRetryBackoff(Duration.ofMillis(1));
        executor = new ActionExecutor(ledger, List.of(snapshot, quarantine, notify), clients,
                new BlastRadiusBreaker(breakerConfig, ledger, clock), new Notify(config, clients, () -> ledger),
                EffectHook.NONE, config, clock);
        approvals = new Approvals(ledger, executor, clock);
        String yaml = "name: ec2\nmode: " + playbookMode + "\nmatch: {resourceTypes: [Instance], minRiskScore: 70}\n"
                + "actions: [snapshot-volumes, quarantine-instance, notify]\n";
        return new Responder(new Playbooks(List.of(PlaybookLoader.parse("ec2.yaml", yaml))), ledger,
                new IncidentReader(new EvidenceIndex()), new SafetyGates(config), executor, config, clock);
    }

    private RemediationAction action(String incident, String type, String target) {
        return ledger.get(ActionIds.of(incident, type, target)).orElseThrow();
    }

    @Test
    void shouldOnlyRecordProposalsInDryRun() {
        config.setMode("dry-run");
        responder("auto").onIncident(TestIncidents.incident("inc-1", "Instance", "i-1", ACCOUNT, 85));

        assertThat(ledger.all()).hasSize(3).allSatisfy(a -> {
            assertThat(a.getState()).isEqualTo(ActionState.PROPOSED);
            assertThat(a.getMode()).isEqualTo(ActionMode.DRY_RUN);
            assertThat(a.getReason()).startsWith("dry-run: would run");
        });
        assertThat(snapshot.executed.get() + quarantine.executed.get() + notify.executed.get()).isZero();
    }

    @Test
    void shouldIgnoreIncidentsNoPlaybookMatches() {
        config.setMode("auto");
        responder("auto").onIncident(TestIncidents.incident("inc-1", "Instance", "i-1", ACCOUNT, 40));

        assertThat(ledger.all()).isEmpty();
    }

    @Test
    void shouldExecuteOnceWhenTheSameIncidentArrivesTwiceInAutoMode() {
        config.setMode("auto");
        Responder responder = responder("auto");
        responder.onIncident(TestIncidents.incident("inc-1", "Instance", "i-1", ACCOUNT, 85));
        responder.onIncident(TestIncidents.incident("inc-1", "Instance", "i-1", ACCOUNT, 90));

        assertThat(snapshot.executed).hasValue(1);
        assertThat(quarantine.executed).hasValue(1);
        assertThat(notify.executed).hasValue(1);
        RemediationAction done = action("inc-1", "quarantine-instance", "i-1");
        assertThat(done.getState()).isEqualTo(ActionState.SUCCEEDED);
        assertThat(done.getVerified()).isTrue();
        assertThat(done.getActor()).isEqualTo("playbook:ec2");
        // PROPOSED -> APPROVED -> EXECUTING -> SUCCEEDED for each of the three, all chained
        assertThat(ledger.audit).hasSize(12);
        for (int i = 0; i < ledger.audit.size(); i++) {
            String previous = i == 0 ? io.tripline.respond.ledger.AuditChain.GENESIS : ledger.audit.get(i - 1).getHash();
            assertThat(ledger.audit.get(i).getPreviousHash()).isEqualTo(previous);
        }
    }

    @Test
    void shouldWaitForApprovalAndRecordWhoApproved() {
        config.setMode("auto");
        responder("approve").onIncident(TestIncidents.incident("inc-1", "Instance", "i-1", ACCOUNT, 85));

        RemediationAction pending = action("inc-1", "quarantine-instance", "i-1");
        assertThat(pending.getState()).isEqualTo(ActionState.PROPOSED);
        assertThat(pending.getExpiresAt()).isEqualTo(clock.instant().plus(Duration.ofHours(1)));
        assertThat(quarantine.executed).hasValue(0);
        // the notification is not held: it tells people there is something to approve
        assertThat(notify.executed).hasValue(1);
        assertThat(approvals.pending()).extracting(RemediationAction::getActionType)
                .containsExactlyInAnyOrder("snapshot-volumes", "quarantine-instance");

        RemediationAction approved = approvals.approve(pending.getActionId(), "alice@example.com");

        assertThat(approved.getState()).isEqualTo(ActionState.SUCCEEDED);
        assertThat(approved.getActor()).isEqualTo("alice@example.com");
        assertThat(quarantine.executed).hasValue(1);
        assertThat(approvals.reject(action("inc-1", "snapshot-volumes", "i-1").getActionId(), "bob").getState())
                .isEqualTo(ActionState.REJECTED);
        assertThat(snapshot.executed).hasValue(0);
    }

    @Test
    void shouldExpireProposalsNobodyApprovedWithinTheTtl() {
        config.setMode("auto");
        config.setApprovalTtl(Duration.ofMinutes(30));
        responder("approve").onIncident(TestIncidents.incident("inc-1", "Instance", "i-1", ACCOUNT, 85));
        String id = action("inc-1", "quarantine-instance", "i-1").getActionId();

        clock.advance(Duration.ofMinutes(29));
        assertThat(approvals.expireDue()).isZero();
        clock.advance(Duration.ofMinutes(2));
        assertThat(approvals.expireDue()).isEqualTo(2);

        assertThat(ledger.get(id).orElseThrow().getState()).isEqualTo(ActionState.EXPIRED);
        assertThatThrownBy(() -> approvals.approve(id, "alice")).isInstanceOf(Approvals.Conflict.class);
        assertThat(quarantine.executed).hasValue(0);
    }

    @Test
    void shouldLeaveExemptTaggedAndAllowlistedResourcesUntouched() {
        config.setMode("auto");
        config.setAllowlistResources(List.of("i-allowed*"));
        quarantine.tags.put("i-tagged", Map.of("tripline:exempt", "true"));
        snapshot.tags.put("i-tagged", Map.of("tripline:exempt", "true"));
        Responder responder = responder("auto");

        responder.onIncident(TestIncidents.incident("inc-1", "Instance", "i-tagged", ACCOUNT, 85));
        responder.onIncident(TestIncidents.incident("inc-2", "Instance", "i-allowed-1", ACCOUNT, 85));

        assertThat(action("inc-1", "quarantine-instance", "i-tagged").getState()).isEqualTo(ActionState.EXEMPT);
        assertThat(action("inc-1", "quarantine-instance", "i-tagged").getReason()).contains("tripline:exempt=true");
        assertThat(action("inc-2", "snapshot-volumes", "i-allowed-1").getState()).isEqualTo(ActionState.EXEMPT);
        assertThat(quarantine.executed.get() + snapshot.executed.get()).isZero();
    }

    @Test
    void shouldHoldActionsBeyondTheHourlyCapPerAccountAndRegion() {
        config.setMode("auto");
        breakerConfig.setMaxPerHour(4);
        Responder responder = responder("auto");
        for (int i = 1; i <= 3; i++) {
            responder.onIncident(TestIncidents.incident("inc-" + i, "Instance", "i-" + i, ACCOUNT, 85));
        }

        // two per incident count (notify does not): 4 executed, the rest held
        assertThat(snapshot.executed.get() + quarantine.executed.get()).isEqualTo(4);
        assertThat(action("inc-3", "snapshot-volumes", "i-3").getState()).isEqualTo(ActionState.HELD);
        assertThat(action("inc-3", "quarantine-instance", "i-3").getReason()).contains("cap 4");
        assertThat(approvals.pending()).hasSize(2);

        // a person may override the breaker by approving the held action
        assertThat(approvals.approve(action("inc-3", "quarantine-instance", "i-3").getActionId(), "alice").getState())
                .isEqualTo(ActionState.SUCCEEDED);

        clock.advance(Duration.ofMinutes(61));
        responder.onIncident(TestIncidents.incident("inc-4", "Instance", "i-4", ACCOUNT, 85));
        assertThat(action("inc-4", "quarantine-instance", "i-4").getState()).isEqualTo(ActionState.SUCCEEDED);
    }

    @Test
    void shouldHoldActionsBeyondThePercentageOfATaggedFleet() {
        config.setMode("auto");
        breakerConfig.setFleetTag("Environment");
        breakerConfig.setFleetMaxPercent(20);
        quarantine.fleetSize = 10;
        for (int i = 1; i <= 3; i++) {
            quarantine.tags.put("i-" + i, Map.of("Environment", "production"));
        }
        Responder responder = responder("auto");
        for (int i = 1; i <= 3; i++) {
            responder.onIncident(TestIncidents.incident("inc-" + i, "Instance", "i-" + i, ACCOUNT, 85));
        }

        assertThat(quarantine.executed).hasValue(2);
        RemediationAction held = action("inc-3", "quarantine-instance", "i-3");
        assertThat(held.getState()).isEqualTo(ActionState.HELD);
        assertThat(held.getReason()).contains("fleet Environment=production").contains("20 %");
    }

    @Test
    void shouldRetryTransientErrorsThenFailWithTheReason() {
        config.setMode("auto");
        config.setMaxAttempts(3);
        quarantine.transientFailures = 2;
        snapshot.transientFailures = 5;
        responder("auto").onIncident(TestIncidents.incident("inc-1", "Instance", "i-1", ACCOUNT, 85));

        assertThat(action("inc-1", "quarantine-instance", "i-1").getState()).isEqualTo(ActionState.SUCCEEDED);
        RemediationAction failed = action("inc-1", "snapshot-volumes", "i-1");
        assertThat(failed.getState()).isEqualTo(ActionState.FAILED);
        assertThat(failed.getReason()).contains("connection reset");
        assertThat(failed.getAttempts()).isEqualTo(3);
    }

    @Test
    void shouldCompleteAnActionFoundExecutingWithoutCallingAwsAgainWhenItsEffectIsInPlace() {
        config.setMode("auto");
        responder("auto");
        RemediationAction executing = RemediationAction.newBuilder()
                .setActionId(ActionIds.of("inc-9", "snapshot-volumes", "i-9")).setIncidentId("inc-9")
                .setActionType("snapshot-volumes").setTarget("i-9").setAccountId(ACCOUNT).setRegion("us-east-1")
                .setState(ActionState.EXECUTING).setMode(ActionMode.AUTO).setAttempts(1).setDetails(new HashMap<>())
                .setCreatedAt(clock.instant()).setUpdatedAt(clock.instant()).build();
        ledger.record(executing);
        snapshot.inPlace = true;

        executor.recover();

        assertThat(snapshot.executed).hasValue(0);
        assertThat(ledger.get(executing.getActionId()).orElseThrow().getState()).isEqualTo(ActionState.SUCCEEDED);
        assertThat(ledger.get(executing.getActionId()).orElseThrow().getReason()).contains("after restart");
    }

    @Test
    void shouldExecuteAgainAnActionFoundExecutingWhoseEffectIsMissing() {
        config.setMode("auto");
        responder("auto");
        RemediationAction executing = RemediationAction.newBuilder()
                .setActionId(ActionIds.of("inc-9", "quarantine-instance", "i-9")).setIncidentId("inc-9")
                .setActionType("quarantine-instance").setTarget("i-9").setAccountId(ACCOUNT).setRegion("us-east-1")
                .setState(ActionState.EXECUTING).setMode(ActionMode.AUTO).setAttempts(1).setDetails(new HashMap<>())
                .setCreatedAt(clock.instant()).setUpdatedAt(clock.instant()).build();
        ledger.record(executing);

        executor.recover();

        assertThat(quarantine.executed).hasValue(1);
        RemediationAction done = ledger.get(executing.getActionId()).orElseThrow();
        assertThat(done.getState()).isEqualTo(ActionState.SUCCEEDED);
        assertThat(done.getAttempts()).isEqualTo(2);
    }

    @Test
    void shouldTreatReplayedRecordsAsNotActionable() {
        org.apache.kafka.common.header.Headers replayHeader = new RecordHeaders().add(ReplayGuard.HEADER, "true".getBytes());

        assertThat(ReplayGuard.isReplay("tripline.incidents", new RecordHeaders(), "")).isFalse();
        assertThat(ReplayGuard.isReplay("it-1.tripline.incidents", new RecordHeaders(), "it-1.")).isFalse();
        assertThat(ReplayGuard.isReplay("tripline.incidents", replayHeader, "")).isTrue();
        assertThat(ReplayGuard.isReplay("tripline.investigation.case-7.incidents", new RecordHeaders(), "")).isTrue();
        assertThat(ReplayGuard.isReplay("tripline.investigation.case-7.tripline.incidents", new RecordHeaders(),
                "tripline.investigation.case-7.")).isTrue();
    }
}
