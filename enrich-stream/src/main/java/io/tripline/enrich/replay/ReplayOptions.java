package io.tripline.enrich.replay;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The command line of {@code tripline replay} over files. */
public record ReplayOptions(List<Path> inputs, Path out, Path rulesDir, ReplayReader.Format format, boolean help) {

    public static final String USAGE = "usage: tripline replay --input PATH... [--out FILE] [--rules DIR]"
            + " [--format auto|cloudtrail|guardduty|securityhub]";

    /** Parses arguments; throws {@link IllegalArgumentException} with what is wrong. */
    public static ReplayOptions parse(String[] args) {
        List<Path> inputs = new ArrayList<>();
        Path out = null;
        Path rules = null;
        ReplayReader.Format format = ReplayReader.Format.AUTO;
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--input" -> {
                    while (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                        inputs.add(Path.of(args[++i]));
                    }
                    if (inputs.isEmpty()) {
                        throw new IllegalArgumentException("--input needs at least one path");
                    }
                }
                case "--out" -> out = Path.of(value(args, ++i, "--out"));
                case "--rules" -> rules = Path.of(value(args, ++i, "--rules"));
                case "--format" -> {
                    String text = value(args, ++i, "--format");
                    try {
                        format = ReplayReader.Format.valueOf(text.toUpperCase(Locale.ROOT));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("--format must be auto, cloudtrail, guardduty or securityhub, got '"
                                + text + "'");
                    }
                }
                case "-h", "--help" -> help = true;
                default -> throw new IllegalArgumentException("unknown argument '" + args[i] + "'");
            }
        }
        if (!help && inputs.isEmpty()) {
            throw new IllegalArgumentException("--input is required");
        }
        return new ReplayOptions(List.copyOf(inputs), out, rules, format, help);
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args[i];
    }
}
