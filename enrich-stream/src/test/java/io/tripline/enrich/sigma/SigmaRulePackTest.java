package io.tripline.enrich.sigma;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static io.tripline.enrich.sigma.CorpusEvents.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Tripline's own rule pack: metadata conventions, and one positive and one negative inline case for
 * every detection rule (the corpus-labelled cases live in {@link SigmaLabelAgreementTest}).
 */
class SigmaRulePackTest {

    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static RuleSet pack;

    @BeforeAll
    static void load() {
        pack = new RuleLoader().addClasspathPack().build();
    }

    private static final String ROOT = "ecfe387b-9679-42d8-8452-701d8d5012ca";
    private static final String LOGIN_FAILURE = "4a08f6e4-ea6c-4da7-931c-0e4a653000cc";
    private static final String NO_MFA = "54eba589-ce5a-4a77-be9c-7c2ed921ce53";
    private static final String FEDERATION = "bfdecea7-7a1d-4c28-bcb6-f222c5696d11";
    private static final String CROSS_ACCOUNT = "422941ef-fc27-4055-8e4b-12920d83b314";
    private static final String CREATE_USER = "42dad9fd-13ab-4853-b36c-7bfb7348c1ed";
    private static final String KEY_FOR_OTHER = "2497131a-ec57-4d19-85e1-a7acedb2e9e8";
    private static final String ADMIN_POLICY = "dd79317c-7195-49e5-86c7-2aa9cb3f867c";
    private static final String INLINE_POLICY = "bfa1f8d9-22d8-48aa-92c6-638ccda23f1b";
    private static final String LOGIN_PROFILE = "44764899-e61f-4567-bcb2-7e4bd9412763";
    private static final String BACKDOOR_ROLE = "9b4df1a6-5600-4c73-8397-67ffa0c1abd8";
    private static final String TRAIL = "645cc88b-ddb0-4203-8eee-88bf6ad52103";
    private static final String MONITORING = "3c0fa22c-5bf1-4e54-b471-edf6d5193d4d";
    private static final String NET_LOGS = "1133b421-f518-4059-a21d-2593023d5437";
    private static final String LEAVE_ORG = "7c6cab52-68fc-4a3c-bfcb-6257e037b324";
    private static final String S3_POLICY = "b981d0d5-2433-4d31-ad27-53fcde5e9b7a";
    private static final String S3_PAB = "9a45adf7-4aac-42ef-b6d1-e0b7bcd101f3";
    private static final String KMS = "c7fa8b41-1e1f-4ecf-a58a-5b2e2a22bca0";
    private static final String SHARED = "3e6b18a3-bb8b-469b-85f9-4e761f6c5b74";
    private static final String SECRET_READ = "716faf9e-b2ed-436c-8ac0-85bbc215e744";
    private static final String PARAM_READ = "41f1ce64-0c44-4aae-9c36-38c09a4c06e2";
    private static final String SG_OPEN = "6d56bff2-2481-4b26-a9ed-632bec701433";
    private static final String USERDATA_READ = "443a5529-c17c-4552-a2ae-c7d9fe00e69e";
    private static final String USERDATA_MOD = "263ee63a-41f8-4de9-925a-bc39efd1d831";
    private static final String SSM = "63838087-9986-44bf-ab88-4bbc49bea8e1";
    private static final String LAMBDA_CODE = "7cca7061-5fc5-4e66-9111-fa62a0b2c593";
    private static final String LAMBDA_PERM = "80e66215-0a26-4fab-9189-2bc3fea9a14b";
    private static final String RUN_INSTANCES = "7a9ff47e-4e4b-4b38-a0f0-9fd9aeb2d933";

    private static final String USER = "{\"type\":\"IAMUser\",\"accountId\":\"111122223333\",\"userName\":\"mallory\","
            + "\"arn\":\"arn:aws:iam::111122223333:user/mallory\"}";
    private static final String ROLE = "{\"type\":\"AssumedRole\",\"accountId\":\"111122223333\","
            + "\"arn\":\"arn:aws:sts::111122223333:assumed-role/deployer/ci\"}";

