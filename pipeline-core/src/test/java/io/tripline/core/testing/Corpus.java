package io.tripline.core.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import io.tripline.core.normalize.Json;

/**
 * The read-only public sample corpus in {@code ../shared/corpus} (system property
 * {@code tripline.corpus.dir}, set by the build): JSON Lines files of real CloudTrail records,
 * GuardDuty and Security Hub findings, and labelled rule tests.
 */
public final class Corpus {

    private Corpus() {
    }

    public static Path dir() {
        String configured = System.getProperty("tripline.corpus.dir");
        Path dir = configured != null ? Path.of(configured) : Path.of("..", "..", "shared", "corpus");
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("sample corpus not found at " + dir.toAbsolutePath()
                    + " (expected ../shared/corpus beside the repository)");
        }
        return dir;
    }

    public static Path file(String relative) {
        return dir().resolve(relative);
    }

    /** One parsed JSON line with its origin, for messages that point at the failing line. */
    public record Line(String file, int number, JsonNode json) {
        @Override
        public String toString() {
            return file + ":" + number;
        }
    }

    public static List<Line> lines(String relative) {
        try {
            List<Line> out = new ArrayList<>();
            List<String> text = Files.readAllLines(file(relative));
            for (int i = 0; i < text.size(); i++) {
                if (!text.get(i).isBlank()) {
                    out.add(new Line(relative, i + 1, Json.parse(text.get(i))));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every .jsonl file under a corpus folder, sorted. */
    public static List<String> files(String folder) {
        try (var stream = Files.list(dir().resolve(folder))) {
            return stream.filter(p -> p.toString().endsWith(".jsonl"))
                    .map(p -> folder + "/" + p.getFileName())
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
