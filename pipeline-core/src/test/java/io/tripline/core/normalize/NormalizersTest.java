package io.tripline.core.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.tripline.core.testing.Corpus;
import io.tripline.schema.v1.FindingSource;
import io.tripline.schema.v1.RecordState;
import io.tripline.schema.v1.SecurityFinding;
import io.tripline.schema.v1.SeverityLabel;
import io.tripline.schema.v1.TrailEvent;

/** The three doors map AWS's documented shapes to canonical records, one mapping per shape. */
class NormalizersTest {

    private final Normalizers normalizers = new Normalizers();

    @Test
    void shouldGiveTheSecurityHubCopyOfAGuardDutyFindingTheGuardDutyIdentity() {
        JsonNode asff = Corpus.lines("securityhub/awsdocs_guardduty_finding_in_asff.jsonl").get(0).json();
        SecurityFinding copy = normalizers.asff().normalize(asff);

        String guardDutyArn = "arn:aws:guardduty:us-east-1:193043430472:detector/d4b040365221be2b54a6264dc9a4bc64"
                + "/finding/46ba0ac2845071e23ccdeb2ae03bfdea";
        assertThat(copy.getIdentity()).isEqualTo(guardDutyArn);
        assertThat(copy.getSecurityHubCopy()).isTrue();
        assertThat(copy.getSource()).isEqualTo(FindingSource.SECURITY_HUB);
        assertThat(copy.getSeverity().getLabel()).isEqualTo(SeverityLabel.MEDIUM);

        ObjectNode own = Json.MAPPER.createObjectNode();
        own.put("id", "46ba0ac2845071e23ccdeb2ae03bfdea").put("arn", guardDutyArn).put("accountId", "193043430472")
                .put("region", "us-east-1").put("type", "UnauthorizedAccess:EC2/SSHBruteForce").put("severity", 5)
                .put("updatedAt", "2020-09-30T12:14:00.206Z");
        own.putObject("service").put("detectorId", "d4b040365221be2b54a6264dc9a4bc64").put("count", 12);
        SecurityFinding original = normalizers.guardDuty().normalize(own);
        assertThat(original.getIdentity()).isEqualTo(copy.getIdentity());
        assertThat(original.getSecurityHubCopy()).isFalse();
        assertThat(original.getCount()).isEqualTo(12);
    }

    @Test
    void shouldKeepSecurityHubsOwnIdAsIdentityForOtherProducts() {
        JsonNode asff = Corpus.lines("securityhub/asr_test_findings.jsonl").get(0).json();
        SecurityFinding finding = normalizers.asff().normalize(asff);
        assertThat(finding.getIdentity()).isEqualTo(asff.get("Id").asText());
        assertThat(finding.getSecurityHubCopy()).isFalse();
    }

    @ParameterizedTest(name = "GuardDuty {0} is {1}")
    @CsvSource({"1.0, LOW", "3.9, LOW", "4.0, MEDIUM", "6.9, MEDIUM", "7.0, HIGH", "8.9, HIGH", "9.0, CRITICAL", "10.0, CRITICAL"})
    void shouldMapGuardDutySeverityByHalfOpenBands(double severity, SeverityLabel label) {
        assertThat(Severities.guardDutyLabel(severity)).isEqualTo(label);
    }

    @Test
    void shouldProduceTheSameRecordFromCapitalCaseCliOutputAndTheApiShape() {
        JsonNode capital = Corpus.lines("guardduty/cartography_mock_getfindings.jsonl").get(0).json();
        SecurityFinding fromCli = normalizers.guardDuty().normalize(capital);
        SecurityFinding fromApi = normalizers.guardDuty().normalize(Json.lowerCamelKeys(capital));

        assertThat(fromCli).isEqualTo(fromApi);
        assertThat(fromCli.getSeverity().getLabel()).isEqualTo(SeverityLabel.HIGH);
        assertThat(fromCli.getResources()).extracting(r -> r.getId()).containsExactly("i-99999999");
        assertThat(fromCli.getNetwork().getRemoteIp()).isEqualTo("198.51.100.1");
        assertThat(fromCli.getCount()).isEqualTo(5);
        assertThat(fromCli.getRecordState()).isEqualTo(RecordState.ACTIVE);
        assertThat(fromCli.getRaw()).contains("\"instanceDetails\"");
    }

