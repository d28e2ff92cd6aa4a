package io.tripline.bench;

import java.nio.file.Path;

/** The command line of {@code tripline bench}. */
record BenchOptions(int records, int repeat, int e2eSeconds, Path json) {

    static BenchOptions parse(String[] args) {
        int records = 200_000;
        int repeat = 3;
        int e2eSeconds = 60;
        Path json = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> {
                    records = 50_000;
                    e2eSeconds = 20;
                }
                case "--e2e-seconds" -> e2eSeconds = positive("--e2e-seconds", value(args, ++i, "--e2e-seconds"));
                case "--records" -> records = positive("--records", value(args, ++i, "--records"));
                case "--repeat" -> repeat = positive("--repeat", value(args, ++i, "--repeat"));
                case "--json" -> json = Path.of(value(args, ++i, "--json"));
                default -> throw new IllegalArgumentException("unknown argument '" + args[i] + "'");
            }
        }
        return new BenchOptions(records, repeat, e2eSeconds, json);
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args[i];
    }

    private static int positive(String flag, String text) {
        try {
            int value = Integer.parseInt(text);
            if (value < 1) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " must be a positive number, got '" + text + "'");
        }
    }
}