    /** A CloudTrail record with the given source, name, identity and extra top-level members. */
    private static JsonNode ev(String source, String name, String identity, String extra) {
        ObjectNode e = (ObjectNode) json("{\"eventVersion\":\"1.08\",\"eventID\":\"e1\",\"eventTime\":\"2026-11-01T10:00:00Z\","
                + "\"eventType\":\"AwsApiCall\",\"eventSource\":\"" + source + "\",\"eventName\":\"" + name + "\","
                + "\"recipientAccountId\":\"111122223333\",\"sourceIPAddress\":\"198.51.100.4\",\"userIdentity\":" + identity + "}");
        if (!extra.isEmpty()) {
            e.setAll((ObjectNode) json("{" + extra + "}"));
        }
        return e;
    }

    static Stream<Arguments> cases() {
        String rootId = "{\"type\":\"Root\",\"accountId\":\"111122223333\",\"arn\":\"arn:aws:iam::111122223333:root\"}";
        return Stream.of(
                arguments(ROOT, true, ev("ec2.amazonaws.com", "RunInstances", rootId, "")),
                arguments(ROOT, false, ev("ec2.amazonaws.com", "DescribeInstances", rootId, "")),
                arguments(ROOT, false, ev("ec2.amazonaws.com", "RunInstances", USER, "")),
                arguments(LOGIN_FAILURE, true, ev("signin.amazonaws.com", "ConsoleLogin", USER, "\"responseElements\":{\"ConsoleLogin\":\"Failure\"}")),
                arguments(LOGIN_FAILURE, false, ev("signin.amazonaws.com", "ConsoleLogin", USER, "\"responseElements\":{\"ConsoleLogin\":\"Success\"}")),
                arguments(NO_MFA, true, ev("signin.amazonaws.com", "ConsoleLogin", USER, "\"responseElements\":{\"ConsoleLogin\":\"Success\"},\"additionalEventData\":{\"MFAUsed\":\"No\"}")),
                arguments(NO_MFA, false, ev("signin.amazonaws.com", "ConsoleLogin", USER, "\"responseElements\":{\"ConsoleLogin\":\"Success\"},\"additionalEventData\":{\"MFAUsed\":\"Yes\"}")),
                arguments(FEDERATION, true, ev("sts.amazonaws.com", "GetFederationToken", USER, "\"requestParameters\":{\"name\":\"x\"}")),
                arguments(FEDERATION, false, ev("sts.amazonaws.com", "GetFederationToken", USER, "\"errorCode\":\"AccessDenied\"")),
                arguments(CROSS_ACCOUNT, true, ev("sts.amazonaws.com", "AssumeRole", USER.replace("111122223333", "999988887777"), "")),
                arguments(CROSS_ACCOUNT, false, ev("sts.amazonaws.com", "AssumeRole", USER, "")),
                arguments(CREATE_USER, true, ev("iam.amazonaws.com", "CreateUser", ROLE, "\"requestParameters\":{\"userName\":\"svc\"}")),
                arguments(CREATE_USER, false, ev("iam.amazonaws.com", "GetUser", ROLE, "")),
                arguments(KEY_FOR_OTHER, true, ev("iam.amazonaws.com", "CreateAccessKey", USER, "\"requestParameters\":{\"userName\":\"admin\"}")),
                arguments(KEY_FOR_OTHER, false, ev("iam.amazonaws.com", "CreateAccessKey", USER, "\"requestParameters\":{\"userName\":\"mallory\"}")),
                arguments(KEY_FOR_OTHER, false, ev("iam.amazonaws.com", "CreateAccessKey", USER, "")),
                arguments(ADMIN_POLICY, true, ev("iam.amazonaws.com", "AttachGroupPolicy", USER, "\"requestParameters\":{\"groupName\":\"devs\",\"policyArn\":\"arn:aws:iam::aws:policy/AdministratorAccess\"}")),
                arguments(ADMIN_POLICY, false, ev("iam.amazonaws.com", "AttachGroupPolicy", USER, "\"requestParameters\":{\"groupName\":\"devs\",\"policyArn\":\"arn:aws:iam::aws:policy/ReadOnlyAccess\"}")),
                arguments(INLINE_POLICY, true, ev("iam.amazonaws.com", "PutRolePolicy", USER, "\"requestParameters\":{\"roleName\":\"r\"}")),
                arguments(INLINE_POLICY, false, ev("iam.amazonaws.com", "GetRolePolicy", USER, "")),
                arguments(LOGIN_PROFILE, true, ev("iam.amazonaws.com", "CreateLoginProfile", USER, "\"requestParameters\":{\"userName\":\"admin\",\"passwordResetRequired\":false}")),
                arguments(LOGIN_PROFILE, false, ev("iam.amazonaws.com", "CreateLoginProfile", USER, "\"requestParameters\":{\"userName\":\"admin\",\"passwordResetRequired\":true}")),
                arguments(BACKDOOR_ROLE, true, ev("iam.amazonaws.com", "CreateRole", USER, "\"requestParameters\":{\"roleName\":\"b\",\"assumeRolePolicyDocument\":\"{\\\"Statement\\\":[{\\\"Effect\\\":\\\"Allow\\\",\\\"Principal\\\":{\\\"AWS\\\":\\\"arn:aws:iam::999988887777:root\\\"},\\\"Action\\\":\\\"sts:AssumeRole\\\"}]}\"}")),
                arguments(BACKDOOR_ROLE, false, ev("iam.amazonaws.com", "CreateRole", USER, "\"requestParameters\":{\"roleName\":\"b\",\"assumeRolePolicyDocument\":\"{\\\"Statement\\\":[{\\\"Effect\\\":\\\"Allow\\\",\\\"Principal\\\":{\\\"Service\\\":\\\"lambda.amazonaws.com\\\"},\\\"Action\\\":\\\"sts:AssumeRole\\\"}]}\"}")),
                arguments(TRAIL, true, ev("cloudtrail.amazonaws.com", "UpdateTrail", USER, "")),
                arguments(TRAIL, false, ev("cloudtrail.amazonaws.com", "StartLogging", USER, "")),
                arguments(MONITORING, true, ev("guardduty.amazonaws.com", "UpdateDetector", USER, "\"requestParameters\":{\"detectorId\":\"d\",\"enable\":false}")),
                arguments(MONITORING, false, ev("guardduty.amazonaws.com", "UpdateDetector", USER, "\"requestParameters\":{\"detectorId\":\"d\",\"enable\":true}")),
                arguments(MONITORING, true, ev("securityhub.amazonaws.com", "DisableSecurityHub", USER, "")),
                arguments(MONITORING, true, ev("guardduty.amazonaws.com", "DeleteDetector", USER, "")),
                arguments(MONITORING, true, ev("config.amazonaws.com", "StopConfigurationRecorder", USER, "")),
                arguments(NET_LOGS, true, ev("ec2.amazonaws.com", "DeleteFlowLogs", USER, "")),
                arguments(NET_LOGS, false, ev("ec2.amazonaws.com", "CreateFlowLogs", USER, "")),
                arguments(LEAVE_ORG, true, ev("organizations.amazonaws.com", "LeaveOrganization", USER, "\"errorCode\":\"AccessDenied\"")),
                arguments(LEAVE_ORG, false, ev("organizations.amazonaws.com", "DescribeOrganization", USER, "")),
                arguments(S3_POLICY, true, ev("s3.amazonaws.com", "DeleteBucketPolicy", USER, "\"requestParameters\":{\"bucketName\":\"b\"}")),
                arguments(S3_POLICY, false, ev("s3.amazonaws.com", "GetBucketPolicy", USER, "")),
                arguments(S3_PAB, true, ev("s3.amazonaws.com", "PutBucketPublicAccessBlock", USER, "\"requestParameters\":{\"PublicAccessBlockConfiguration\":{\"BlockPublicAcls\":true,\"IgnorePublicAcls\":true,\"BlockPublicPolicy\":false,\"RestrictPublicBuckets\":true}}")),
                arguments(S3_PAB, false, ev("s3.amazonaws.com", "PutBucketPublicAccessBlock", USER, "\"requestParameters\":{\"PublicAccessBlockConfiguration\":{\"BlockPublicAcls\":true,\"IgnorePublicAcls\":true,\"BlockPublicPolicy\":true,\"RestrictPublicBuckets\":true}}")),
                arguments(S3_PAB, true, ev("s3.amazonaws.com", "DeleteAccountPublicAccessBlock", USER, "")),
                arguments(KMS, true, ev("kms.amazonaws.com", "ScheduleKeyDeletion", USER, "\"requestParameters\":{\"keyId\":\"k\"}")),
                arguments(KMS, false, ev("kms.amazonaws.com", "EnableKey", USER, "")),
                arguments(SHARED, true, ev("rds.amazonaws.com", "ModifyDBSnapshotAttribute", USER, "\"requestParameters\":{\"attributeName\":\"restore\",\"valuesToAdd\":[\"all\"]}")),
                arguments(SHARED, false, ev("rds.amazonaws.com", "ModifyDBSnapshotAttribute", USER, "\"requestParameters\":{\"attributeName\":\"restore\",\"valuesToRemove\":[\"all\"]}")),
                arguments(SECRET_READ, true, ev("secretsmanager.amazonaws.com", "GetSecretValue", ROLE, "\"requestParameters\":{\"secretId\":\"s\"}")),
                arguments(SECRET_READ, false, ev("secretsmanager.amazonaws.com", "DescribeSecret", ROLE, "")),
                arguments(PARAM_READ, true, ev("ssm.amazonaws.com", "GetParametersByPath", ROLE, "\"requestParameters\":{\"path\":\"/\",\"withDecryption\":true}")),
                arguments(PARAM_READ, false, ev("ssm.amazonaws.com", "GetParameter", ROLE, "\"requestParameters\":{\"name\":\"/x\",\"withDecryption\":false}")),
                arguments(SG_OPEN, true, ev("ec2.amazonaws.com", "AuthorizeSecurityGroupIngress", USER, "\"requestParameters\":{\"ipPermissions\":{\"items\":[{\"ipv6Ranges\":{\"items\":[{\"cidrIpv6\":\"::/0\"}]}}]}}")),
                arguments(SG_OPEN, false, ev("ec2.amazonaws.com", "AuthorizeSecurityGroupIngress", USER, "\"requestParameters\":{\"ipPermissions\":{\"items\":[{\"ipRanges\":{\"items\":[{\"cidrIp\":\"10.1.0.0/16\"}]}}]}}")),
                arguments(USERDATA_READ, true, ev("ec2.amazonaws.com", "GetPasswordData", USER, "\"requestParameters\":{\"instanceId\":\"i-1\"}")),
                arguments(USERDATA_READ, false, ev("ec2.amazonaws.com", "DescribeInstanceAttribute", USER, "\"requestParameters\":{\"attribute\":\"instanceType\"}")),
                arguments(USERDATA_MOD, true, ev("ec2.amazonaws.com", "ModifyInstanceAttribute", USER, "\"requestParameters\":{\"instanceId\":\"i-1\",\"userData\":\"<sensitiveDataRemoved>\"}")),
                arguments(USERDATA_MOD, false, ev("ec2.amazonaws.com", "ModifyInstanceAttribute", USER, "\"requestParameters\":{\"instanceId\":\"i-1\",\"instanceType\":{\"value\":\"t3.large\"}}")),
                arguments(SSM, true, ev("ssm.amazonaws.com", "StartSession", USER, "\"requestParameters\":{\"target\":\"i-1\"}")),
                arguments(SSM, false, ev("ssm.amazonaws.com", "DescribeSessions", USER, "")),
                arguments(LAMBDA_CODE, true, ev("lambda.amazonaws.com", "PublishLayerVersion20181031", USER, "")),
                arguments(LAMBDA_CODE, false, ev("lambda.amazonaws.com", "PublishLayerVersion20181031", ROLE, "")),
                arguments(LAMBDA_PERM, true, ev("lambda.amazonaws.com", "AddLayerVersionPermission20181031", ROLE, "")),
                arguments(LAMBDA_PERM, false, ev("lambda.amazonaws.com", "RemovePermission20150331v2", ROLE, "")),
                arguments(RUN_INSTANCES, true, ev("ec2.amazonaws.com", "RunInstances", ROLE, "\"requestParameters\":{\"instanceType\":\"t3.micro\",\"instancesSet\":{\"items\":[{\"imageId\":\"ami-1\",\"minCount\":1,\"maxCount\":50}]}}")),
                arguments(RUN_INSTANCES, true, ev("ec2.amazonaws.com", "RunInstances", ROLE, "\"requestParameters\":{\"instanceType\":\"g5.12xlarge\",\"instancesSet\":{\"items\":[{\"imageId\":\"ami-1\",\"minCount\":1,\"maxCount\":1}]}}")),
                arguments(RUN_INSTANCES, false, ev("ec2.amazonaws.com", "RunInstances", ROLE, "\"requestParameters\":{\"instanceType\":\"t3.micro\",\"instancesSet\":{\"items\":[{\"imageId\":\"ami-1\",\"minCount\":1,\"maxCount\":2}]}}")));
    }

