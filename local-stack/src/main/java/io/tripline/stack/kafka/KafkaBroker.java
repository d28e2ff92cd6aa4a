package io.tripline.stack.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node KRaft broker (broker and controller in one process) running in a child JVM from
 * the kafka_2.13 jars on this JVM's classpath. Storage is formatted once and the cluster id kept in the
 * data directory, so a restart on the same directory keeps every topic. The child is stopped by
 * {@link #close()}, by a shutdown hook of this JVM, and by its own watchdog if this JVM dies hard.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaBroker.class);
    private static final String CLUSTER_ID_FILE = "cluster.id";

    private final Options options;
    private final int port;
    private final int controllerPort;
    private final Process process;
    private final Thread shutdownHook;

    private KafkaBroker(Options options, int port, int controllerPort, Process process) {
        this.options = options;
        this.port = port;
        this.controllerPort = controllerPort;
        this.process = process;
        this.shutdownHook = new Thread(this::stopChild, "kafka-broker-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Formats storage if needed, starts the child JVM and waits until the broker answers. */
    public static KafkaBroker start(Options options) throws IOException {
        int port = Ports.claim(options.port);
        int controllerPort = Ports.claim(options.controllerPort);
        Path dataDir = options.dataDir.toAbsolutePath();
        Files.createDirectories(dataDir);
        Path logDir = dataDir.resolve("kafka-logs");
        Path config = writeServerProperties(options, dataDir, logDir, port, controllerPort);
        Path log4j = writeLog4jConfig(dataDir);
        String classpath = ChildClasspath.current();
        if (!Files.exists(logDir.resolve("meta.properties"))) {
            format(options, dataDir, config, log4j, classpath);
        }
        Process process = launch(options, dataDir, config, log4j, classpath);
        KafkaBroker broker = new KafkaBroker(options, port, controllerPort, process);
        try {
            broker.awaitReady();
        } catch (IOException | RuntimeException e) {
            broker.close();
            throw e;
        }
        LOG.info("Kafka broker pid {} ready on {} (data {})", process.pid(), broker.bootstrapServers(), dataDir);
        return broker;
    }

    /**
     * Stops this broker (controlled shutdown, killed after the stop timeout) and starts a new one on the
     * same data directory, client port and controller port, so clients reconnect to the same address and
     * find every topic, committed offset and transaction state again. This instance is closed afterwards.
     */
    public KafkaBroker restart() throws IOException {
        close();
        return start(options.copy().port(port).controllerPort(controllerPort));
    }

    /** {@code localhost:<port>}, for clients in this or any other process on the machine. */
    public String bootstrapServers() {
        return "localhost:" + port;
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path dataDir() {
        return options.dataDir;
    }

    @Override
    public void close() {
        stopChild();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or has run: nothing left to remove
        }
    }

    private void stopChild() {
        if (!process.isAlive()) {
            return;
        }
        // SIGTERM lets Kafka run a controlled shutdown; a broker that hangs is killed after the grace period.
        process.destroy();
        try {
            if (!process.waitFor(options.stopTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("Kafka broker pid {} did not stop within {}; killing it", process.pid(), options.stopTimeout);
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private void awaitReady() throws IOException {
        long deadline = System.nanoTime() + options.startTimeout.toNanos();
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("Kafka broker exited with code " + process.exitValue() + " during start; last output:\n"
                        + tail(options.dataDir.resolve("broker.out")));
            }
            try (Admin admin = Admin.create(props)) {
                if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
                    return;
                }
            } catch (Exception notYet) {
                sleep(300);
            }
        }
        throw new IOException("Kafka broker did not become ready within " + options.startTimeout + "; last output:\n"
                + tail(options.dataDir.resolve("broker.out")));
    }

    private static void format(Options options, Path dataDir, Path config, Path log4j, String classpath) throws IOException {
        Path idFile = dataDir.resolve(CLUSTER_ID_FILE);
        String clusterId = Files.exists(idFile) ? Files.readString(idFile).trim() : Uuid.randomUuid().toString();
        Files.writeString(idFile, clusterId);
        List<String> command = javaCommand(options, log4j, classpath);
        command.addAll(List.of("kafka.tools.StorageTool", "format", "--cluster-id", clusterId,
                "--config", config.toString(), "--ignore-formatted"));
        Path out = dataDir.resolve("format.out");
        Process format = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        try {
            if (!format.waitFor(120, TimeUnit.SECONDS)) {
                format.destroyForcibly();
                throw new IOException("Kafka storage format timed out");
            }
        } catch (InterruptedException e) {
            format.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while formatting Kafka storage", e);
        }
        if (format.exitValue() != 0) {
            throw new IOException("Kafka storage format failed (exit " + format.exitValue() + "):\n" + tail(out));
        }
    }

    private static Process launch(Options options, Path dataDir, Path config, Path log4j, String classpath) throws IOException {
        List<String> command = javaCommand(options, log4j, classpath);
        command.add("-D" + BrokerMain.PARENT_PID_PROPERTY + "=" + ProcessHandle.current().pid());
        command.add(BrokerMain.class.getName());
        command.add(config.toString());
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("broker.out").toFile()))
                .start();
    }

    private static List<String> javaCommand(Options options, Path log4j, String classpath) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + options.heap);
        command.add("-Xms64m");
        command.add("-XX:+UseSerialGC");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-Djava.awt.headless=true");
        command.add("-Dlog4j2.configurationFile=" + log4j);
        command.add("-cp");
        command.add(classpath);
        return command;
    }

    private static Path writeServerProperties(Options options, Path dataDir, Path logDir, int port, int controllerPort)
            throws IOException {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("process.roles", "broker,controller");
        props.put("node.id", "1");
        props.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        props.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://localhost:" + port);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("log.dirs", logDir.toString());
        // One node: every replication factor and ISR minimum is 1.
        props.put("offsets.topic.replication.factor", "1");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("default.replication.factor", "1");
        props.put("min.insync.replicas", "1");
        // Fewer internal partitions: coordinators load faster on a 2-core machine.
        props.put("offsets.topic.num.partitions", "5");
        props.put("transaction.state.log.num.partitions", "5");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("num.partitions", "1");
        // The default 128 MiB dedupe buffer does not fit a small heap; compacted topics need the cleaner.
        props.put("log.cleaner.dedupe.buffer.size", String.valueOf(8 * 1024 * 1024));
        props.put("log.cleaner.threads", "1");
        props.put("auto.create.topics.enable", "false");
        props.putAll(options.overrides);
        Path config = dataDir.resolve("server.properties");
        StringBuilder text = new StringBuilder("# written by Tripline local-stack\n");
        props.forEach((k, v) -> text.append(k).append('=').append(v.replace("\\", "\\\\")).append('\n'));
        Files.writeString(config, text.toString());
        return config;
    }

    private static Path writeLog4jConfig(Path dataDir) throws IOException {
        Path file = dataDir.resolve("broker-log4j2.properties");
        String config = String.join("\n",
                "status = error",
                "appender.file.type = File",
                "appender.file.name = file",
                "appender.file.fileName = " + dataDir.resolve("broker.log"),
                "appender.file.layout.type = PatternLayout",
                "appender.file.layout.pattern = %d{ISO8601} %-5p [%t] %c{1} - %m%n",
                "rootLogger.level = warn",
                "rootLogger.appenderRef.file.ref = file",
                "logger.server.name = kafka.server.KafkaRaftServer",
                "logger.server.level = info",
                "");
        Files.writeString(file, config);
        return file;
    }

    private static String tail(Path file) {
        try {
            if (!Files.exists(file)) {
                return "(no output)";
            }
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the broker", e);
        }
    }

    /** Broker settings; {@link #defaults()} suits tests and the local run. */
    public static final class Options {
        private Path dataDir = Path.of(".tripline", "kafka");
        private int port = 9092;
        private int controllerPort;
        private String heap = "512m";
        private Duration startTimeout = Duration.ofSeconds(120);
        private Duration stopTimeout = Duration.ofSeconds(20);
        private final Map<String, String> overrides = new LinkedHashMap<>();

        public static Options defaults() {
            return new Options();
        }

        Options copy() {
            Options copy = new Options();
            copy.dataDir = dataDir;
            copy.port = port;
            copy.controllerPort = controllerPort;
            copy.heap = heap;
            copy.startTimeout = startTimeout;
            copy.stopTimeout = stopTimeout;
            copy.overrides.putAll(overrides);
            return copy;
        }

        public Options dataDir(Path dir) {
            this.dataDir = dir;
            return this;
        }

        /** The client port; 0 picks a free one. */
        public Options port(int port) {
            this.port = port;
            return this;
        }

        /** The KRaft controller port; 0 (default) picks a free one. */
        public Options controllerPort(int port) {
            this.controllerPort = port;
            return this;
        }

        public Options heap(String heap) {
            this.heap = heap;
            return this;
        }

        public Options startTimeout(Duration timeout) {
            this.startTimeout = timeout;
            return this;
        }

        /** Any broker setting, e.g. {@code auto.create.topics.enable=true}. */
        public Options set(String key, String value) {
            overrides.put(key, value);
            return this;
        }
    }
}
