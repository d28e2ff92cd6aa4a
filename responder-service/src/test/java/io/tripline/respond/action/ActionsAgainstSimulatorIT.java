package io.tripline.respond.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.tripline.respond.aws.AccountClients;
import io.tripline.respond.aws.AwsClients;
import io.tripline.respond.ledger.ActionIds;
import io.tripline.schema.v1.ActionMode;
import io.tripline.schema.v1.ActionState;
import io.tripline.schema.v1.RemediationAction;
import io.tripline.simulator.AwsSimulator;
import io.tripline.simulator.SimulatorOptions;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.GroupIdentifier;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.iam.model.StatusType;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PublicAccessBlockConfiguration;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Each action against the simulated accounts of the three scenarios, through the real SDK: the
 * simulator's state changes as AWS's would, verification sees it, rollback restores it, CloudTrail
 * records the calls.
 */
class ActionsAgainstSimulatorIT {

    private static final String INSTANCE = "i-0a1b2c3d4e5f60718";
    private static final String ENI = "eni-0a1b2c3d4e5f6a7b8";
    private static AwsSimulator sim;
    private static AwsClients clients;

    @BeforeAll
    static void start() {
        sim = AwsSimulator.start(SimulatorOptions.defaults().withSeed(7));
        sim.control().playScenario("ssh-brute-force");
        sim.control().playScenario("compromised-user");
        sim.control().playScenario("data-exposure");
        clients = SimulatedAws.clients(sim);
    }

    @AfterAll
    static void stop() {
        clients.close();
        sim.close();
    }

    private static ActionContext context(String type, String target, String account) {
        RemediationAction action = RemediationAction.newBuilder().setActionId(ActionIds.of("inc-it", type, target))
                .setIncidentId("inc-it").setActionType(type).setTarget(target).setAccountId(account).setRegion("us-east-1")
                .setState(ActionState.EXECUTING).setMode(ActionMode.AUTO).setAttempts(1).setDetails(new HashMap<>())
                .setCreatedAt(Instant.now()).setUpdatedAt(Instant.now()).build();
        return new ActionContext(action, clients.forAccount(account, "us-east-1"), new HashMap<>());
    }

    @Test
    void shouldQuarantineEveryEniInAGroupWithoutIngressOrEgressAndRollItBack() {
        QuarantineInstance quarantine = new QuarantineInstance();
        ActionContext ctx = context("quarantine-instance", INSTANCE, SimulatedAws.SSH_ACCOUNT);
        AccountClients aws = ctx.aws();

        quarantine.prepare(ctx);
        quarantine.execute(ctx);

        assertThat(ctx.details()).containsEntry("eni." + ENI + ".original-groups", "sg-0web1234")
                .containsEntry("note", QuarantineInstance.TRACKED_NOTE);
        String group = ctx.details().get("quarantine-group");
        SecurityGroup sg = aws.ec2().describeSecurityGroups(r -> r.groupIds(group)).securityGroups().get(0);
        assertThat(sg.ipPermissions()).isEmpty();
        assertThat(sg.ipPermissionsEgress()).isEmpty();
        assertThat(aws.ec2().describeNetworkInterfaces(r -> r.networkInterfaceIds(ENI)).networkInterfaces().get(0).groups())
                .extracting(GroupIdentifier::groupId).containsExactly(group);
        assertThat(quarantine.verify(ctx)).isTrue();
        // a second run (retry after a crash) reuses the group and keeps the recorded originals
        quarantine.prepare(ctx);
        quarantine.execute(ctx);
        assertThat(aws.ec2().describeSecurityGroups(r -> r.filters(Filter.builder().name("group-name")
                .values("tripline-quarantine").build())).securityGroups()).hasSize(1);
        assertThat(ctx.details()).containsEntry("eni." + ENI + ".original-groups", "sg-0web1234");

        quarantine.rollback(ctx);

        assertThat(quarantine.verifyRolledBack(ctx)).isTrue();
        assertThat(quarantine.verify(ctx)).isFalse();
        assertThat(SimulatedAws.cloudTrailEvents(sim, SimulatedAws.SSH_ACCOUNT, "ec2.amazonaws.com"))
                .contains("CreateSecurityGroup", "RevokeSecurityGroupEgress", "ModifyNetworkInterfaceAttribute");
    }

