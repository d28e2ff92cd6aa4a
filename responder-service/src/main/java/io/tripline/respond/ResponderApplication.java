package io.tripline.respond;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;
import io.tripline.core.topic.Topics;
import io.tripline.respond.config.KafkaConfig;
import io.tripline.respond.config.RespondConfig;
import io.tripline.respond.engine.Approvals;
import io.tripline.respond.engine.KafkaSupport;
import io.tripline.respond.engine.ResponderService;
import io.tripline.respond.ledger.AuditVerifier;
import io.tripline.schema.v1.RemediationAction;

/**
 * Entry point of {@code ./tripline respond [--config FILE] [rollback ACTION_ID | verify-audit [--topic T]]}.
 * Without a subcommand it runs the service (approvals API + incident consumer); the subcommands use the
 * same configuration without starting either. Exit codes: 0 ok, 1 failure or broken audit chain,
 * 2 bad usage.
 */
public final class ResponderApplication {

    private ResponderApplication() {
    }

    public static void main(String[] args) {
        int code = run(args, System.out, System.err);
        if (code >= 0) {
            System.exit(code);
        }
    }

    /** Runs the command line; returns the exit code (the service itself keeps running in the background). */
    static int run(String[] args, PrintStream out, PrintStream err) {
        String config = null;
        String topic = null;
        List<String> positional = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--config" -> {
                    if (i + 1 >= args.length) {
                        return usage(err);
                    }
                    config = args[++i];
                }
                case "--topic" -> {
                    if (i + 1 >= args.length) {
                        return usage(err);
                    }
                    topic = args[++i];
                }
                default -> positional.add(args[i]);
            }
        }
        if (config != null) {
            if (!Files.isReadable(Path.of(config))) {
                err.println("respond: cannot read config file " + config);
                return 2;
            }
            System.setProperty("micronaut.config.files", Path.of(config).toAbsolutePath().toString());
        }
        try {
            if (positional.isEmpty()) {
                ApplicationContext context = Micronaut.build(new String[0]).mainClass(ResponderApplication.class).start();
                context.getBean(ResponderService.class).start();
                return -1;
            }
            return switch (positional.get(0)) {
                case "rollback" -> positional.size() == 2 ? rollback(positional.get(1), out, err) : usage(err);
                case "verify-audit" -> positional.size() == 1 ? verifyAudit(topic, out) : usage(err);
                default -> usage(err);
            };
        } catch (RuntimeException e) {
            err.println("respond: " + rootMessage(e));
            return 1;
        }
    }

    private static int rollback(String actionId, PrintStream out, PrintStream err) {
        try (ApplicationContext context = ApplicationContext.run()) {
            String actor = "cli:" + System.getProperty("user.name", "unknown");
            try {
                RemediationAction result = context.getBean(Approvals.class).rollback(actionId, actor);
                out.println("respond: action " + actionId + " " + result.getState() + " (verified: " + result.getVerified() + ")");
                return Boolean.TRUE.equals(result.getVerified()) ? 0 : 1;
            } catch (Approvals.NotFound | Approvals.Conflict e) {
                err.println("respond: " + e.getMessage());
                return 1;
            }
        }
    }

    private static int verifyAudit(String topic, PrintStream out) {
        try (ApplicationContext context = ApplicationContext.run()) {
            KafkaConfig kafka = context.getBean(KafkaConfig.class);
            String name = topic != null ? topic
                    : context.getBean(RespondConfig.class).getTopicPrefix() + Topics.REMEDIATION_AUDIT.name();
            AuditVerifier.Result result = AuditVerifier.verify(KafkaSupport.clientConfig(kafka),
                    KafkaSupport.serdeConfig(kafka), name);
            if (result.intact()) {
                out.println("respond: audit chain of " + name + " intact (" + result.checked() + " records)");
                return 0;
            }
            out.println("respond: audit chain of " + name + " BROKEN at " + result.firstBreak().get());
            return 1;
        }
    }

    private static int usage(PrintStream err) {
        err.println("usage: respond [--config FILE] [rollback ACTION_ID | verify-audit [--topic TOPIC]]");
        return 2;
    }

    /** The message that names the problem: our configuration or playbook error, else the deepest cause. */
    private static String rootMessage(Throwable e) {
        Throwable current = e;
        Throwable deepest = e;
        while (current != null) {
            if (current instanceof io.micronaut.context.exceptions.ConfigurationException
                    || current instanceof io.tripline.respond.playbook.PlaybookException) {
                return current.getMessage();
            }
            deepest = current;
            current = current.getCause() == current ? null : current.getCause();
        }
        return String.valueOf(deepest.getMessage());
    }
}
