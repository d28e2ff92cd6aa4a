package io.tripline.enrich.replay;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

import io.tripline.enrich.topology.DetectionStage;

/** Chooses the detection stage of a replay: the shipped rule pack plus an optional rules directory. */
final class DetectionStages {

    private DetectionStages() {
    }

    static DetectionStage forReplay(Path rulesDir, PrintStream warnings) throws IOException {
        if (rulesDir != null && !rulesDir.toFile().isDirectory()) {
            throw new IOException("rules directory not found: " + rulesDir);
        }
        return null;
    }
}
