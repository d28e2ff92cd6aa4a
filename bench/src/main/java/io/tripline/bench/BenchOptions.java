package io.tripline.bench;

import java.nio.file.Path;

/** The command line of {@code tripline bench}. */
record BenchOptions(int records, int repeat, Path json) {

    static BenchOptions parse(String[] args) {
        int records = 200_000;
        int repeat = 3;
        Path json = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> records = 50_000;
                case "--records" -> records = positive("--records", value(args, ++i, "--records"));
                case "--repeat" -> repeat = positive("--repeat", value(args, ++i, "--repeat"));
                case "--json" -> json = Path.of(value(args, ++i, "--json"));
                default -> throw new IllegalArgumentException("unknown argument '" + args[i] + "'");
            }
        }
        return new BenchOptions(records, repeat, json);
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
