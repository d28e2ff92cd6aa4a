package io.tripline.enrich.sigma;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the shared public corpus (/work/shared/corpus, overridable with -Dtripline.corpus) and
 * brings every line to the flat CloudTrail record shape the engine sees in production: EventBridge
 * envelopes give their {@code detail}, {@code Records} files their first record, LookupEvents items
 * their parsed {@code CloudTrailEvent} string.
 */
final class CorpusEvents {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Path ROOT = Path.of(System.getProperty("tripline.corpus", "/work/shared/corpus"));

    private static final Map<String, List<JsonNode>> CACHE = new HashMap<>();

    private CorpusEvents() {
    }

    static boolean available() {
        return Files.isRegularFile(ROOT.resolve("LABELS.jsonl"));
    }

    /** Line {@code line} (1-based) of a corpus file, as a CloudTrail record. */
    static synchronized JsonNode record(String file, int line) {
        List<JsonNode> lines = CACHE.computeIfAbsent(file, f -> readLines(ROOT.resolve(f)));
        return unwrap(lines.get(line - 1));
    }

    static List<JsonNode> readLines(Path path) {
        try {
            List<JsonNode> out = new ArrayList<>();
            for (String l : Files.readAllLines(path)) {
                if (!l.isBlank()) {
                    out.add(JSON.readTree(l));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode unwrap(JsonNode node) {
        if (node.has("detail") && node.get("detail").has("eventName")) {
            return node.get("detail");
        }
        if (node.has("Records") && node.get("Records").isArray() && node.get("Records").size() > 0) {
            return node.get("Records").get(0);
        }
        if (node.has("CloudTrailEvent") && node.get("CloudTrailEvent").isTextual()) {
            try {
                return JSON.readTree(node.get("CloudTrailEvent").asText());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return node;
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
