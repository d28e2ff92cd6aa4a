package io.tripline.stack.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code tripline demo}: the whole pipeline on one machine. A real KRaft broker, the schema registry, the
 * AWS simulator playing an attack scenario, and the ingest, enrich and respond services as separate
 * JVMs talking over real Kafka topics with Avro on the wire; the narrative of what happens is printed as
 * it happens, then a summary. Exit 0 when the scenario's expectations held, 1 when they did not, 2 on
 * bad usage.
 */
public final class DemoMain {

    private DemoMain() {
    }

    public static void main(String[] args) {
        Path root = Path.of(System.getProperty("tripline.root", ".")).toAbsolutePath().normalize();
        DemoOptions options;
        try {
            options = DemoOptions.parse(args, root);
        } catch (IllegalArgumentException e) {
            System.err.println("tripline demo: " + e.getMessage());
            System.err.println(DemoOptions.USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.println(DemoOptions.USAGE);
            return;
        }
        int code = run(options, System.out, System.err);
        System.exit(code);
    }

    static int run(DemoOptions options, PrintStream out, PrintStream err) {
        Path dir = options.root().resolve(".tripline").resolve("demo-" + System.currentTimeMillis());
        try (DemoRun demo = new DemoRun(options, dir, out)) {
            demo.start();
            DemoSummary summary = demo.awaitOutcome();
            out.print(summary.table());
            if (options.keepData()) {
                out.println("simulator state written to " + demo.dumpSimulatorState());
            }
            if (options.summary() != null) {
                Files.writeString(options.summary(), summary.json());
                out.println("summary written to " + options.summary());
            }
            if (options.keepRunning()) {
                out.println("running until Ctrl-C (--keep-running)");
                demo.awaitInterrupt();
            }
            List<String> failed = summary.failedChecks();
            return failed.isEmpty() ? 0 : 1;
        } catch (IOException | RuntimeException e) {
            err.println("tripline demo: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } finally {
            if (!options.keepData()) {
                DemoRun.deleteQuietly(dir);
            } else {
                out.println("demo data kept in " + dir);
            }
        }
    }
}
