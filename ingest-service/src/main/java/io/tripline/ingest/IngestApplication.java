package io.tripline.ingest;

import java.nio.file.Files;
import java.nio.file.Path;

import io.micronaut.runtime.Micronaut;

/**
 * Entry point of {@code ./tripline ingest [--config FILE]}: starts the Micronaut application; the
 * optional YAML file is layered over the built-in defaults, and environment variables override both.
 */
public final class IngestApplication {

    private IngestApplication() {
    }

    public static void main(String[] args) {
        String config = null;
        for (int i = 0; i < args.length; i++) {
            if ("--config".equals(args[i]) && i + 1 < args.length) {
                config = args[++i];
            }
        }
        if (config != null) {
            if (!Files.isReadable(Path.of(config))) {
                System.err.println("ingest: cannot read config file " + config);
                System.exit(2);
            }
            System.setProperty("micronaut.config.files", Path.of(config).toAbsolutePath().toString());
        }
        try {
            Micronaut.build(new String[0]).mainClass(IngestApplication.class).start();
        } catch (RuntimeException e) {
            System.err.println("ingest: failed to start: " + rootMessage(e));
            System.exit(1);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable current = e;
        while (current.getCause() != null && current.getCause() != current) {
            if (current.getMessage() != null && current.getMessage().contains("tripline.ingest")) {
                return current.getMessage();
            }
            current = current.getCause();
        }
        return String.valueOf(current.getMessage());
    }
}