    @Test
    void shouldReadTheSameCloudTrailRecordThroughEveryDoor() {
        JsonNode record = Corpus.lines("cloudtrail/awsdocs_cloudtrail_examples.jsonl").get(0).json();
        ObjectNode s3File = Json.MAPPER.createObjectNode();
        s3File.putArray("Records").add(record);
        ObjectNode lookupItem = Json.MAPPER.createObjectNode().put("EventId", record.get("eventID").asText())
                .put("CloudTrailEvent", Json.write(record));
        ObjectNode eventBridge = Json.MAPPER.createObjectNode().put("detail-type", "AWS API Call via CloudTrail")
                .put("source", "aws.iam");
        eventBridge.set("detail", record);

        List<TrailEvent> events = List.of(s3File, lookupItem, eventBridge, record).stream()
                .map(json -> SourceShapes.unwrap(json).get(0))
                .map(item -> (TrailEvent) normalizers.normalize(item))
                .toList();
        assertThat(events).allSatisfy(e -> assertThat(e).isEqualTo(events.get(0)));
        assertThat(events.get(0).getEventId()).isEqualTo(record.get("eventID").asText());
        assertThat(events.get(0).getUserIdentity().getUserName()).isEqualTo("anaya");
    }

    @Test
    void shouldReadAssumedRoleSessionsAndMfaFromTheSessionContext() {
        JsonNode record = Json.parse("""
                {"eventVersion":"1.08","eventID":"e1","eventTime":"2026-11-01T10:00:00Z","eventSource":"s3.amazonaws.com",
                 "eventName":"PutBucketPolicy","awsRegion":"us-east-1","sourceIPAddress":"203.0.113.9","readOnly":false,
                 "userIdentity":{"type":"AssumedRole","arn":"arn:aws:sts::111122223333:assumed-role/web-role/i-0abc",
                   "accountId":"111122223333","accessKeyId":"ASIAEXAMPLE",
                   "sessionContext":{"attributes":{"mfaAuthenticated":"false"},
                     "sessionIssuer":{"type":"Role","arn":"arn:aws:iam::111122223333:role/web-role","userName":"web-role"}}},
                 "requestParameters":{"bucketName":"acme-data"},"responseElements":null}""");
        TrailEvent event = normalizers.cloudTrail().normalize(record);
        assertThat(event.getUserIdentity().getSessionIssuerArn()).isEqualTo("arn:aws:iam::111122223333:role/web-role");
        assertThat(event.getUserIdentity().getSessionIssuerType()).isEqualTo("Role");
        assertThat(event.getUserIdentity().getUserName()).isEqualTo("web-role");
        assertThat(event.getUserIdentity().getMfaAuthenticated()).isFalse();
        assertThat(event.getReadOnly()).isFalse();
        assertThat(event.getRequestParameters()).isEqualTo("{\"bucketName\":\"acme-data\"}");
        assertThat(event.getResponseElements()).isNull();
        assertThat(event.getEventTime()).isEqualTo(Instant.parse("2026-11-01T10:00:00Z"));
    }

    @Test
    void shouldNameTheMissingFieldWhenARecordCannotBeNormalized() {
        assertThatThrownBy(() -> normalizers.cloudTrail().normalize(Json.parse("{\"eventName\":\"StopLogging\"}")))
                .isInstanceOf(NormalizationException.class).hasMessage("CloudTrail record has no eventID");
        assertThatThrownBy(() -> Json.parse("{\"truncated\":"))
                .isInstanceOf(NormalizationException.class).hasMessageStartingWith("not valid JSON");
        assertThatThrownBy(() -> SourceShapes.unwrap(Json.parse("{\"hello\":1}")))
                .isInstanceOf(NormalizationException.class).hasMessageContaining("unrecognised source shape with keys [hello]");
    }

    @Test
    void shouldRefuseNestingBeyondTheReadLimitInsteadOfOverflowingTheStack() {
        String deep = "[".repeat(Json.MAX_NESTING + 10) + "]".repeat(Json.MAX_NESTING + 10);
        assertThatThrownBy(() -> Json.parse(deep)).isInstanceOf(NormalizationException.class)
                .hasMessageContaining("nesting depth");
    }
}
