package io.tripline.simulator.sts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.tripline.simulator.AwsSimulator;
import io.tripline.simulator.SdkClients;
import io.tripline.simulator.SimulatorOptions;
import io.tripline.simulator.core.SimJson;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttributeKey;
import software.amazon.awssdk.services.guardduty.GuardDutyClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.StsException;

/** STS contract: callers, AssumeRole sessions and their attribution in CloudTrail. */
class StsIT {

    private static AwsSimulator simulator;
    private static StsClient sts;

    @BeforeAll
    static void start() {
        simulator = AwsSimulator.start(SimulatorOptions.defaults());
        sts = SdkClients.build(StsClient.builder(), simulator.endpoint(), "AKIAUNKNOWNKEY000001");
    }

    @AfterAll
    static void stop() {
        sts.close();
        simulator.close();
    }

    @Test
    void shouldAnswerAnUnknownKeyAsTheDefaultAccountRoot() {
        var identity = sts.getCallerIdentity();
        assertThat(identity.account()).isEqualTo("123456789012");
        assertThat(identity.arn()).isEqualTo("arn:aws:iam::123456789012:root");
    }

    @Test
    void shouldAttributeCallsWithAssumedRoleCredentialsToTheRoleSession() {
        Credentials creds = sts.assumeRole(b -> b.roleArn("arn:aws:iam::240000000004:role/responder")
                .roleSessionName("tripline-responder")).credentials();
        assertThat(creds.accessKeyId()).startsWith("ASIA").hasSize(20);
        AwsSessionCredentials session = AwsSessionCredentials.create(creds.accessKeyId(), creds.secretAccessKey(),
                creds.sessionToken());
        try (StsClient asRole = SdkClients.build(StsClient.builder(), simulator.endpoint(), session, "us-east-1", RetryMode.STANDARD);
             GuardDutyClient guardDuty = SdkClients.build(GuardDutyClient.builder(), simulator.endpoint(), session,
                     "us-east-1", RetryMode.STANDARD);
             CloudTrailClient cloudTrail = SdkClients.build(CloudTrailClient.builder(), simulator.endpoint(), session,
                     "us-east-1", RetryMode.STANDARD)) {
            var identity = asRole.getCallerIdentity();
            assertThat(identity.account()).isEqualTo("240000000004");
            assertThat(identity.arn()).isEqualTo("arn:aws:sts::240000000004:assumed-role/responder/tripline-responder");
            assertThat(identity.userId()).startsWith("AROA").endsWith(":tripline-responder");

            guardDuty.createDetector(b -> b.enable(true));
            var event = cloudTrail.lookupEvents(b -> b.lookupAttributes(a -> a.attributeKey(LookupAttributeKey.EVENT_NAME)
                    .attributeValue("CreateDetector"))).events().get(0);
            assertThat(event.username()).isEqualTo("tripline-responder");
            assertThat(event.accessKeyId()).isEqualTo(creds.accessKeyId());
            JsonNode identityJson = SimJson.parse(event.cloudTrailEvent()).path("userIdentity");
            assertThat(identityJson.path("type").asText()).isEqualTo("AssumedRole");
            assertThat(identityJson.path("arn").asText()).isEqualTo(identity.arn());
            assertThat(identityJson.path("sessionContext").path("sessionIssuer").path("arn").asText())
                    .isEqualTo("arn:aws:iam::240000000004:role/responder");
        }
    }

    @Test
    void shouldRejectAMalformedRoleArnWithAValidationError() {
        assertThatThrownBy(() -> sts.assumeRole(b -> b.roleArn("not-an-arn").roleSessionName("s1")))
                .isInstanceOf(StsException.class)
                .satisfies(e -> assertThat(((StsException) e).awsErrorDetails().errorCode()).isEqualTo("ValidationError"));
    }
}
