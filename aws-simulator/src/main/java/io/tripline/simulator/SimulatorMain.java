package io.tripline.simulator;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.util.concurrent.CountDownLatch;

/**
 * The {@code aws-simulator} command: {@code --port 4566 --scenario NAME|FILE --speed N --seed N
 * --enforce-limits}. Prints {@code aws-simulator: http://127.0.0.1:<port>} once ready and serves until
 * SIGINT. Exit codes: 2 for bad arguments (usage on stderr), 1 when the port is taken.
 */
public final class SimulatorMain {

    static final String USAGE = "usage: aws-simulator [--port N] [--scenario NAME|FILE] [--speed N] [--seed N] [--enforce-limits]";

    private SimulatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        SimulatorOptions options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("aws-simulator: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        AwsSimulator simulator;
        try {
            simulator = AwsSimulator.start(options);
        } catch (UncheckedIOException e) {
            System.err.println(e.getCause() instanceof BindException
                    ? "aws-simulator: port " + options.port() + " is already in use"
                    : "aws-simulator: cannot start on port " + options.port() + ": " + e.getCause().getMessage());
            System.exit(1);
            return;
        } catch (IllegalArgumentException e) {
            System.err.println("aws-simulator: " + e.getMessage());
            System.exit(2);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            simulator.close();
            stopped.countDown();
        }, "aws-simulator-shutdown"));
        PrintStream out = System.out;
        out.println("aws-simulator: " + simulator.endpoint());
        out.flush();
        stopped.await();
    }

    /** Parses the command line; throws IllegalArgumentException with the reason on bad input. */
    static SimulatorOptions parse(String[] args) {
        SimulatorOptions options = SimulatorOptions.defaults().withPort(4566);
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--port" -> options = options.withPort(intValue(arg, value(args, ++i, arg), 0, 65535));
                case "--scenario" -> options = options.withScenario(value(args, ++i, arg));
                case "--speed" -> {
                    String v = value(args, ++i, arg);
                    try {
                        double speed = Double.parseDouble(v);
                        if (!(speed > 0)) {
                            throw new NumberFormatException();
                        }
                        options = options.withSpeed(speed);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("--speed needs a positive number, got '" + v + "'");
                    }
                }
                case "--seed" -> {
                    String v = value(args, ++i, arg);
                    try {
                        options = options.withSeed(Long.parseLong(v));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("--seed needs an integer, got '" + v + "'");
                    }
                }
                case "--enforce-limits" -> options = options.withEnforceLimits(true);
                default -> throw new IllegalArgumentException("unknown argument '" + arg + "'");
            }
        }
        return options;
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args[i];
    }

    private static int intValue(String flag, String v, int min, int max) {
        try {
            int n = Integer.parseInt(v);
            if (n < min || n > max) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " needs an integer between " + min + " and " + max + ", got '" + v + "'");
        }
    }
}
