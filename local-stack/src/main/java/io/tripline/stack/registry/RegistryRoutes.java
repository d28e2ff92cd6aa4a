package io.tripline.stack.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Maps Confluent's REST paths onto {@link RegistryService} and shapes the answers exactly as
 * Confluent does (field names, order, error codes), since Confluent's serializers and our client
 * parse them.
 */
final class RegistryRoutes {

    /** A JSON answer with its HTTP status. */
    record Response(int status, JsonNode body) {
        static Response ok(JsonNode body) {
            return new Response(200, body);
        }
    }

    static final RegistryException NOT_FOUND = new RegistryException(404, 404, "HTTP 404 Not Found");
    static final RegistryException METHOD_NOT_ALLOWED =
            new RegistryException(405, 405, "HTTP 405 Method Not Allowed");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RegistryService service;

    RegistryRoutes(RegistryService service) {
        this.service = service;
    }

    Response route(RegistryRequest request) {
        List<String> p = request.path();
        if (p.isEmpty()) {
            requireMethod(request, "GET");
            return Response.ok(JSON.createObjectNode());
        }
        switch (p.get(0)) {
            case "subjects":
                return subjects(request, p);
            case "schemas":
                return schemas(request, p);
            case "config":
                return config(request, p);
            case "compatibility":
                return compatibility(request, p);
            case "mode":
                if (p.size() <= 2) {
                    requireMethod(request, "GET");
                    return Response.ok(JSON.createObjectNode().put("mode", "READWRITE"));
                }
                throw NOT_FOUND;
            default:
                throw NOT_FOUND;
        }
    }

    private Response subjects(RegistryRequest request, List<String> p) {
        boolean deleted = request.flag("deleted");
        if (p.size() == 1) {
            requireMethod(request, "GET");
            return Response.ok(strings(service.subjects(deleted)));
        }
        String subject = p.get(1);
        if (p.size() == 2) {
            if (request.method().equals("POST")) {
                StoredSchema found = service.lookup(subject, schemaText(request.json()), deleted);
                return Response.ok(schemaJson(found));
            }
            requireMethod(request, "DELETE");
            return Response.ok(ints(service.deleteSubject(subject, request.flag("permanent"))));
        }
        if (!p.get(2).equals("versions")) {
            throw NOT_FOUND;
        }
        if (p.size() == 3) {
            if (request.method().equals("POST")) {
                int id = service.register(subject, schemaText(request.json()));
                return Response.ok(JSON.createObjectNode().put("id", id));
            }
            requireMethod(request, "GET");
            return Response.ok(ints(service.versions(subject, deleted).stream()
                    .map(StoredSchema::version).toList()));
        }
        String version = p.get(3);
        if (p.size() == 4) {
            if (request.method().equals("DELETE")) {
                return Response.ok(JSON.getNodeFactory().numberNode(
                        service.deleteVersion(subject, version, request.flag("permanent"))));
            }
            requireMethod(request, "GET");
            return Response.ok(schemaJson(service.version(subject, version, deleted)));
        }
        if (p.size() == 5 && p.get(4).equals("schema")) {
            requireMethod(request, "GET");
            return Response.ok(rawSchema(service.version(subject, version, deleted).schema()));
        }
        throw NOT_FOUND;
    }

    private Response schemas(RegistryRequest request, List<String> p) {
        if (p.size() == 2 && p.get(1).equals("types")) {
            requireMethod(request, "GET");
            return Response.ok(strings(List.of("AVRO")));
        }
        if (p.size() < 3 || !p.get(1).equals("ids")) {
            throw NOT_FOUND;
        }
        requireMethod(request, "GET");
        int id = parseId(p.get(2));
        if (p.size() == 3) {
            // schemaType is omitted for AVRO, as Confluent does.
            return Response.ok(JSON.createObjectNode().put("schema", service.schemaById(id)));
        }
        if (p.size() == 4) {
            switch (p.get(3)) {
                case "schema":
                    return Response.ok(rawSchema(service.schemaById(id)));
                case "versions": {
                    ArrayNode pairs = JSON.createArrayNode();
                    service.usagesOf(id, request.flag("deleted")).forEach(s ->
                            pairs.addObject().put("subject", s.subject()).put("version", s.version()));
                    return Response.ok(pairs);
                }
                case "subjects":
                    return Response.ok(strings(service.usagesOf(id, request.flag("deleted")).stream()
                            .map(StoredSchema::subject).distinct().toList()));
                default:
                    throw NOT_FOUND;
            }
        }
        throw NOT_FOUND;
    }

