package io.tripline.stack.demo;

import java.nio.file.Path;
import java.time.Duration;

/** The command line of {@code tripline demo}. */
record DemoOptions(String scenario, boolean keepRunning, Path summary, boolean keepData, double speed, Duration timeout,
                   Path root, boolean help) {

    static final String USAGE = "usage: tripline demo [--scenario ssh-brute-force|compromised-user|data-exposure]"
            + " [--keep-running] [--summary FILE] [--keep-data] [--speed N] [--timeout SECONDS]";

    static DemoOptions parse(String[] args, Path root) {
        String scenario = "ssh-brute-force";
        boolean keepRunning = false;
        Path summary = null;
        boolean keepData = false;
        double speed = 30;
        Duration timeout = Duration.ofSeconds(170);
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--scenario" -> scenario = value(args, ++i, "--scenario");
                case "--keep-running" -> keepRunning = true;
                case "--summary" -> summary = Path.of(value(args, ++i, "--summary"));
                case "--keep-data" -> keepData = true;
                case "--speed" -> speed = positive("--speed", value(args, ++i, "--speed"));
                case "--timeout" -> timeout = Duration.ofSeconds((long) positive("--timeout", value(args, ++i, "--timeout")));
                case "-h", "--help" -> help = true;
                default -> throw new IllegalArgumentException("unknown argument '" + args[i] + "'");
            }
        }
        if (!DemoExpectations.SCENARIOS.contains(scenario)) {
            throw new IllegalArgumentException("unknown scenario '" + scenario + "' (shipped: " + DemoExpectations.SCENARIOS + ")");
        }
        return new DemoOptions(scenario, keepRunning, summary, keepData, speed, timeout, root, help);
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args[i];
    }

    private static double positive(String flag, String text) {
        try {
            double value = Double.parseDouble(text);
            if (value <= 0) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " must be a positive number, got '" + text + "'");
        }
    }
}
