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
            new Launcher().mainClass(IngestApplication.class).banner(false).start();
        } catch (RuntimeException e) {
            // one line naming the key; the stack trace would only bury it
            System.err.println("ingest: failed to start: " + rootMessage(e));
            System.exit(1);
        }
    }

    /** Micronaut without its own startup-failure handling (an ERROR log with the stack trace, then exit). */
    private static final class Launcher extends Micronaut {
        @Override
        protected void handleStartupException(io.micronaut.context.env.Environment environment, Throwable exception) {
            if (exception instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(exception);
        }
    }

    /** The configuration problem when there is one (it names the key), else the root cause, on one line. */
    static String rootMessage(Throwable e) {
        Throwable current = e;
        Throwable last = e;
        while (current != null) {
            String message = current.getMessage();
            if (message != null) {
                int at = message.indexOf("Invalid ingest configuration:");
                if (at >= 0) {
                    return firstLine(message.substring(at));
                }
            }
            last = current;
            current = current.getCause() == current ? null : current.getCause();
        }
        return firstLine(last.getClass().getSimpleName() + ": " + last.getMessage());
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).trim();
    }
}
