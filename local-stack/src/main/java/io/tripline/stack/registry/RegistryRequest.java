package io.tripline.stack.registry;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.tripline.core.normalize.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * One HTTP request as the routes see it: method, decoded path segments, query parameters and the
 * raw body, free of {@code HttpExchange} so routes can be read (and tested) as plain code.
 */
record RegistryRequest(String method, List<String> path, Map<String, String> query, byte[] body) {

    /**
     * Read limits (docs/json-limits.md): the body limit bounds the document and the one long string a
     * request holds (the schema text); request bodies are shallow, so nesting stays at the normalizers'.
     */
    private static final ObjectMapper JSON = JsonMapper.builder(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(Json.MAX_NESTING)
                    .maxNumberLength(Json.MAX_NUMBER)
                    .maxStringLength(RegistryHttpHandler.MAX_BODY_BYTES)
                    .maxDocumentLength(RegistryHttpHandler.MAX_BODY_BYTES)
                    .build())
            .build()).build();

    /** A boolean query flag such as {@code ?deleted=true}; absent means false. */
    boolean flag(String name) {
        return Boolean.parseBoolean(query.getOrDefault(name, "false"));
    }

    /**
     * The body as a JSON object.
     *
     * @throws RegistryException 400 when the body is missing or not a JSON object
     */
    JsonNode json() {
        if (body.length == 0) {
            throw new RegistryException(400, 400, "Request body is empty; expected a JSON object");
        }
        try {
            JsonNode node = JSON.readTree(new String(body, StandardCharsets.UTF_8));
            if (node == null || !node.isObject()) {
                throw new RegistryException(400, 400, "Request body must be a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new RegistryException(400, 400, "Invalid JSON body: " + e.getOriginalMessage());
        }
    }
}
