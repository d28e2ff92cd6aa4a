package io.tripline.simulator.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Reads scenarios (YAML or JSON) by classpath name ({@code ssh-brute-force} →
 * {@code scenarios/ssh-brute-force.yaml}), by file path, or inline text, and expands the timeline:
 * repeats unrolled, {@code file:} entries read as JSON Lines from the scenario's directory, the
 * classpath {@code scenarios/} folder or the shared corpus ({@code tripline.corpus.dir}).
 */
public final class ScenarioLoader {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final String[] EXTENSIONS = {".yaml", ".yml", ".json"};

    private ScenarioLoader() {
    }

    /** Loads a scenario from a classpath name, a file path or inline YAML/JSON text. */
    public static Scenario load(String nameOrPathOrInline) {
        String ref = nameOrPathOrInline.trim();
        if (ref.contains("\n") || ref.startsWith("{")) {
            return parse(readTree(ref), null);
        }
        for (String ext : EXTENSIONS) {
            String resource = "scenarios/" + ref + (ref.endsWith(ext) ? "" : ext);
            String text = classpath(resource);
            if (text != null) {
                return parse(readTree(text), null);
            }
        }
        Path path = Path.of(ref);
        if (Files.isRegularFile(path)) {
            try {
                return parse(readTree(Files.readString(path)), path.toAbsolutePath().getParent());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new IllegalArgumentException("No scenario named or at '" + ref + "' (classpath scenarios/, file path)");
    }

    /** Names of the scenarios shipped on the classpath. */
    public static List<String> builtIn() {
        return List.of("ssh-brute-force", "compromised-user", "data-exposure");
    }

    static Scenario parse(JsonNode root, Path baseDir) {
        String name = root.path("name").asText("inline");
        Instant start = root.hasNonNull("start") ? Instant.parse(root.get("start").asText()) : null;
        JsonNode accounts = root.path("accounts");
        String defaultAccount = accounts.path(0).path("id").asText(io.tripline.simulator.core.World.DEFAULT_ACCOUNT);
        String defaultRegion = accounts.path(0).path("regions").path(0).asText("us-east-1");
        List<Signal> signals = new ArrayList<>();
        for (JsonNode entry : root.path("timeline")) {
            Duration at = Duration.parse(entry.path("at").asText("PT0S"));
            String account = entry.path("account").asText(defaultAccount);
            String region = entry.path("region").asText(defaultRegion);
            int count = entry.path("repeat").path("count").asInt(1);
            Duration every = Duration.parse(entry.path("repeat").path("every").asText("PT0S"));
            List<Signal.Kind> kinds = new ArrayList<>();
            List<ObjectNode> bodies = new ArrayList<>();
            if (entry.hasNonNull("file")) {
                Signal.Kind kind = Signal.Kind.valueOf(entry.path("type").asText());
                for (JsonNode line : readLines(entry.get("file").asText(), baseDir)) {
                    for (ObjectNode body : ShapeNormalizer.normalize(kind, line)) {
                        kinds.add(kind);
                        bodies.add(body);
                    }
                }
            }
            for (Signal.Kind kind : Signal.Kind.values()) {
                if (entry.path(kind.name()).isObject()) {
                    kinds.add(kind);
                    bodies.add((ObjectNode) entry.get(kind.name()));
                }
            }
            if (bodies.isEmpty()) {
                throw new IllegalArgumentException("Timeline entry at " + at + " has no guardduty, securityhub, cloudtrail or file");
            }
            for (int i = 0; i < count; i++) {
                for (int j = 0; j < bodies.size(); j++) {
                    signals.add(new Signal(at.plus(every.multipliedBy(i)), account, region, kinds.get(j), bodies.get(j)));
                }
            }
        }
        signals.sort(Comparator.comparing(Signal::at)); // stable: same-offset signals keep file order
        return new Scenario(name, root.path("description").asText(""), start, accounts, List.copyOf(signals));
    }

    private static List<JsonNode> readLines(String file, Path baseDir) {
        String text = null;
        if (baseDir != null && Files.isRegularFile(baseDir.resolve(file))) {
            text = read(baseDir.resolve(file));
        }
        if (text == null) {
            text = classpath("scenarios/" + file);
        }
        if (text == null) {
            Path corpus = corpusDir();
            if (corpus != null && Files.isRegularFile(corpus.resolve(file))) {
                text = read(corpus.resolve(file));
            }
        }
        if (text == null && Files.isRegularFile(Path.of(file))) {
            text = read(Path.of(file));
        }
        if (text == null) {
            throw new IllegalArgumentException("Scenario file not found: " + file
                    + " (scenario directory, classpath scenarios/, tripline.corpus.dir)");
        }
        List<JsonNode> lines = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isBlank()) {
                try {
                    lines.add(io.tripline.simulator.core.SimJson.MAPPER.readTree(line));
                } catch (IOException e) {
                    throw new IllegalArgumentException("Bad JSON line in " + file + ": " + e.getMessage(), e);
                }
            }
        }
        return lines;
    }

    /** The shared corpus: system property tripline.corpus.dir, env TRIPLINE_CORPUS_DIR, or ../shared/corpus upwards. */
    static Path corpusDir() {
        String configured = System.getProperty("tripline.corpus.dir", System.getenv("TRIPLINE_CORPUS_DIR"));
        if (configured != null) {
            return Path.of(configured);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/corpus");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static JsonNode readTree(String text) {
        try {
            return YAML.readTree(text); // YAML is a superset of JSON
        } catch (IOException e) {
            throw new IllegalArgumentException("Unreadable scenario: " + e.getMessage(), e);
        }
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String classpath(String resource) {
        try (InputStream in = ScenarioLoader.class.getClassLoader().getResourceAsStream(resource)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