    private Response config(RegistryRequest request, List<String> p) {
        if (p.size() > 2) {
            throw NOT_FOUND;
        }
        String subject = p.size() == 2 ? p.get(1) : null;
        switch (request.method()) {
            case "GET": {
                CompatibilityLevel level = subject == null
                        ? service.globalLevel()
                        : service.subjectLevel(subject).orElseGet(() -> {
                            if (request.flag("defaultToGlobal")) {
                                return service.globalLevel();
                            }
                            throw RegistryException.subjectLevelConfigNotFound(subject);
                        });
                return Response.ok(JSON.createObjectNode().put("compatibilityLevel", level.name()));
            }
            case "PUT": {
                JsonNode body = request.json();
                // Confluent's field is "compatibility"; "compatibilityLevel" is what GET returns, so accept both.
                JsonNode value = body.hasNonNull("compatibility")
                        ? body.get("compatibility") : body.get("compatibilityLevel");
                CompatibilityLevel level = CompatibilityLevel.parse(value == null ? null : value.asText())
                        .orElseThrow(RegistryException::invalidCompatibilityLevel);
                service.setLevel(subject, level);
                return Response.ok(JSON.createObjectNode().put("compatibility", level.name()));
            }
            case "DELETE": {
                if (subject == null) {
                    throw METHOD_NOT_ALLOWED;
                }
                CompatibilityLevel previous = service.deleteSubjectLevel(subject);
                return Response.ok(JSON.createObjectNode().put("compatibilityLevel", previous.name()));
            }
            default:
                throw METHOD_NOT_ALLOWED;
        }
    }

    private Response compatibility(RegistryRequest request, List<String> p) {
        if (p.size() < 4 || p.size() > 5 || !p.get(1).equals("subjects") || !p.get(3).equals("versions")) {
            throw NOT_FOUND;
        }
        requireMethod(request, "POST");
        String version = p.size() == 5 ? p.get(4) : null;
        List<String> problems = service.testCompatibility(p.get(2), version, schemaText(request.json()));
        ObjectNode answer = JSON.createObjectNode().put("is_compatible", problems.isEmpty());
        if (request.flag("verbose")) {
            answer.set("messages", strings(problems));
        }
        return Response.ok(answer);
    }

    /** The {@code schema} field of a register/lookup/compatibility body; only AVRO is served. */
    private static String schemaText(JsonNode body) {
        JsonNode type = body.get("schemaType");
        if (type != null && !type.isNull() && !"AVRO".equalsIgnoreCase(type.asText())) {
            throw RegistryException.invalidSchema(
                    "Invalid schema type " + type.asText() + "; this registry serves AVRO only");
        }
        JsonNode references = body.get("references");
        if (references != null && references.isArray() && !references.isEmpty()) {
            throw RegistryException.invalidSchema("Schema references are not supported by this registry");
        }
        JsonNode schema = body.get("schema");
        if (schema == null || !schema.isTextual() || schema.asText().isBlank()) {
            throw RegistryException.invalidSchema("Empty schema");
        }
        return schema.asText();
    }

    private static ObjectNode schemaJson(StoredSchema s) {
        return JSON.createObjectNode()
                .put("subject", s.subject())
                .put("version", s.version())
                .put("id", s.id())
                .put("schema", s.schema());
    }

    private static JsonNode rawSchema(String schema) {
        try {
            return JSON.readTree(schema);
        } catch (Exception e) {
            return JSON.getNodeFactory().textNode(schema);
        }
    }

    private static int parseId(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            // Confluent (JAX-RS) answers a non-numeric path parameter with a plain 404.
            throw NOT_FOUND;
        }
    }

    private static void requireMethod(RegistryRequest request, String method) {
        if (!request.method().equals(method)) {
            throw METHOD_NOT_ALLOWED;
        }
    }

    private static ArrayNode strings(List<String> values) {
        ArrayNode array = JSON.createArrayNode();
        values.forEach(array::add);
        return array;
    }

    private static ArrayNode ints(List<Integer> values) {
        ArrayNode array = JSON.createArrayNode();
        values.forEach(array::add);
        return array;
    }
}
