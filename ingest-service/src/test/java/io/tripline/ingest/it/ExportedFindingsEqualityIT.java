package io.tripline.ingest.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.micronaut.context.ApplicationContext;
import io.tripline.core.normalize.Json;
import io.tripline.core.normalize.Normalizers;
import io.tripline.core.normalize.SourceItem;
import io.tripline.core.normalize.SourceShapes;
import io.tripline.core.topic.Topics;
import io.tripline.schema.v1.SecurityFinding;
import io.tripline.simulator.AwsSimulator;
import io.tripline.simulator.SimulatorOptions;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.guardduty.GuardDutyClient;

/**
 * One door per shape: the GuardDuty findings the poller published (SDK models turned back into wire
 * JSON) are equal, field for field including {@code raw}, to the same findings exported as a
 * GetFindings response — fetched over plain HTTP, not through the SDK — and normalized through
 * {@code SourceShapes} and {@code Normalizers}.
 */
class ExportedFindingsEqualityIT {

    @Test
    void shouldPublishFromThePollerExactlyWhatAnExportedGetFindingsFileNormalizesTo() throws Exception {
        try (AwsSimulator simulator = AwsSimulator.start(SimulatorOptions.defaults().withSpeed(120).withSeed(51))) {
            String prefix = IngestHarness.topics("export-eq");
            simulator.control().playScenario("ssh-brute-force");
            simulator.control().awaitScenario(Duration.ofMinutes(2));
            Map<String, Long> latest = Truth.guardDutyLatest(simulator);
            assertThat(latest).hasSize(2);
            Map<String, Object> p = IngestHarness.properties(prefix, simulator.endpoint().toString(), List.of("guardduty"),
                    Instant.parse("2026-10-31T00:00:00Z"));
            List<ConsumerRecord<String, SecurityFinding>> published;
            try (ApplicationContext service = IngestHarness.start(p)) {
                published = IngestHarness.await(Topics.RAW_GUARDDUTY, prefix, Duration.ofMinutes(2), r -> r.size() >= latest.size());
            }
            assertThat(published).hasSize(latest.size());

            JsonNode export = exportedGetFindings(simulator, new ArrayList<>(latest.keySet()));
            Normalizers normalizers = new Normalizers();
            List<SecurityFinding> fromFile = new ArrayList<>();
            for (JsonNode finding : export.path("findings")) {
                for (SourceItem item : SourceShapes.unwrap(finding)) {
                    fromFile.add(normalizers.guardDuty().normalize(item.json()));
                }
            }
            assertThat(fromFile).hasSize(latest.size());
            assertThat(published.stream().map(ConsumerRecord::value).toList()).containsExactlyInAnyOrderElementsOf(fromFile);
        }
    }

    /** The GetFindings response body as AWS sends it (REST-JSON), read with a plain HTTP client. */
    private static JsonNode exportedGetFindings(AwsSimulator simulator, List<String> ids) throws Exception {
        String detector;
        try (GuardDutyClient gd = GuardDutyClient.builder().endpointOverride(simulator.endpoint()).region(Region.US_EAST_1).build()) {
            detector = gd.listDetectors().detectorIds().get(0);
        }
        String body = Json.write(Json.MAPPER.createObjectNode().set("findingIds", Json.MAPPER.valueToTree(ids)));
        HttpRequest request = HttpRequest.newBuilder(URI.create(simulator.endpoint() + "/detector/" + detector + "/findings/get"))
                .header("Content-Type", "application/json")
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=" + IngestHarness.ACCOUNT
                        + "/20261101/us-east-1/guardduty/aws4_request, SignedHeaders=host, Signature=0")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.parse(response.body());
    }
}