    @Test
    void shouldSnapshotEveryAttachedVolumeOnceTaggedWithActionAndIncident() {
        SnapshotVolumes snapshots = new SnapshotVolumes();
        ActionContext ctx = context("snapshot-volumes", INSTANCE, SimulatedAws.SSH_ACCOUNT);

        snapshots.prepare(ctx);
        snapshots.execute(ctx);
        snapshots.execute(ctx);

        var own = ctx.aws().ec2().describeSnapshots(r -> r.ownerIds("self").filters(Filter.builder()
                .name("tag:" + SnapshotVolumes.ACTION_TAG).values(ctx.actionId()).build())).snapshots();
        assertThat(own).hasSize(1);
        assertThat(own.get(0).volumeId()).isEqualTo("vol-0a1b2c3d4e5f6a7b8");
        assertThat(own.get(0).tags()).anySatisfy(t -> {
            assertThat(t.key()).isEqualTo(SnapshotVolumes.INCIDENT_TAG);
            assertThat(t.value()).isEqualTo("inc-it");
        });
        assertThat(snapshots.verify(ctx)).isTrue();
        assertThat(ctx.details()).containsEntry("snapshot.vol-0a1b2c3d4e5f6a7b8", own.get(0).snapshotId());
        assertThat(SimulatedAws.cloudTrailEvents(sim, SimulatedAws.SSH_ACCOUNT, "ec2.amazonaws.com"))
                .filteredOn("CreateSnapshot"::equals).hasSize(1);
    }

    @Test
    void shouldDisableTheUsersAccessKeySoItIsRefusedAndReactivateItOnRollback() {
        DisableAccessKey disable = new DisableAccessKey();
        ActionContext ctx = context("disable-access-key", "alice", SimulatedAws.USER_ACCOUNT);

        disable.prepare(ctx);
        disable.execute(ctx);

        assertThat(ctx.details()).containsEntry("keys", "AKIAEXAMPLEALICE0001");
        assertThat(ctx.aws().iam().listAccessKeys(r -> r.userName("alice")).accessKeyMetadata())
                .allSatisfy(k -> assertThat(k.status()).isEqualTo(StatusType.INACTIVE));
        assertThat(disable.verify(ctx)).isTrue();
        try (StsClient asAlice = StsClient.builder().endpointOverride(sim.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAEXAMPLEALICE0001",
                        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")))
                .httpClientBuilder(ApacheHttpClient.builder()).build()) {
            assertThatThrownBy(asAlice::getCallerIdentity).hasMessageContaining("security token included in the request is invalid");

            disable.rollback(ctx);

            assertThat(asAlice.getCallerIdentity().arn()).endsWith("user/alice");
        }
        assertThat(SimulatedAws.cloudTrailEvents(sim, SimulatedAws.USER_ACCOUNT, "iam.amazonaws.com"))
                .filteredOn("UpdateAccessKey"::equals).hasSize(2);
    }

    @Test
    void shouldDenyRoleSessionsIssuedBeforeNowWithAnInlinePolicy() {
        RevokeRoleSessions revoke = new RevokeRoleSessions(Clock.fixed(Instant.parse("2026-11-01T03:00:00Z"), ZoneOffset.UTC));
        ActionContext ctx = context("revoke-role-sessions", "web-role", SimulatedAws.SSH_ACCOUNT);

        revoke.prepare(ctx);
        revoke.execute(ctx);

        assertThat(revoke.verify(ctx)).isTrue();
        assertThat(ctx.aws().iam().listRolePolicies(r -> r.roleName("web-role")).policyNames())
                .contains(RevokeRoleSessions.POLICY_NAME);
        assertThat(SimulatedAws.cloudTrailEvents(sim, SimulatedAws.SSH_ACCOUNT, "iam.amazonaws.com")).contains("PutRolePolicy");
    }

    @Test
    void shouldBlockPublicAccessRecordingThePreviousSettingsAndRestoreThem() {
        BlockS3PublicAccess block = new BlockS3PublicAccess();
        ActionContext ctx = context("block-s3-public-access", "acme-customer-exports", SimulatedAws.DATA_ACCOUNT);
        S3Client s3 = ctx.aws().s3();
        // the scenario's deploy-bot removes the block; do the same here without waiting for its timeline
        s3.deletePublicAccessBlock(r -> r.bucket("acme-customer-exports"));

        block.prepare(ctx);
        block.execute(ctx);

        assertThat(ctx.details()).containsEntry("previous", "none");
        PublicAccessBlockConfiguration now = s3.getPublicAccessBlock(r -> r.bucket("acme-customer-exports"))
                .publicAccessBlockConfiguration();
        assertThat(List.of(now.blockPublicAcls(), now.ignorePublicAcls(), now.blockPublicPolicy(), now.restrictPublicBuckets()))
                .containsOnly(true);
        assertThat(block.verify(ctx)).isTrue();

        block.rollback(ctx);

        assertThat(block.verifyRolledBack(ctx)).isTrue();
        assertThat(SimulatedAws.cloudTrailEvents(sim, SimulatedAws.DATA_ACCOUNT, "s3.amazonaws.com"))
                .contains("PutBucketPublicAccessBlock", "DeleteBucketPublicAccessBlock");
    }
}
