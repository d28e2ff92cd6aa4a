package io.tripline.stack.registry;

import static io.tripline.stack.registry.RegistryHttp.schemaBody;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Confluent's REST contract, asserted field by field and error code by error code. Subclasses
 * supply a running registry (in memory, or on Kafka); each test uses its own subjects.
 */
abstract class RegistryEndpointsContract {

    static final String V1 = "{\"type\":\"record\",\"name\":\"Finding\",\"namespace\":\"t\","
            + "\"fields\":[{\"name\":\"id\",\"type\":\"string\"}]}";
    static final String V2 = "{\"type\":\"record\",\"name\":\"Finding\",\"namespace\":\"t\","
            + "\"fields\":[{\"name\":\"id\",\"type\":\"string\"},{\"name\":\"score\",\"type\":\"int\",\"default\":0}]}";
    static final String V2_REQUIRED = "{\"type\":\"record\",\"name\":\"Finding\",\"namespace\":\"t\","
            + "\"fields\":[{\"name\":\"id\",\"type\":\"string\"},{\"name\":\"score\",\"type\":\"int\"}]}";

    abstract String registryUrl();

    RegistryHttp http() {
        return new RegistryHttp(registryUrl());
    }

    static String subject() {
        return "t-" + UUID.randomUUID().toString().substring(0, 8) + "-value";
    }

