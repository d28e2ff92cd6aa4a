package io.tripline.enrich.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.tripline.core.normalize.Json;
import io.tripline.core.normalize.Normalizers;
import io.tripline.core.registry.InMemorySchemaRegistry;
import io.tripline.core.serde.SerdeConfig;
import io.tripline.core.testing.Corpus;
import io.tripline.core.topic.Topics;
import io.tripline.schema.v1.DeadLetter;
import io.tripline.schema.v1.SecurityFinding;
import io.tripline.schema.v1.WorkflowStatus;

/**
 * GuardDuty's record, Security Hub's copy and update echoes become one finding per identity on
 * tripline.findings, with OCSF Create/Update/Close; undecodable bytes go to the DLQ and processing goes on.
 */
class FindingIdentityTopologyTest {

    private static final String ARN = "arn:aws:guardduty:us-east-1:193043430472:detector/d4b040365221be2b54a6264dc9a4bc64"
            + "/finding/46ba0ac2845071e23ccdeb2ae03bfdea";

    private final Map<String, Object> serde = Map.of(SerdeConfig.CLIENT, new InMemorySchemaRegistry());
    private final Normalizers normalizers = new Normalizers();
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> guardDuty;
    private TestInputTopic<String, byte[]> securityHub;
    private TestOutputTopic<String, byte[]> findings;
    private TestOutputTopic<String, String> ocsf;
    private TestOutputTopic<byte[], byte[]> dlq;

