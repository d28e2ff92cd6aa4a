package io.tripline.enrich.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.tripline.core.normalize.Json;
import io.tripline.core.testing.Corpus;

/**
 * Incident OCSF records hold against the OCSF schema in the corpus: only Detection Finding attributes
 * and all required ones, only the schema's enum values (activity, severity, status, risk level).
 */
class IncidentOcsfTest {

    @Test
    void shouldWriteOnlyDetectionFindingAttributesAndValidEnumValuesThroughTheWholeLifecycle() throws IOException {
        JsonNode schema = Json.parse(Files.readString(Corpus.file("reference/ocsf/ocsf_2004_detection_finding.resolved.json")));
        JsonNode objects = Json.parse(Files.readString(Corpus.file("reference/ocsf/ocsf_key_objects.resolved.json")));
        Set<String> allowed = new HashSet<>();
        Set<String> required = new HashSet<>();
        for (JsonNode attribute : schema.get("attributes")) {
            allowed.add(attribute.get("name").asText());
            if ("required".equals(attribute.path("requirement").asText())) {
                required.add(attribute.get("name").asText());
            }
        }
        List<JsonNode> events;
        try (IncidentDriver driver = new IncidentDriver(IncidentDriver.settings())) {
            Scenarios.pipe(driver, Scenarios.bruteForceFollowUp());
            Scenarios.pipe(driver, Scenarios.dataExposureWithTrailTampering());
            driver.advanceTo("2026-03-01T11:00:00Z");
            driver.advanceTo("2026-03-02T11:00:00Z");
            events = driver.ocsf();
        }
        assertThat(events).extracting(e -> e.get("activity_name").asText()).contains("Create", "Update", "Close");
        List<String> checked = new ArrayList<>();
        for (JsonNode event : events) {
            assertThat(names(event)).isSubsetOf(allowed).containsAll(required);
            for (String object : List.of("finding_info", "cloud", "metadata")) {
                assertThat(names(event.get(object))).as(object).isSubsetOf(attributeNames(objects.get(object)));
            }
            for (JsonNode attribute : schema.get("attributes")) {
                String name = attribute.get("name").asText();
                JsonNode values = attribute.get("enum");
                if (values == null || !values.isObject() || !event.has(name) || name.endsWith("class_uid")
                        || name.equals("category_uid")) {
                    continue;
                }
                assertThat(values.has(event.get(name).asText())).as("%s=%s", name, event.get(name)).isTrue();
                checked.add(name);
            }
        }
        assertThat(checked).contains("activity_id", "severity_id", "status_id", "risk_level_id");
    }

    private static Set<String> names(JsonNode node) {
        Set<String> names = new HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static Set<String> attributeNames(JsonNode object) {
        Set<String> names = new HashSet<>();
        JsonNode attributes = object.get("attributes");
        if (attributes.isArray()) {
            attributes.forEach(a -> names.add(a.get("name").asText()));
        } else {
            attributes.fieldNames().forEachRemaining(names::add);
        }
        return names;
    }
}