    @ParameterizedTest(name = "{0} expected {1}")
    @MethodSource("cases")
    void shouldGiveTheExpectedVerdictOnOwnCases(String ruleId, boolean expected, JsonNode event) {
        assertThat(pack.match(event).stream().map(SigmaMatch::ruleId).toList().contains(ruleId))
                .as("rule %s on %s", pack.rule(ruleId).map(SigmaRule::title).orElse("?"), event)
                .isEqualTo(expected);
    }

    @Test
    void shouldHaveAPositiveAndANegativeOwnCaseForEveryDetectionRule() {
        Set<String> positive = new HashSet<>();
        Set<String> negative = new HashSet<>();
        cases().forEach(a -> ((Boolean) a.get()[1] ? positive : negative).add((String) a.get()[0]));
        List<String> ids = pack.rules().stream().map(SigmaRule::id).toList();
        assertThat(positive).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(negative).containsExactlyInAnyOrderElementsOf(ids);
    }

    @Test
    void shouldFollowThePackConventions() {
        assertThat(pack.rules()).hasSizeGreaterThanOrEqualTo(25).allSatisfy(r -> {
            assertThat(r.id()).matches(UUID);
            assertThat(r.author()).isEqualTo("Tripline");
            assertThat(r.date()).isNotBlank();
            assertThat(r.description()).isNotBlank();
            assertThat(r.status()).isNotBlank();
            assertThat(r.level()).isIn("informational", "low", "medium", "high", "critical");
            assertThat(r.attackTechniques()).as("technique of %s", r.title()).isNotEmpty();
            assertThat(r.attackTactics()).as("tactic of %s", r.title()).isNotEmpty();
            assertThat(r.falsePositives()).isNotEmpty();
            assertThat(r.logsource()).containsEntry("product", "aws").containsEntry("service", "cloudtrail");
        });
        assertThat(pack.correlations()).allSatisfy(c -> {
            assertThat(c.id()).matches(UUID);
            assertThat(c.tags()).anyMatch(t -> t.matches("attack\\.t\\d{4}.*"));
        });
    }

    @Test
    void shouldExposeAttackTechniquesAndTacticsFromTags() {
        SigmaRule noMfa = pack.rule(NO_MFA).orElseThrow();
        assertThat(noMfa.attackTechniques()).containsExactly("T1078.004");
        assertThat(noMfa.attackTactics()).containsExactly("initial-access", "persistence");
    }
}
