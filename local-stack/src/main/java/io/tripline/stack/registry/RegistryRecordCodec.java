package io.tripline.stack.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Encodes and decodes schemas-topic records in Confluent's JSON format, field for field, so a
 * {@code confluentinc/cp-schema-registry} pointed at the same topic reads what we wrote and the
 * other way round.
 *
 * <pre>
 * {"keytype":"SCHEMA","subject":"s","version":1,"magic":1} → {"subject":"s","version":1,"id":1,"schema":"...","deleted":false}
 * {"keytype":"CONFIG","subject":null,"magic":0}            → {"compatibilityLevel":"FULL"}
 * {"keytype":"DELETE_SUBJECT","subject":"s","magic":0}     → {"subject":"s","version":3}
 * </pre>
 */
public final class RegistryRecordCodec {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RegistryRecordCodec() {}

    /** Key of a subject version (Confluent's SchemaKey, magic 1). */
    public static String schemaKey(String subject, int version) {
        ObjectNode key = JSON.createObjectNode();
        key.put("keytype", "SCHEMA");
        key.put("subject", subject);
        key.put("version", version);
        key.put("magic", 1);
        return write(key);
    }

    /** Value of a subject version (Confluent's SchemaValue; schemaType is omitted for AVRO). */
    public static String schemaValue(StoredSchema schema) {
        ObjectNode value = JSON.createObjectNode();
        value.put("subject", schema.subject());
        value.put("version", schema.version());
        value.put("id", schema.id());
        value.put("schema", schema.schema());
        value.put("deleted", schema.deleted());
        return write(value);
    }

    /** Key of the global ({@code subject == null}) or a subject's compatibility level. */
    public static String configKey(String subject) {
        ObjectNode key = JSON.createObjectNode();
        key.put("keytype", "CONFIG");
        key.put("subject", subject);
        key.put("magic", 0);
        return write(key);
    }

    public static String configValue(CompatibilityLevel level) {
        ObjectNode value = JSON.createObjectNode();
        value.put("compatibilityLevel", level.name());
        return write(value);
    }

    /** Key of a soft subject delete (Confluent's DeleteSubjectKey). */
    public static String deleteSubjectKey(String subject) {
        ObjectNode key = JSON.createObjectNode();
        key.put("keytype", "DELETE_SUBJECT");
        key.put("subject", subject);
        key.put("magic", 0);
        return write(key);
    }

    /** Value of a soft subject delete: versions up to and including {@code version} are deleted. */
    public static String deleteSubjectValue(String subject, int version) {
        ObjectNode value = JSON.createObjectNode();
        value.put("subject", subject);
        value.put("version", version);
        return write(value);
    }

    /**
     * Decodes one record; {@code value} is null for a tombstone.
     *
     * @throws IllegalArgumentException when the key or value is not the JSON we expect
     */
    public static RegistryRecord decode(String key, String value) {
        JsonNode k = read(key);
        String keyType = k.path("keytype").asText("");
        switch (keyType) {
            case "SCHEMA": {
                String subject = requiredText(k, "subject");
                int version = requiredInt(k, "version");
                if (value == null) {
                    return new RegistryRecord.SchemaTombstone(subject, version);
                }
                JsonNode v = read(value);
                String schemaType = v.path("schemaType").asText("AVRO");
                if (!"AVRO".equals(schemaType)) {
                    // A Confluent registry on the same topic may hold Protobuf/JSON schemas; we only serve Avro.
                    return new RegistryRecord.Ignored("SCHEMA/" + schemaType);
                }
                return new RegistryRecord.SchemaRecord(new StoredSchema(
                        subject, version, requiredInt(v, "id"), requiredText(v, "schema"),
                        v.path("deleted").asBoolean(false)));
            }
            case "CONFIG": {
                JsonNode subjectNode = k.get("subject");
                String subject = subjectNode == null || subjectNode.isNull() ? null : subjectNode.asText();
                if (value == null) {
                    return new RegistryRecord.ConfigRecord(subject, null);
                }
                String level = read(value).path("compatibilityLevel").asText(null);
                return new RegistryRecord.ConfigRecord(subject, CompatibilityLevel.parse(level)
                        .orElseThrow(() -> new IllegalArgumentException("unknown compatibilityLevel " + level)));
            }
            case "DELETE_SUBJECT": {
                if (value == null) {
                    return new RegistryRecord.Ignored(keyType);
                }
                JsonNode v = read(value);
                return new RegistryRecord.DeleteSubjectRecord(requiredText(k, "subject"), requiredInt(v, "version"));
            }
            case "CLEAR_SUBJECT":
                return new RegistryRecord.ClearSubjectRecord(requiredText(k, "subject"));
            default:
                return new RegistryRecord.Ignored(keyType);
        }
    }

    private static String requiredText(JsonNode node, String field) {
        JsonNode f = node.get(field);
        if (f == null || !f.isTextual()) {
            throw new IllegalArgumentException("missing text field '" + field + "'");
        }
        return f.asText();
    }

    private static int requiredInt(JsonNode node, String field) {
        JsonNode f = node.get(field);
        if (f == null || !f.canConvertToInt()) {
            throw new IllegalArgumentException("missing int field '" + field + "'");
        }
        return f.asInt();
    }

    private static JsonNode read(String json) {
        if (json == null) {
            throw new IllegalArgumentException("null key");
        }
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static String write(ObjectNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + node, e);
        }
    }
}