    @BeforeEach
    void start() {
        EnrichSettings settings = new EnrichSettings(serde, "", null, "test");
        Properties props = EnrichTopology.config("finding-identity-test", "dummy:9092", Map.of());
        driver = new TopologyTestDriver(EnrichTopology.build(settings), props);
        guardDuty = driver.createInputTopic(Topics.RAW_GUARDDUTY.name(), new StringSerializer(), new ByteArraySerializer());
        securityHub = driver.createInputTopic(Topics.RAW_SECURITYHUB.name(), new StringSerializer(), new ByteArraySerializer());
        findings = driver.createOutputTopic(Topics.FINDINGS.name(), new StringDeserializer(), new ByteArrayDeserializer());
        ocsf = driver.createOutputTopic(Topics.OCSF.name(), new StringDeserializer(), new StringDeserializer());
        dlq = driver.createOutputTopic(Topics.DLQ.name(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void shouldCollapseGuardDutysRecordAndItsSecurityHubCopyIntoOneFinding() {
        pipeGuardDuty(guardDutyFinding(12, "2020-09-30T12:14:00.206Z"));
        pipeSecurityHub(securityHubCopy("NEW", "2020-09-30T12:14:00.206Z"));

        List<SecurityFinding> out = readFindings();
        assertThat(out).hasSize(1);
        assertThat(out.get(0).getIdentity()).isEqualTo(ARN);
        assertThat(out.get(0).getCount()).isEqualTo(12);
        List<JsonNode> events = readOcsf();
        assertThat(events).hasSize(1);
        assertThat(events.get(0).get("activity_id").asInt()).isEqualTo(1);
        assertThat(events.get(0).path("finding_info").path("uid").asText()).isEqualTo(ARN);
    }

    @Test
    void shouldPublishAnUpdateWhenTheCountGrowsAndNothingForAReDelivery() {
        SecurityFinding first = guardDutyFinding(12, "2020-09-30T12:14:00.206Z");
        SecurityFinding grown = guardDutyFinding(13, "2020-09-30T13:00:00Z");
        pipeGuardDuty(first);
        pipeGuardDuty(grown);
        pipeGuardDuty(grown);
        pipeGuardDuty(first);

        assertThat(readFindings()).extracting(SecurityFinding::getCount).containsExactly(12L, 13L);
        assertThat(readOcsf()).extracting(e -> e.get("activity_name").asText()).containsExactly("Create", "Update");
    }

    @Test
    void shouldCloseTheFindingWhenSecurityHubResolvesItKeepingGuardDutysContent() {
        pipeGuardDuty(guardDutyFinding(12, "2020-09-30T12:14:00.206Z"));
        pipeSecurityHub(securityHubCopy("RESOLVED", "2020-10-01T08:00:00Z"));

        List<SecurityFinding> out = readFindings();
        assertThat(out).hasSize(2);
        assertThat(out.get(1).getWorkflowStatus()).isEqualTo(WorkflowStatus.RESOLVED);
        assertThat(out.get(1).getCount()).isEqualTo(12);
        assertThat(readOcsf()).extracting(e -> e.get("activity_name").asText()).containsExactly("Create", "Close");
    }

    @Test
    void shouldSendUndecodableBytesToTheDlqWithOriginAndReasonAndKeepGoing() {
        guardDuty.pipeInput("bad-key", "{\"not\":\"avro\"}".getBytes(StandardCharsets.UTF_8), Instant.parse("2026-11-01T00:00:00Z"));
        pipeGuardDuty(guardDutyFinding(12, "2020-09-30T12:14:00.206Z"));

        var letters = dlq.readValuesToList();
        assertThat(letters).hasSize(1);
        DeadLetter letter = Topics.DLQ.valueSerde(serde).deserializer().deserialize(Topics.DLQ.name(), letters.get(0));
        assertThat(letter.getTopic()).isEqualTo(Topics.RAW_GUARDDUTY.name());
        assertThat(letter.getOffset()).isZero();
        assertThat(letter.getStage()).isEqualTo("enrich.decode.guardduty");
        assertThat(letter.getReason()).contains("unknown magic byte 0x7b (looks like JSON text)");
        assertThat(new String(letter.getValue().array(), StandardCharsets.UTF_8)).isEqualTo("{\"not\":\"avro\"}");
        assertThat(readFindings()).hasSize(1);
    }

    /** A hostile event time would move stream time for the whole partition: the record is set aside instead. */
    @Test
    void shouldSendAFindingDatedInYear9999ToTheDlqAndKeepGoing() {
        pipeGuardDuty(guardDutyFinding(1, "9999-01-01T00:00:00Z"));
        pipeGuardDuty(guardDutyFinding(12, "2020-09-30T12:14:00.206Z"));

        var letters = dlq.readValuesToList();
        assertThat(letters).hasSize(1);
        DeadLetter letter = Topics.DLQ.valueSerde(serde).deserializer().deserialize(Topics.DLQ.name(), letters.get(0));
        assertThat(letter.getStage()).isEqualTo("enrich.decode.guardduty");
        assertThat(letter.getReason()).contains("event time 9999-01-01T00:00:00Z is outside");
        assertThat(readFindings()).extracting(SecurityFinding::getCount).containsExactly(12L);
    }

    private SecurityFinding guardDutyFinding(long count, String updatedAt) {
        var json = Json.MAPPER.createObjectNode();
        json.put("id", "46ba0ac2845071e23ccdeb2ae03bfdea").put("arn", ARN).put("accountId", "193043430472")
                .put("region", "us-east-1").put("type", "UnauthorizedAccess:EC2/SSHBruteForce").put("severity", 8)
                .put("title", "SSH brute force").put("updatedAt", updatedAt);
        json.putObject("service").put("detectorId", "d4b040365221be2b54a6264dc9a4bc64").put("count", count);
        return normalizers.guardDuty().normalize(json);
    }

    private SecurityFinding securityHubCopy(String workflow, String updatedAt) {
        var json = (com.fasterxml.jackson.databind.node.ObjectNode) Corpus.lines(
                "securityhub/awsdocs_guardduty_finding_in_asff.jsonl").get(0).json().deepCopy();
        json.put("UpdatedAt", updatedAt);
        json.putObject("Workflow").put("Status", workflow);
        json.putObject("Severity").put("Label", "HIGH").put("Normalized", 80).put("Original", "8");
        json.put("Title", "SSH brute force");
        json.putArray("Types").add("UnauthorizedAccess:EC2/SSHBruteForce");
        json.putObject("ProductFields").put("aws/guardduty/service/count", "12");
        return normalizers.asff().normalize(json);
    }

    private void pipeGuardDuty(SecurityFinding finding) {
        guardDuty.pipeInput(finding.getSourceId(), serialize(finding), finding.getUpdatedAt());
    }

    private void pipeSecurityHub(SecurityFinding finding) {
        securityHub.pipeInput(finding.getSourceId(), serialize(finding), finding.getUpdatedAt());
    }

    private byte[] serialize(SecurityFinding finding) {
        Serde<SecurityFinding> s = Topics.RAW_GUARDDUTY.valueSerde(serde);
        return s.serializer().serialize(Topics.RAW_GUARDDUTY.name(), finding);
    }

    private List<SecurityFinding> readFindings() {
        Serde<SecurityFinding> s = Topics.FINDINGS.valueSerde(serde);
        return findings.readValuesToList().stream().map(b -> s.deserializer().deserialize(Topics.FINDINGS.name(), b)).toList();
    }

    private List<JsonNode> readOcsf() {
        return ocsf.readValuesToList().stream().map(Json::parse).toList();
    }
}
