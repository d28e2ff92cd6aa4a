package io.tripline.simulator.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.tripline.simulator.AwsSimulator;
import io.tripline.simulator.SimulatorOptions;
import io.tripline.simulator.core.World;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKeyMetadata;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.LimitExceededException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.StatusType;

/** Contract test: the real SDK v2 IAM client (global endpoint, us-east-1) against the simulated IAM. */
class IamServiceIT {

    private static final String SEED = """
            users:
              - {userName: alice, tags: {team: red}, mfa: false,
                 accessKeys: [{accessKeyId: AKIAALICE00000000001, secretAccessKey: alicesecret, status: Active}],
                 attachedPolicies: ["arn:aws:iam::aws:policy/ReadOnlyAccess"]}
              - {userName: bob}
            roles:
              - roleName: web-role
                assumeRolePolicyDocument: {Version: "2012-10-17", Statement: [{Effect: Allow, Principal: {Service: ec2.amazonaws.com}, Action: "sts:AssumeRole"}]}
            """;

    private static AwsSimulator sim;
    private static IamClient iam;
    private static IamClient asAlice;

    @BeforeAll
    static void start() throws Exception {
        sim = AwsSimulator.start(SimulatorOptions.defaults());
        new IamService().seed(sim.world(), sim.world().account(World.DEFAULT_ACCOUNT), null,
                new ObjectMapper(new YAMLFactory()).readTree(SEED));
        iam = client("AKIDTRIPLINETEST", "secret");
        asAlice = client("AKIAALICE00000000001", "alicesecret");
    }

    private static IamClient client(String key, String secret) {
        return IamClient.builder().endpointOverride(sim.endpoint()).region(Region.AWS_GLOBAL)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(key, secret)))
                .httpClientBuilder(ApacheHttpClient.builder()).build();
    }

    @AfterAll
    static void stop() {
        iam.close();
        asAlice.close();
        sim.close();
    }

    @Test
    void shouldAttributeCallsMadeWithSeededKeyToTheUser() {
        assertThat(asAlice.getUser().user().userName()).isEqualTo("alice");
        assertThat(asAlice.listAccessKeys().accessKeyMetadata()).extracting(AccessKeyMetadata::accessKeyId)
                .containsExactly("AKIAALICE00000000001");
    }

    @Test
    void shouldDeactivateAccessKeyAndReportItInactive() {
        String key = iam.createAccessKey(r -> r.userName("bob")).accessKey().accessKeyId();
        assertThat(IamKeys.isKeyActive(sim.world(), key)).isTrue();

        iam.updateAccessKey(r -> r.userName("bob").accessKeyId(key).status(StatusType.INACTIVE));

        assertThat(iam.listAccessKeys(r -> r.userName("bob")).accessKeyMetadata())
                .singleElement().satisfies(k -> assertThat(k.status()).isEqualTo(StatusType.INACTIVE));
        assertThat(IamKeys.isKeyActive(sim.world(), key)).isFalse();
        assertThat(sim.world().caller(key)).hasValueSatisfying(c -> assertThat(c.userName()).isEqualTo("bob"));
    }

    @Test
    void shouldRefuseEveryCallMadeWithADeactivatedKey() {
        var created = iam.createAccessKey(r -> r.userName("bob")).accessKey();
        try (IamClient asBob = client(created.accessKeyId(), created.secretAccessKey())) {
            assertThat(asBob.getUser().user().userName()).isEqualTo("bob");

            iam.updateAccessKey(r -> r.userName("bob").accessKeyId(created.accessKeyId()).status(StatusType.INACTIVE));

            assertThatThrownBy(asBob::getUser).isInstanceOfSatisfying(IamException.class, e -> {
                assertThat(e.statusCode()).isEqualTo(403);
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidClientTokenId");
            });
        } finally {
            iam.deleteAccessKey(r -> r.userName("bob").accessKeyId(created.accessKeyId()));
        }
    }

    @Test
    void shouldRefuseThirdAccessKeyWithLimitExceeded() {
        iam.createUser(r -> r.userName("carol"));
        iam.createAccessKey(r -> r.userName("carol"));
        iam.createAccessKey(r -> r.userName("carol"));
        assertThatThrownBy(() -> iam.createAccessKey(r -> r.userName("carol"))).isInstanceOf(LimitExceededException.class);
    }

    @Test
    void shouldRaiseNoSuchEntityForUnknownUserRoleAndKey() {
        assertThatThrownBy(() -> iam.getUser(r -> r.userName("mallory"))).isInstanceOf(NoSuchEntityException.class);
        assertThatThrownBy(() -> iam.getRole(r -> r.roleName("nope"))).isInstanceOf(NoSuchEntityException.class);
        assertThatThrownBy(() -> iam.updateAccessKey(r -> r.userName("alice").accessKeyId("AKIANOPE").status(StatusType.INACTIVE)))
                .isInstanceOfSatisfying(IamException.class, e -> assertThat(e.statusCode()).isEqualTo(404));
    }

    @Test
    void shouldPutGetListAndDeleteInlineRolePolicy() {
        String deny = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"*\",\"Resource\":\"*\","
                + "\"Condition\":{\"DateLessThan\":{\"aws:TokenIssueTime\":\"2026-01-01T00:00:00Z\"}}}]}";
        iam.putRolePolicy(r -> r.roleName("web-role").policyName("AWSRevokeOlderSessions").policyDocument(deny));

        assertThat(iam.listRolePolicies(r -> r.roleName("web-role")).policyNames()).containsExactly("AWSRevokeOlderSessions");
        String encoded = iam.getRolePolicy(r -> r.roleName("web-role").policyName("AWSRevokeOlderSessions")).policyDocument();
        assertThat(URLDecoder.decode(encoded, StandardCharsets.UTF_8)).isEqualTo(deny);

        iam.deleteRolePolicy(r -> r.roleName("web-role").policyName("AWSRevokeOlderSessions"));
        assertThat(iam.listRolePolicies(r -> r.roleName("web-role")).policyNames()).isEmpty();
        assertThatThrownBy(() -> iam.getRolePolicy(r -> r.roleName("web-role").policyName("AWSRevokeOlderSessions")))
                .isInstanceOf(NoSuchEntityException.class);
    }

    @Test
    void shouldListUsersRolesAndAttachedPolicies() {
        iam.attachUserPolicy(r -> r.userName("alice").policyArn("arn:aws:iam::aws:policy/AWSDenyAll"));
        assertThat(iam.listAttachedUserPolicies(r -> r.userName("alice")).attachedPolicies())
                .extracting(p -> p.policyName()).contains("ReadOnlyAccess", "AWSDenyAll");
        assertThat(iam.listUsers().users()).extracting(u -> u.userName()).contains("alice", "bob");
        assertThat(iam.listRoles().roles()).extracting(r -> r.roleName()).containsExactly("web-role");
        assertThat(iam.getRole(r -> r.roleName("web-role")).role().arn()).isEqualTo("arn:aws:iam::123456789012:role/web-role");
    }
}
