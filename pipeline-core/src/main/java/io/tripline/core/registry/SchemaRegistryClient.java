package io.tripline.core.registry;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.avro.Schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A client for the Confluent Schema Registry REST API on {@code java.net.http}: register, lookup, get by
 * id, versions, compatibility checks and config. Ids and schemas are cached (an id never changes its
 * schema), so steady-state serialization makes no HTTP calls.
 */
public final class SchemaRegistryClient implements SchemaRegistry {

    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI baseUri;
    private final RegistryAuth auth;
    private final HttpClient http;
    private final Duration timeout;
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();
    private final Map<String, Integer> idsBySubjectAndSchema = new ConcurrentHashMap<>();

    public SchemaRegistryClient(String url) {
        this(url, RegistryAuth.none(), Duration.ofSeconds(10));
    }

    public SchemaRegistryClient(String url, RegistryAuth auth, Duration timeout) {
        String trimmed = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.baseUri = URI.create(trimmed);
        this.auth = auth;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    public URI baseUri() {
        return baseUri;
    }

    /** Registers {@code schema} under {@code subject} (no-op if present) and returns its global id. */
    @Override
    public int register(String subject, Schema schema) {
        String key = subject + '\n' + schema.toString();
        Integer cached = idsBySubjectAndSchema.get(key);
        if (cached != null) {
            return cached;
        }
        JsonNode answer = send("POST", "/subjects/" + encode(subject) + "/versions", schemaBody(schema));
        int id = answer.path("id").asInt();
        idsBySubjectAndSchema.put(key, id);
        schemasById.putIfAbsent(id, schema);
        return id;
    }

    /** Finds {@code schema} under {@code subject} without registering it. */
    public SchemaMetadata lookup(String subject, Schema schema) {
        JsonNode answer = send("POST", "/subjects/" + encode(subject), schemaBody(schema));
        SchemaMetadata metadata = metadata(answer);
        idsBySubjectAndSchema.put(subject + '\n' + schema.toString(), metadata.id());
        return metadata;
    }

    /** The id of {@code schema} under {@code subject}, from cache or by lookup. */
    @Override
    public int idOf(String subject, Schema schema) {
        Integer cached = idsBySubjectAndSchema.get(subject + '\n' + schema.toString());
        return cached != null ? cached : lookup(subject, schema).id();
    }

    /** The schema with global id {@code id}. */
    @Override
    public Schema schemaById(int id) {
        Schema cached = schemasById.get(id);
        if (cached != null) {
            return cached;
        }
        JsonNode answer = send("GET", "/schemas/ids/" + id, null);
        Schema schema = new Schema.Parser().parse(answer.path("schema").asText());
        schemasById.put(id, schema);
        return schema;
    }

    public List<String> subjects() {
        List<String> subjects = new ArrayList<>();
        send("GET", "/subjects", null).forEach(n -> subjects.add(n.asText()));
        return subjects;
    }

    public List<Integer> versions(String subject) {
        List<Integer> versions = new ArrayList<>();
        send("GET", "/subjects/" + encode(subject) + "/versions", null).forEach(n -> versions.add(n.asInt()));
        return versions;
    }

    /** A version of a subject: a number or {@code latest}. */
    public SchemaMetadata version(String subject, String version) {
        return metadata(send("GET", "/subjects/" + encode(subject) + "/versions/" + encode(version), null));
    }

    public SchemaMetadata latest(String subject) {
        return version(subject, "latest");
    }

    /** Whether {@code schema} may be registered against {@code version} (a number or latest) of the subject. */
    public boolean isCompatible(String subject, Schema schema, String version) {
        JsonNode answer = send("POST", "/compatibility/subjects/" + encode(subject) + "/versions/" + encode(version),
                schemaBody(schema));
        return answer.path("is_compatible").asBoolean(false);
    }

    /** The global compatibility level (subject null) or a subject's own level. */
    public String compatibility(String subject) {
        String path = subject == null ? "/config" : "/config/" + encode(subject) + "?defaultToGlobal=true";
        return send("GET", path, null).path("compatibilityLevel").asText();
    }

    /** Sets the global (subject null) or a subject's compatibility level; returns the level now in force. */
    public String setCompatibility(String subject, String level) {
        ObjectNode body = JSON.createObjectNode().put("compatibility", level);
        String path = subject == null ? "/config" : "/config/" + encode(subject);
        return send("PUT", path, body).path("compatibility").asText();
    }

    private static ObjectNode schemaBody(Schema schema) {
        return JSON.createObjectNode().put("schema", schema.toString());
    }

    private static SchemaMetadata metadata(JsonNode node) {
        return new SchemaMetadata(node.path("subject").asText(), node.path("version").asInt(), node.path("id").asInt(),
                node.path("schema").asText());
    }

    private JsonNode send(String method, String path, JsonNode body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUri + path))
                .timeout(timeout)
                .header("Accept", CONTENT_TYPE)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body.toString()));
        if (body != null) {
            request.header("Content-Type", CONTENT_TYPE);
        }
        auth.header().ifPresent(h -> request.header("Authorization", h));
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new RegistryException("schema registry at " + baseUri + " unreachable: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryException("interrupted calling the schema registry", e);
        }
        JsonNode answer = parse(response.body());
        if (response.statusCode() >= 300) {
            int code = answer.path("error_code").asInt(response.statusCode());
            String message = answer.path("message").asText(response.body());
            throw new RegistryException(response.statusCode(), code,
                    method + " " + path + " -> " + response.statusCode() + " (error_code " + code + "): " + message);
        }
        return answer;
    }

    private static JsonNode parse(String text) {
        if (text == null || text.isBlank()) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            return JSON.createObjectNode().put("message", text);
        }
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
