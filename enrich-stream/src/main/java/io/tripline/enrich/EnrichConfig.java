package io.tripline.enrich;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.tripline.enrich.detect.Suppression;

/**
 * Typed configuration of the enrich application, prefix {@code tripline.enrich}: read from a
 * {@code .properties} or YAML file, then environment variables override every key
 * ({@code TRIPLINE_ENRICH_BOOTSTRAP_SERVERS} for {@code tripline.enrich.bootstrap-servers}). Raw Kafka
 * Streams settings pass through under {@code kafka.*} (env {@code TRIPLINE_KAFKA_<NAME>}); incident correlation
 * and scoring settings under {@code tripline.enrich.incident.*} (env {@code TRIPLINE_ENRICH_INCIDENT_<NAME>}, see
 * {@code IncidentConfig}); suppression of repeated rule hits under {@code tripline.enrich.suppress.<level>} and
 * {@code tripline.enrich.suppress.rule.<rule id>} (env {@code TRIPLINE_ENRICH_SUPPRESS_<LEVEL>}, see
 * {@link Suppression}). A missing or
 * invalid value fails at start with a message naming the key. {@code ocsf-enabled} (default true) publishes
 * findings, detections and incidents also as OCSF on {@code tripline.ocsf}.
 */
public record EnrichConfig(String applicationId, String bootstrapServers, String schemaRegistryUrl, String topicPrefix,
                           Path rulesDir, short replicationFactor, boolean ocsf, Map<String, List<String>> placeholders,
                           Map<String, String> incident, Suppression suppression, Map<String, Object> kafka) {

    public static final String PREFIX = "tripline.enrich.";

    /** Loads {@code file} (may be null) and the environment. */
    public static EnrichConfig load(Path file, Map<String, String> env) {
        Map<String, String> settings = new TreeMap<>();
        if (file != null) {
            settings.putAll(read(file));
        }
        env.forEach((name, value) -> {
            if (name.startsWith("TRIPLINE_ENRICH_SUPPRESS_")) {
                // Levels only (TRIPLINE_ENRICH_SUPPRESS_LOW=2h): rule ids are set in the file.
                settings.put(PREFIX + "suppress." + name.substring("TRIPLINE_ENRICH_SUPPRESS_".length())
                        .toLowerCase(Locale.ROOT), value);
            } else if (name.startsWith("TRIPLINE_ENRICH_INCIDENT_")) {
                settings.put(PREFIX + "incident." + name.substring("TRIPLINE_ENRICH_INCIDENT_".length())
                        .toLowerCase(Locale.ROOT).replace('_', '-'), value);
            } else if (name.startsWith("TRIPLINE_ENRICH_")) {
                String key = PREFIX + name.substring("TRIPLINE_ENRICH_".length()).toLowerCase(Locale.ROOT).replace('_', '-');
                settings.put(key, value);
            } else if (name.startsWith("TRIPLINE_KAFKA_")) {
                settings.put("kafka." + name.substring("TRIPLINE_KAFKA_".length()).toLowerCase(Locale.ROOT).replace('_', '.'), value);
            }
        });
        return from(settings);
    }

    static EnrichConfig from(Map<String, String> settings) {
        Map<String, List<String>> placeholders = new TreeMap<>();
        Map<String, Object> kafka = new LinkedHashMap<>();
        Map<String, String> incident = new TreeMap<>();
        Map<String, String> suppress = new TreeMap<>();
        for (Map.Entry<String, String> entry : settings.entrySet()) {
            String key = entry.getKey();
            if (key.startsWith(PREFIX + "suppress.")) {
                suppress.put(key.substring((PREFIX + "suppress.").length()), entry.getValue());
            } else if (key.startsWith(PREFIX + "incident.")) {
                incident.put(key.substring((PREFIX + "incident.").length()), entry.getValue());
            } else if (key.startsWith(PREFIX + "placeholders.")) {
                placeholders.put(key.substring((PREFIX + "placeholders.").length()),
                        Arrays.stream(entry.getValue().split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList());
            } else if (key.startsWith("kafka.")) {
                kafka.put(key.substring("kafka.".length()), entry.getValue());
            } else if (key.startsWith(PREFIX) && !KNOWN.contains(key.substring(PREFIX.length()))) {
                throw new IllegalArgumentException("unknown configuration key " + key + " (known: " + KNOWN + ")");
            }
        }
        String rules = settings.get(PREFIX + "rules-dir");
        Path rulesDir = rules == null || rules.isBlank() ? null : Path.of(rules);
        if (rulesDir != null && !Files.isDirectory(rulesDir)) {
            throw new IllegalArgumentException(PREFIX + "rules-dir: not a directory: " + rulesDir);
        }
        return new EnrichConfig(
                settings.getOrDefault(PREFIX + "application-id", "tripline-enrich"),
                required(settings, "bootstrap-servers"),
                required(settings, "schema-registry-url"),
                settings.getOrDefault(PREFIX + "topic-prefix", ""),
                rulesDir,
                replicationFactor(settings.getOrDefault(PREFIX + "replication-factor", "1")),
                bool(settings.getOrDefault(PREFIX + "ocsf-enabled", "true"), "ocsf-enabled"),
                placeholders,
                incident,
                Suppression.from(suppress),
                kafka);
    }

    private static final List<String> KNOWN = List.of("application-id", "bootstrap-servers", "schema-registry-url",
            "topic-prefix", "rules-dir", "replication-factor", "ocsf-enabled");

    private static String required(Map<String, String> settings, String name) {
        String value = settings.get(PREFIX + name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(PREFIX + name + " is required (or env TRIPLINE_ENRICH_"
                    + name.toUpperCase(Locale.ROOT).replace('-', '_') + ")");
        }
        return value;
    }

    private static boolean bool(String text, String name) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(PREFIX + name + " must be true or false, got '" + text + "'");
        };
    }

    private static short replicationFactor(String text) {
        try {
            short value = Short.parseShort(text.trim());
            if (value < 1) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(PREFIX + "replication-factor must be a positive number, got '" + text + "'");
        }
    }

    private static Map<String, String> read(Path file) {
        String name = file.getFileName().toString();
        try (InputStream in = Files.newInputStream(file)) {
            if (name.endsWith(".yml") || name.endsWith(".yaml")) {
                Map<String, String> flat = new TreeMap<>();
                flatten("", new ObjectMapper(new YAMLFactory()).readTree(in), flat);
                return flat;
            }
            Properties props = new Properties();
            props.load(in);
            Map<String, String> out = new TreeMap<>();
            props.stringPropertyNames().forEach(k -> out.put(k, props.getProperty(k)));
            return out;
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read configuration file " + file + ": " + e.getMessage(), e);
        }
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
        if (node == null || node.isNull()) {
            return;
        }
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                flatten(prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey(), field.getValue(), out);
            }
        } else if (node.isArray()) {
            StringBuilder joined = new StringBuilder();
            node.forEach(item -> joined.append(joined.length() == 0 ? "" : ",").append(item.asText()));
            out.put(prefix, joined.toString());
        } else {
            out.put(prefix, node.asText());
        }
    }
}
