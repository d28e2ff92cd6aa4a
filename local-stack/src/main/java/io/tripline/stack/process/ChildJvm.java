package io.tripline.stack.process;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A Tripline service running in its own JVM from a module's build output ({@code target/classes} and
 * {@code target/lib}), with its output in a log file. Stopped by {@link #close()}, by a shutdown hook
 * of this JVM, and by its own watchdog if this JVM dies hard.
 */
public final class ChildJvm implements AutoCloseable {

    private final String name;
    private final ProcessBuilder builder;
    private final Process process;
    private final Path log;
    private final Thread hook;

    private ChildJvm(String name, ProcessBuilder builder, Path log) throws IOException {
        this.name = name;
        this.builder = builder;
        this.process = builder.start();
        this.log = log;
        this.hook = new Thread(this::stop, "stop-" + name);
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Starts {@code mainClass} of {@code module} (a directory under {@code root}) with {@code args} and extra env. */
    public static ChildJvm start(String name, Path root, String module, String mainClass, List<String> args,
                                 Map<String, String> env, List<String> jvmOptions, Path log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-Dorg.apache.avro.SERIALIZABLE_PACKAGES=io.tripline.schema.v1");
        command.add("-D" + ParentWatchdog.PARENT_PID_PROPERTY + "=" + ProcessHandle.current().pid());
        command.add("-cp");
        command.add(classpath(root, module));
        command.add(ChildMain.class.getName());
        command.add(mainClass);
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        return new ChildJvm(name, builder, log);
    }

    /** The module's classes and runtime jars, plus this module's classes for {@link ChildMain}. */
    static String classpath(Path root, String module) throws IOException {
        Path moduleDir = root.resolve(module).resolve("target");
        Path classes = moduleDir.resolve("classes");
        Path lib = moduleDir.resolve("lib");
        if (!Files.isDirectory(classes) || !Files.isDirectory(lib)) {
            throw new IOException(module + " is not built (" + moduleDir + " has no classes/ or lib/): run ./tripline build");
        }
        List<String> entries = new ArrayList<>();
        entries.add(classes.toString());
        try (Stream<Path> jars = Files.list(lib)) {
            jars.filter(j -> j.toString().endsWith(".jar")).sorted().forEach(j -> entries.add(j.toString()));
        }
        entries.add(ownLocation());
        return String.join(File.pathSeparator, entries);
    }

    private static String ownLocation() {
        try {
            return Path.of(ChildMain.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate local-stack classes", e);
        }
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path log() {
        return log;
    }

    /**
     * Ends the service JVM with SIGKILL (no shutdown hooks, no flush, no transaction abort) and waits
     * until it is gone: the crash a fault test wants. The process is the service's own {@code java},
     * not a wrapper, so nothing of the service survives.
     */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException(name + " (pid " + process.pid() + ") still runs 30 s after SIGKILL");
        }
        removeHook();
    }

    /** Starts the same command again (same arguments, environment and log file) as a new process. */
    public ChildJvm restart() throws IOException {
        if (process.isAlive()) {
            throw new IllegalStateException(name + " (pid " + process.pid() + ") is still running");
        }
        return new ChildJvm(name, builder, log);
    }

    @Override
    public void close() {
        stop();
        removeHook();
    }

    private void removeHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running already
        }
    }

    private void stop() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