    @Test
    void shouldAnswerARegistrationWithOnlyTheId() {
        RegistryHttp.Reply reply = http().post("/subjects/" + subject() + "/versions", schemaBody(V1));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.contentType()).isEqualTo("application/vnd.schemaregistry.v1+json");
        assertThat(fields(reply.json())).containsExactly("id");
        assertThat(reply.json().get("id").isInt()).isTrue();
    }

    @Test
    void shouldKeepTheIdAndVersionWhenTheSameSchemaIsRegisteredAgainWithOtherWhitespace() {
        String s = subject();
        int id = http().post("/subjects/" + s + "/versions", schemaBody(V1)).json().get("id").asInt();

        RegistryHttp.Reply again = http().post("/subjects/" + s + "/versions?normalize=true",
                schemaBody(V1.replace(",", ",\n    ")));

        assertThat(again.json().get("id").asInt()).isEqualTo(id);
        assertThat(http().get("/subjects/" + s + "/versions").json().toString()).isEqualTo("[1]");
    }

    @Test
    void shouldLookUpASchemaUnderItsSubject() {
        String s = subject();
        int id = register(s, V1);

        RegistryHttp.Reply found = http().post("/subjects/" + s, schemaBody(V1));
        RegistryHttp.Reply unknownSubject = http().post("/subjects/nobody-" + s, schemaBody(V1));
        RegistryHttp.Reply unknownSchema = http().post("/subjects/" + s, schemaBody(V2));

        assertThat(found.status()).isEqualTo(200);
        assertThat(fields(found.json())).containsExactly("subject", "version", "id", "schema");
        assertThat(found.json().get("id").asInt()).isEqualTo(id);
        assertThat(found.json().get("version").asInt()).isEqualTo(1);
        assertError(unknownSubject, 404, 40401, "Subject 'nobody-" + s + "' not found.");
        assertError(unknownSchema, 404, 40403, "Schema not found");
    }

    @Test
    void shouldServeSchemasByIdWithoutSchemaTypeForAvro() {
        String s = subject();
        int id = register(s, V1);

        RegistryHttp.Reply byId = http().get("/schemas/ids/" + id);
        RegistryHttp.Reply usages = http().get("/schemas/ids/" + id + "/versions");

        assertThat(fields(byId.json())).containsExactly("schema");
        assertThat(byId.json().get("schema").asText()).contains("\"Finding\"");
        assertThat(usages.json().toString()).contains("{\"subject\":\"" + s + "\",\"version\":1}");
        assertError(http().get("/schemas/ids/987654"), 404, 40403, "Schema 987654 not found");
        assertThat(http().get("/schemas/types").json().toString()).isEqualTo("[\"AVRO\"]");
    }

    @Test
    void shouldListSubjectsVersionsAndServeAVersion() {
        String s = subject();
        register(s, V1);
        int id2 = register(s, V2);

        RegistryHttp.Reply latest = http().get("/subjects/" + s + "/versions/latest");

        assertThat(http().get("/subjects").json()).extracting(JsonNode::asText).contains(s);
        assertThat(http().get("/subjects/" + s + "/versions").json().toString()).isEqualTo("[1,2]");
        assertThat(fields(latest.json())).containsExactly("subject", "version", "id", "schema");
        assertThat(latest.json().get("version").asInt()).isEqualTo(2);
        assertThat(latest.json().get("id").asInt()).isEqualTo(id2);
        assertThat(http().get("/subjects/" + s + "/versions/1").json().get("version").asInt()).isEqualTo(1);
        assertError(http().get("/subjects/" + s + "/versions/9"), 404, 40402, "Version 9 not found.");
        assertThat(http().get("/subjects/" + s + "/versions/first").json().get("error_code").asInt()).isEqualTo(42202);
        assertThat(http().get("/subjects/nobody-" + s + "/versions").json().get("error_code").asInt()).isEqualTo(40401);
    }

    @Test
    void shouldRefuseAnIncompatibleSchemaWith409() {
        String s = subject();
        register(s, V1);

        RegistryHttp.Reply refused = http().post("/subjects/" + s + "/versions", schemaBody(V2_REQUIRED));

        assertThat(refused.status()).isEqualTo(409);
        assertThat(fields(refused.json())).containsExactly("error_code", "message");
        assertThat(refused.json().get("error_code").asInt()).isEqualTo(409);
        assertThat(refused.json().get("message").asText()).startsWith(
                "Schema being registered is incompatible with an earlier schema for subject \"" + s + "\", details: [");
    }

    @Test
    void shouldRefuseInvalidAvroWith42201() {
        RegistryHttp.Reply refused = http().post("/subjects/" + subject() + "/versions",
                schemaBody("{\"type\":\"record\",\"name\":\"NoFields\"}"));

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().get("error_code").asInt()).isEqualTo(42201);
        assertThat(refused.json().get("message").asText()).startsWith("Invalid schema");
    }

    @Test
    void shouldQuoteAHugeInvalidSchemaOnlyInPart() {
        // Avro's own reason quotes the offending name: six million characters of it must not come back.
        String name = "x-".repeat(3_000_000);
        RegistryHttp.Reply refused = http().post("/subjects/" + subject() + "/versions",
                schemaBody("{\"type\":\"record\",\"name\":\"" + name + "\",\"fields\":[]}"));

        assertThat(refused.status()).isEqualTo(422);
        String message = refused.json().get("message").asText();
        assertThat(message).startsWith("Invalid schema").contains("characters)");
        assertThat(message.length()).isLessThan(5_000);
    }

    @Test
    void shouldReadAndChangeCompatibilityConfig() {
        String s = subject();

        assertThat(fields(http().get("/config").json())).containsExactly("compatibilityLevel");
        assertThat(http().put("/config", "{\"compatibility\":\"BACKWARD\"}").json().toString())
                .isEqualTo("{\"compatibility\":\"BACKWARD\"}");
        assertError(http().get("/config/" + s), 404, 40408,
                "Subject '" + s + "' does not have subject-level compatibility configured");
        assertThat(http().get("/config/" + s + "?defaultToGlobal=true").json().toString())
                .isEqualTo("{\"compatibilityLevel\":\"BACKWARD\"}");
        assertThat(http().put("/config/" + s, "{\"compatibility\":\"full\"}").json().toString())
                .isEqualTo("{\"compatibility\":\"FULL\"}");
        assertThat(http().get("/config/" + s).json().toString()).isEqualTo("{\"compatibilityLevel\":\"FULL\"}");
        RegistryHttp.Reply invalid = http().put("/config/" + s, "{\"compatibility\":\"SIDEWAYS\"}");
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.json().get("error_code").asInt()).isEqualTo(42203);
    }

    @Test
    void shouldApplyTheSubjectLevelWhenRegistering() {
        String s = subject();
        register(s, V1);
        http().put("/config/" + s, "{\"compatibility\":\"FORWARD\"}");

        // Adding a required field breaks BACKWARD but is fine for FORWARD.
        assertThat(http().post("/subjects/" + s + "/versions", schemaBody(V2_REQUIRED)).status()).isEqualTo(200);
        http().put("/config/" + s, "{\"compatibility\":\"FULL\"}");
        String v3 = V2_REQUIRED.replace("{\"name\":\"score\",\"type\":\"int\"}",
                "{\"name\":\"score\",\"type\":\"int\"},{\"name\":\"x\",\"type\":\"int\"}");
        assertThat(http().post("/subjects/" + s + "/versions", schemaBody(v3)).status()).isEqualTo(409);
    }

    @Test
    void shouldTestCompatibilityAgainstAVersion() {
        String s = subject();
        register(s, V1);

        RegistryHttp.Reply ok = http().post("/compatibility/subjects/" + s + "/versions/latest", schemaBody(V2));
        RegistryHttp.Reply bad = http().post(
                "/compatibility/subjects/" + s + "/versions/1?verbose=true", schemaBody(V2_REQUIRED));

        assertThat(ok.json().toString()).isEqualTo("{\"is_compatible\":true}");
        assertThat(fields(bad.json())).containsExactly("is_compatible", "messages");
        assertThat(bad.json().get("is_compatible").asBoolean()).isFalse();
        assertThat(bad.json().get("messages").isArray()).isTrue();
        assertThat(http().post("/compatibility/subjects/nobody-" + s + "/versions/latest", schemaBody(V2))
                .json().get("error_code").asInt()).isEqualTo(40401);
        assertThat(http().post("/compatibility/subjects/" + s + "/versions/7", schemaBody(V2))
                .json().get("error_code").asInt()).isEqualTo(40402);
    }

    @Test
    void shouldSoftDeleteAVersionThenTheSubject() {
        String s = subject();
        int id = register(s, V1);
        register(s, V2);

        assertThat(http().delete("/subjects/" + s + "/versions/1").json().toString()).isEqualTo("1");
        assertThat(http().get("/subjects/" + s + "/versions").json().toString()).isEqualTo("[2]");
        assertThat(http().delete("/subjects/" + s).json().toString()).isEqualTo("[2]");
        assertThat(http().get("/subjects/" + s + "/versions").json().get("error_code").asInt()).isEqualTo(40401);
        // Consumers still need old ids after a soft delete.
        assertThat(http().get("/schemas/ids/" + id).status()).isEqualTo(200);
        assertThat(http().get("/subjects?deleted=true").json()).extracting(JsonNode::asText).contains(s);
    }

    @Test
    void shouldAnswerUnknownPathsWithConfluents404() {
        RegistryHttp.Reply reply = http().get("/no/such/path");

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.json().toString()).isEqualTo("{\"error_code\":404,\"message\":\"HTTP 404 Not Found\"}");
    }

    @Test
    void shouldAnswerAMalformedBodyWithAnErrorAndNoStackTrace() {
        RegistryHttp.Reply reply = http().post("/subjects/" + subject() + "/versions", "{not json");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("error_code").asInt()).isEqualTo(400);
        assertThat(reply.json().get("message").asText()).doesNotContain("\tat ", "Exception");
    }

    int register(String subject, String schema) {
        RegistryHttp.Reply reply = http().post("/subjects/" + subject + "/versions", schemaBody(schema));
        assertThat(reply.status()).as(reply.json().toString()).isEqualTo(200);
        return reply.json().get("id").asInt();
    }

    static List<String> fields(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    static void assertError(RegistryHttp.Reply reply, int status, int errorCode, String message) {
        assertThat(reply.status()).isEqualTo(status);
        assertThat(reply.json().toString()).isEqualTo(
                RegistryHttp.JSON.createObjectNode().put("error_code", errorCode).put("message", message).toString());
    }
}
