package io.tripline.enrich.sigma;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Loads Sigma rules into a {@link RuleSet}: the classpath pack ({@code rules/**.yml}), an optional
 * directory, YAML text (multi-document, {@code ---}) or already-parsed JSON objects such as the
 * SigmaHQ corpus lines. Each rejected document becomes a {@link LoadReport.Problem} with its source
 * and reason; the rest still load. The first document with a given id wins; later ones are
 * reported as duplicates. Sources are read in sorted order, so loading is deterministic.
 *
 * <pre>{@code
 * RuleSet rules = new RuleLoader(Map.of("Legitimate_Countries", List.of("DE", "FR")))
 *         .addClasspathPack()
 *         .addDirectory(Path.of("/etc/tripline/rules"))
 *         .build();
 * }</pre>
 */
public final class RuleLoader {

    /** Classpath folder of Tripline's own rule pack. */
    public static final String CLASSPATH_PACK = "rules";

    private static final Logger LOG = LoggerFactory.getLogger(RuleLoader.class);
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final RuleParser parser;
    private final List<SigmaRule> rules = new ArrayList<>();
    private final List<CorrelationRule> correlations = new ArrayList<>();
    private final List<LoadReport.Problem> problems = new ArrayList<>();
    private final Set<String> ids = new HashSet<>();

    /** @param placeholders values for {@code |expand} placeholders ({@code %Name%} → values) */
    public RuleLoader(Map<String, List<String>> placeholders) {
        this.parser = new RuleParser(Map.copyOf(placeholders));
    }

    /** A loader without placeholder values: rules using {@code |expand} are skipped and reported. */
    public RuleLoader() {
        this(Map.of());
    }

    /** Adds every {@code .yml}/{@code .yaml} file under {@code rules/} on the classpath. */
    public RuleLoader addClasspathPack() {
        URL url = RuleLoader.class.getClassLoader().getResource(CLASSPATH_PACK);
        if (url == null) {
            problems.add(new LoadReport.Problem("classpath:" + CLASSPATH_PACK, null, "rule pack not on classpath", false));
            return this;
        }
        try {
            URI uri = url.toURI();
            if ("jar".equals(uri.getScheme())) {
                // the zip file system stays open: closing it would break other readers of the same jar
                FileSystem fs;
                try {
                    fs = FileSystems.newFileSystem(uri, Map.of());
                } catch (FileSystemAlreadyExistsException e) {
                    fs = FileSystems.getFileSystem(uri);
                }
                addTree(fs.getPath(CLASSPATH_PACK), "classpath:");
            } else {
                addTree(Path.of(uri), "classpath:" + CLASSPATH_PACK + "/");
            }
        } catch (URISyntaxException | IOException e) {
            problems.add(new LoadReport.Problem("classpath:" + CLASSPATH_PACK, null, "cannot list rule pack: " + e, false));
        }
        return this;
    }

    /** Adds every {@code .yml}/{@code .yaml} file below {@code dir} (recursively). */
    public RuleLoader addDirectory(Path dir) {
        if (!Files.isDirectory(dir)) {
            problems.add(new LoadReport.Problem(dir.toString(), null, "not a directory", false));
            return this;
        }
        try {
            addTree(dir, "");
        } catch (IOException e) {
            problems.add(new LoadReport.Problem(dir.toString(), null, "cannot list directory: " + e, false));
        }
        return this;
    }

    private void addTree(Path root, String label) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(p -> p.toString().endsWith(".yml") || p.toString().endsWith(".yaml"))
                    .sorted()
                    .toList();
        }
        for (Path file : files) {
            String source = label.isEmpty() ? file.toString() : label + root.relativize(file);
            try {
                addYaml(source, Files.readString(file, StandardCharsets.UTF_8));
            } catch (IOException | UncheckedIOException e) {
                problems.add(new LoadReport.Problem(source, null, "cannot read: " + e.getMessage(), false));
            }
        }
    }

    /** Adds every document of a (possibly multi-document) YAML text. */
    public RuleLoader addYaml(String source, String yaml) {
        List<JsonNode> docs = new ArrayList<>();
        try (JsonParser p = YAML.getFactory().createParser(yaml);
             MappingIterator<JsonNode> it = YAML.readValues(p, JsonNode.class)) {
            while (it.hasNextValue()) {
                docs.add(it.nextValue());
            }
        } catch (IOException | RuntimeException e) {
            problems.add(new LoadReport.Problem(source, null, "invalid YAML: " + firstLine(e.getMessage()), false));
            return this;
        }
        for (int i = 0; i < docs.size(); i++) {
            addDocument(docs.size() == 1 ? source : source + "#" + (i + 1), docs.get(i));
        }
        return this;
    }

    /** Adds one rule given as a JSON (or YAML-parsed) object. */
    public RuleLoader addDocument(String source, JsonNode doc) {
        if (doc == null || doc.isNull() || doc.isMissingNode()) {
            return this; // an empty document between '---' separators
        }
        String id = doc.path("id").isValueNode() ? doc.path("id").asText(null) : null;
        if (!doc.isObject()) {
            problem(source, null, "a rule must be a map, got " + doc.getNodeType(), false);
            return this;
        }
        try {
            if (RuleParser.isCorrelation(doc)) {
                CorrelationRule c = parser.correlationRule(doc, source);
                if (claim(source, c.id())) {
                    correlations.add(c);
                }
            } else {
                SigmaRule r = parser.detectionRule(doc, source);
                if (claim(source, r.id())) {
                    rules.add(r);
                }
            }
        } catch (SigmaRuleException e) {
            problem(source, id, e.getMessage(), e.skipped());
        } catch (RuntimeException e) {
            problem(source, id, "cannot compile: " + e, false);
        }
        return this;
    }

    private boolean claim(String source, String id) {
        if (!ids.add(id)) {
            problem(source, id, "duplicate rule id " + id, false);
            return false;
        }
        return true;
    }

    private void problem(String source, String id, String reason, boolean skipped) {
        if (skipped) {
            LOG.warn("Sigma rule {} ({}) skipped: {}", id, source, reason);
        } else {
            LOG.error("Sigma rule {} ({}) rejected: {}", id, source, reason);
        }
        problems.add(new LoadReport.Problem(source, id, reason, skipped));
    }

    /**
     * Resolves correlation references and freezes the set. Correlations whose referenced rules are
     * missing (or are themselves correlations: chaining is not supported) are reported and dropped.
     */
    public RuleSet build() {
        List<CorrelationRule> resolved = new ArrayList<>();
        for (CorrelationRule c : correlations) {
            List<String> missing = new ArrayList<>();
            for (String ref : c.rules()) {
                boolean found = rules.stream().anyMatch(r -> ref.equals(r.id()) || ref.equals(r.name()));
                if (!found) {
                    missing.add(ref);
                }
            }
            if (missing.isEmpty()) {
                resolved.add(c);
            } else {
                problem(c.source(), c.id(), "correlation references unknown or unsupported rules " + missing, false);
            }
        }
        LoadReport report = new LoadReport(rules.size(), resolved.size(), problems);
        LOG.info("Loaded {} Sigma detection rules and {} correlation rules ({} problems)",
                rules.size(), resolved.size(), problems.size());
        return new RuleSet(rules, resolved, report);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
