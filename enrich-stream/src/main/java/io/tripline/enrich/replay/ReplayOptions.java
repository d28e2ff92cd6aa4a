package io.tripline.enrich.replay;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The command line of {@code tripline replay}, in one of two exclusive modes: over exported files
 * ({@code --input}) or over the raw topics of a running pipeline ({@code --bootstrap-servers ... --from}).
 *
 * @param inputs            file mode: the files and directories to read
 * @param format            file mode: which shape to assume for bare records
 * @param query             topic mode: what to read; null in file mode
 * @param out               where the OCSF goes (null: stdout, unless {@code toTopic})
 * @param toTopic           topic mode: the investigation topic to write instead of a file, or null
 * @param replicationFactor replication factor of a created investigation topic
 * @param rulesDir          extra Sigma rules, or null
 * @param enrichConfig      the live enrich application's configuration file (incident settings, rule placeholders,
 *                          rules directory, suppression of repeated hits), or null for the defaults
 * @param allHits           {@code --all-hits}: publish every rule hit, none suppressed as a repeat
 * @param help              {@code --help} was given
 */
public record ReplayOptions(List<Path> inputs, ReplayReader.Format format, TopicQuery query, Path out, String toTopic,
                            short replicationFactor, Path rulesDir, Path enrichConfig, boolean allHits, boolean help) {

    public static final String USAGE = String.join("\n",
            "usage: tripline replay --input PATH... [--out FILE] [--format auto|cloudtrail|guardduty|securityhub]",
            "                       [--rules DIR] [--enrich-config FILE] [--all-hits]",
            "       tripline replay --bootstrap-servers HOST:PORT --from T1 [--to T2] [--account ID]... [--principal ARN|USER|KEY]...",
            "                       [--resource ID]... (--out FILE | --to-topic NAME [--replication-factor N])",
            "                       [--schema-registry-url URL] [--topic-prefix P] [--max-lateness DURATION]",
            "                       [--client-config FILE] [--rules DIR] [--enrich-config FILE] [--all-hits]",
            "  T1, T2: ISO-8601 instants (2024-05-01T12:00:00Z); the range is [T1, T2), T2 defaults to now;",
            "  DURATION: ISO-8601 (PT6H) or 90s/15m/6h/2d, default 6h; NAME: an investigation topic, e.g. tripline.investigation.case-42;",
            "  --all-hits: every rule hit becomes a detection (by default repeats of low and informational rules per",
            "  rule and entity within an hour are suppressed, as in the live application; see docs/rules.md)");

    static final String DEFAULT_REGISTRY = "http://127.0.0.1:8081";
    static final Duration DEFAULT_LATENESS = Duration.ofHours(6);

    public boolean topicMode() {
        return query != null;
    }

    /** Parses arguments with {@code --to} defaulting to now; throws {@link IllegalArgumentException} with what is wrong. */
    public static ReplayOptions parse(String[] args) {
        return parse(args, Instant::now);
    }

    static ReplayOptions parse(String[] args, Supplier<Instant> now) {
        List<Path> inputs = new ArrayList<>();
        Map<String, String> topicFlags = new LinkedHashMap<>();
        Set<String> accounts = new LinkedHashSet<>();
        Set<String> principals = new LinkedHashSet<>();
        Set<String> resources = new LinkedHashSet<>();
        Path out = null;
        Path rules = null;
        Path enrichConfig = null;
        String formatText = null;
        boolean help = false;
        boolean allHits = false;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            switch (flag) {
                case "--input" -> {
                    int before = inputs.size();
                    while (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                        inputs.add(Path.of(args[++i]));
                    }
                    if (inputs.size() == before) {
                        throw new IllegalArgumentException("--input needs at least one path");
                    }
                }
                case "--out" -> out = Path.of(value(args, ++i, flag));
                case "--rules" -> rules = Path.of(value(args, ++i, flag));
                case "--enrich-config" -> enrichConfig = Path.of(value(args, ++i, flag));
                case "--format" -> formatText = value(args, ++i, flag);
                case "--account" -> accounts.add(value(args, ++i, flag));
                case "--principal" -> principals.add(value(args, ++i, flag));
                case "--resource" -> resources.add(value(args, ++i, flag));
                case "--bootstrap-servers", "--from", "--to", "--to-topic", "--schema-registry-url", "--topic-prefix",
                     "--replication-factor", "--max-lateness", "--client-config" -> {
                    if (topicFlags.put(flag, value(args, ++i, flag)) != null) {
                        throw new IllegalArgumentException(flag + " given twice");
                    }
                }
                case "--all-hits" -> allHits = true;
                case "-h", "--help" -> help = true;
                default -> throw new IllegalArgumentException("unknown argument '" + flag + "'");
            }
        }
        if (help) {
            return new ReplayOptions(List.of(), ReplayReader.Format.AUTO, null, null, null, (short) 1, null, null, false, true);
        }
        boolean topicMode = topicFlags.containsKey("--bootstrap-servers");
        if (!inputs.isEmpty() && topicMode) {
            throw new IllegalArgumentException("--input (replay files) and --bootstrap-servers (replay topics) cannot be combined");
        }
        if (!topicMode) {
            if (inputs.isEmpty()) {
                throw new IllegalArgumentException(topicFlags.isEmpty() && accounts.isEmpty() && principals.isEmpty()
                        && resources.isEmpty()
                        ? "either --input PATH... (replay files) or --bootstrap-servers with --from (replay topics) is required"
                        : "--bootstrap-servers is required to replay topics");
            }
            if (!accounts.isEmpty() || !principals.isEmpty() || !resources.isEmpty() || !topicFlags.isEmpty()) {
                String flag = !topicFlags.isEmpty() ? topicFlags.keySet().iterator().next()
                        : !accounts.isEmpty() ? "--account" : !principals.isEmpty() ? "--principal" : "--resource";
                throw new IllegalArgumentException(flag + " applies only to replaying topics (--bootstrap-servers), not to --input");
            }
            return new ReplayOptions(List.copyOf(inputs), format(formatText), null, out, null, (short) 1, rules, enrichConfig, allHits, false);
        }
        if (formatText != null) {
            throw new IllegalArgumentException("--format applies only to --input; topic records are already typed");
        }
        if (!topicFlags.containsKey("--from")) {
            throw new IllegalArgumentException("--from is required to replay topics");
        }
        String toTopic = topicFlags.get("--to-topic");
        if (toTopic != null && out != null) {
            throw new IllegalArgumentException("--out and --to-topic cannot be combined: the OCSF goes to a file or to a topic");
        }
        if (toTopic == null && topicFlags.containsKey("--replication-factor")) {
            throw new IllegalArgumentException("--replication-factor applies only to --to-topic");
        }
        Instant from = instant("--from", topicFlags.get("--from"));
        Instant to = topicFlags.containsKey("--to") ? instant("--to", topicFlags.get("--to")) : now.get();
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("--from " + from + " must be before --to " + to);
        }
        String prefix = topicFlags.getOrDefault("--topic-prefix", "");
        short replication = replicationFactor(topicFlags.getOrDefault("--replication-factor", "1"));
        if (toTopic != null) {
            InvestigationTopic.of(toTopic, prefix, replication); // refuses production topics before anything is read
        }
        TopicQuery query = new TopicQuery(topicFlags.get("--bootstrap-servers"),
                topicFlags.getOrDefault("--schema-registry-url", DEFAULT_REGISTRY), prefix, from, to,
                duration("--max-lateness", topicFlags.getOrDefault("--max-lateness", "6h")),
                new ReplayFilter(accounts, principals, resources), clientConfig(topicFlags.get("--client-config")));
        return new ReplayOptions(List.of(), ReplayReader.Format.AUTO, query, out, toTopic, replication, rules, enrichConfig, allHits, false);
    }

    private static ReplayReader.Format format(String text) {
        if (text == null) {
            return ReplayReader.Format.AUTO;
        }
        try {
            return ReplayReader.Format.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--format must be auto, cloudtrail, guardduty or securityhub, got '" + text + "'");
        }
    }

    private static Instant instant(String flag, String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException again) {
                throw new IllegalArgumentException(flag + " must be an ISO-8601 instant such as 2024-05-01T12:00:00Z, got '"
                        + text + "'");
            }
        }
    }

    private static Duration duration(String flag, String text) {
        try {
            String t = text.trim().toLowerCase(Locale.ROOT);
            Duration d;
            if (t.startsWith("p")) {
                d = Duration.parse(t.toUpperCase(Locale.ROOT));
            } else {
                long n = Long.parseLong(t.substring(0, t.length() - 1));
                d = switch (t.charAt(t.length() - 1)) {
                    case 's' -> Duration.ofSeconds(n);
                    case 'm' -> Duration.ofMinutes(n);
                    case 'h' -> Duration.ofHours(n);
                    case 'd' -> Duration.ofDays(n);
                    default -> throw new NumberFormatException();
                };
            }
            if (d.isNegative()) {
                throw new NumberFormatException();
            }
            return d;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(flag + " must be a duration such as 6h, 15m or PT6H, got '" + text + "'");
        }
    }

    private static short replicationFactor(String text) {
        try {
            short value = Short.parseShort(text.trim());
            if (value < 1) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--replication-factor must be a positive number, got '" + text + "'");
        }
    }

    private static Map<String, Object> clientConfig(String file) {
        if (file == null) {
            return Map.of();
        }
        Properties props = new Properties();
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            props.load(in);
        } catch (IOException e) {
            throw new IllegalArgumentException("--client-config: cannot read " + file + ": " + e.getMessage());
        }
        Map<String, Object> config = new LinkedHashMap<>();
        props.stringPropertyNames().forEach(k -> config.put(k, props.getProperty(k)));
        return config;
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args[i];
    }
}
