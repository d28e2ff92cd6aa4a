package io.tripline.stack;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

import io.tripline.stack.kafka.KafkaBroker;
import io.tripline.stack.kafka.PortInUseException;
import io.tripline.stack.registry.RegistryConfig;
import io.tripline.stack.registry.SchemaRegistryServer;

/**
 * {@code ./tripline stack}: a real KRaft broker (child JVM) and the Confluent-compatible schema
 * registry, for local runs and for pointing other tools at. Prints one line per endpoint once both
 * answer and runs until interrupted; Ctrl-C stops the registry and the broker process.
 */
public final class StackMain {

    static final String USAGE = "usage: tripline stack [--kafka-port PORT] [--registry-port PORT] [--data-dir DIR]";

    private StackMain() {
    }

    public static void main(String[] args) {
        StackOptions options;
        try {
            options = StackOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("tripline stack: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.println(USAGE);
            return;
        }
        int exit = run(options, System.out, System.err, new CountDownLatch(1));
        if (exit != 0) {
            System.exit(exit);
        }
    }

    /** Starts the stack, prints the endpoints and blocks until {@code stop} opens or the JVM shuts down. */
    static int run(StackOptions options, PrintStream out, PrintStream err, CountDownLatch stop) {
        KafkaBroker broker = null;
        SchemaRegistryServer registry = null;
        try {
            broker = KafkaBroker.start(KafkaBroker.Options.defaults()
                    .dataDir(options.dataDir().resolve("kafka"))
                    .port(options.kafkaPort()));
            registry = SchemaRegistryServer.start(RegistryConfig.of(broker.bootstrapServers())
                    .withPort(options.registryPort()));
            out.println("kafka: " + broker.bootstrapServers());
            out.println("schema-registry: " + registry.url());
            out.flush();
            KafkaBroker startedBroker = broker;
            SchemaRegistryServer startedRegistry = registry;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                startedRegistry.close();
                startedBroker.close();
                stop.countDown();
            }, "stack-stop"));
            stop.await();
            return 0;
        } catch (PortInUseException e) {
            err.println("tripline stack: " + e.getMessage());
            closeQuietly(registry, broker);
            return 1;
        } catch (Exception e) {
            err.println("tripline stack: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            closeQuietly(registry, broker);
            return 1;
        }
    }

    private static void closeQuietly(SchemaRegistryServer registry, KafkaBroker broker) {
        if (registry != null) {
            registry.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    /** Parsed command line of {@code tripline stack}. */
    record StackOptions(int kafkaPort, int registryPort, Path dataDir, boolean help) {

        static StackOptions parse(String[] args) {
            int kafkaPort = 9092;
            int registryPort = 8081;
            Path dataDir = Path.of(".tripline", "stack");
            boolean help = false;
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "--kafka-port" -> kafkaPort = port(arg, value(args, ++i, arg));
                    case "--registry-port" -> registryPort = port(arg, value(args, ++i, arg));
                    case "--data-dir" -> dataDir = Path.of(value(args, ++i, arg));
                    case "-h", "--help" -> help = true;
                    default -> throw new IllegalArgumentException("unknown argument '" + arg + "'");
                }
            }
            return new StackOptions(kafkaPort, registryPort, dataDir, help);
        }

        private static String value(String[] args, int i, String flag) {
            if (i >= args.length || args[i].startsWith("--")) {
                throw new IllegalArgumentException(flag + " needs a value");
            }
            return args[i];
        }

        private static int port(String flag, String text) {
            try {
                int port = Integer.parseInt(text);
                if (port < 0 || port > 65535) {
                    throw new NumberFormatException();
                }
                return port;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(flag + " must be a port number (0-65535), got '" + text + "'");
            }
        }
    }
}
