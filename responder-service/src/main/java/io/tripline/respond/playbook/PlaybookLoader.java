package io.tripline.respond.playbook;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads playbooks from files, directories ({@code *.yaml}/{@code *.yml}) or {@code classpath:DIR}
 * (listed in {@code DIR/index.txt}). Any problem — YAML syntax, unknown key, unknown action or mode,
 * missing name, duplicate name — fails with the file, line and reason.
 */
public final class PlaybookLoader {

    private static final YAMLMapper YAML = (YAMLMapper) new YAMLMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private PlaybookLoader() {
    }

    public static List<Playbook> load(List<String> locations) {
        List<Playbook> all = new ArrayList<>();
        Map<String, String> names = new HashMap<>();
        for (String location : locations) {
            for (Playbook playbook : loadLocation(location)) {
                String previous = names.putIfAbsent(playbook.getName(), playbook.source());
                if (previous != null) {
                    throw new PlaybookException(playbook.source(), 0, "duplicate playbook name '" + playbook.getName()
                            + "' (also in " + previous + ")", null);
                }
                all.add(playbook);
            }
        }
        return all;
    }

    private static List<Playbook> loadLocation(String location) {
        if (location.startsWith("classpath:")) {
            String dir = location.substring("classpath:".length()).replaceAll("/+$", "");
            String index = read(dir + "/index.txt");
            List<Playbook> out = new ArrayList<>();
            for (String line : index.split("\n")) {
                String name = line.trim();
                if (!name.isEmpty() && !name.startsWith("#")) {
                    out.add(parse("classpath:" + dir + "/" + name, read(dir + "/" + name)));
                }
            }
            return out;
        }
        Path path = Path.of(location);
        try {
            if (Files.isDirectory(path)) {
                try (Stream<Path> files = Files.list(path)) {
                    List<Path> yaml = files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
                            .sorted().toList();
                    List<Playbook> out = new ArrayList<>();
                    for (Path file : yaml) {
                        out.add(parse(file.toString(), Files.readString(file)));
                    }
                    return out;
                }
            }
            return List.of(parse(path.toString(), Files.readString(path)));
        } catch (IOException e) {
            throw new PlaybookException(location, 0, "cannot read: " + e.getMessage(), e);
        }
    }

    /** Parses one playbook document; {@code file} only names it in errors. */
    public static Playbook parse(String file, String yaml) {
        Playbook playbook;
        try {
            playbook = YAML.readValue(yaml, Playbook.class);
        } catch (JsonMappingException e) {
            throw new PlaybookException(file, line(e.getLocation()), reason(e), e);
        } catch (JsonProcessingException e) {
            throw new PlaybookException(file, line(e.getLocation()), e.getOriginalMessage(), e);
        }
        if (playbook == null) {
            throw new PlaybookException(file, 1, "empty document", null);
        }
        if (playbook.getName() == null) {
            throw new PlaybookException(file, 1, "'name' is required", null);
        }
        if (playbook.getActions().isEmpty()) {
            throw new PlaybookException(file, 1, "'actions' must list at least one action", null);
        }
        if (playbook.getMatch().isEmpty()) {
            throw new PlaybookException(file, 1, "'match' must have at least one rule", null);
        }
        playbook.source(file);
        return playbook;
    }

    private static String reason(JsonMappingException e) {
        // a setter's IllegalArgumentException is the most useful part; Jackson's wrapper text is noise
        Throwable cause = e.getCause();
        while (cause != null) {
            if (cause instanceof IllegalArgumentException) {
                return "'" + e.getPathReference().replaceAll(".*\\[\"|\"\\]$", "") + "': " + cause.getMessage();
            }
            cause = cause.getCause();
        }
        return e.getOriginalMessage().split("\n")[0];
    }

    private static int line(JsonLocation location) {
        return location == null ? 0 : location.getLineNr();
    }

    private static String read(String resource) {
        try (InputStream in = PlaybookLoader.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new PlaybookException("classpath:" + resource, 0, "not found on the classpath", null);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new PlaybookException("classpath:" + resource, 0, "cannot read: " + e.getMessage(), e);
        }
    }
}
