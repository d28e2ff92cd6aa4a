package io.tripline.enrich.incident;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Recognises the attack chains of issue 6 among an entity's signals, from the facts the mappers set
 * ({@link Flags}) and event time, never from arrival order: the same signals give the same chains in
 * whatever order they came.
 */
public final class Chains {

    /** A recognisable chain, with the title an analyst sees and the playbooks it calls for. */
    public enum Chain {
        INSTANCE_CREDENTIAL_EXFILTRATION("instance-credential-exfiltration",
                "Instance role credentials used from outside AWS", List.of("compromised-credentials", "ec2-compromise")),
        INSTANCE_FINDING_WITH_IAM_PERSISTENCE("instance-finding-with-iam-persistence",
                "Finding on an instance while its role creates IAM persistence", List.of("compromised-credentials", "ec2-compromise")),
        IAM_ANOMALY_WITH_PERSISTENCE("iam-anomaly-with-persistence",
                "Anomalous IAM activity followed by persistence", List.of("compromised-credentials")),
        INSTANCE_BRUTE_FORCE_FOLLOW_UP("instance-brute-force-follow-up",
                "Brute force on an instance followed by changes or malicious traffic", List.of("ec2-compromise")),
        CONSOLE_LOGIN_AFTER_FAILURES("console-login-after-failures",
                "Console login without MFA after repeated failures", List.of("compromised-credentials")),
        CONSOLE_TAKEOVER_WITH_PRIVILEGE_CHANGE("console-takeover-with-privilege-change",
                "Console login without MFA after repeated failures, then privilege changes", List.of("compromised-credentials")),
        DATA_EXPOSURE_WITH_TRAIL_TAMPERING("data-exposure-with-trail-tampering",
                "S3 data exposure with CloudTrail tampering", List.of("public-bucket", "trail-tampering"));

        private final String id;
        private final String title;
        private final List<String> playbooks;

        Chain(String id, String title, List<String> playbooks) {
            this.id = id;
            this.title = title;
            this.playbooks = playbooks;
        }

        public String id() {
            return id;
        }

        public String title() {
            return title;
        }

        public List<String> playbooks() {
            return playbooks;
        }
    }

    private Chains() {
    }

    /** Recognised chains in enum order, each with the ids of the signals it rests on (sorted). */
    public static Map<Chain, List<String>> recognise(Collection<Signal> signals, int loginFailures) {
        Map<Chain, List<String>> out = new LinkedHashMap<>();
        List<Signal> exfil = with(signals, Flags.INSTANCE_CREDENTIAL_EXFILTRATION);
        List<Signal> outside = with(signals, Flags.OUTSIDE_IP);
        if (!exfil.isEmpty() && !outside.isEmpty()) {
            out.put(Chain.INSTANCE_CREDENTIAL_EXFILTRATION, ids(exfil, outside));
        }
        List<Signal> persistence = with(signals, Flags.IAM_PERSISTENCE);
        // Every signal of an incident shares its entity: IAM changes in an instance's incident were made by its role.
        List<Signal> onInstance = filter(signals, s -> s.has(Flags.INSTANCE) && !s.closed() && !s.sample());
        if (!onInstance.isEmpty() && !persistence.isEmpty()) {
            out.put(Chain.INSTANCE_FINDING_WITH_IAM_PERSISTENCE, ids(onInstance, persistence));
        }
        List<Signal> anomaly = with(signals, Flags.IAM_ANOMALY);
        if (!anomaly.isEmpty() && !persistence.isEmpty()) {
            out.put(Chain.IAM_ANOMALY_WITH_PERSISTENCE, ids(anomaly, persistence));
        }
        List<Signal> brute = with(signals, Flags.BRUTE_FORCE);
        if (!brute.isEmpty()) {
            long start = brute.stream().mapToLong(Signal::first).min().orElseThrow();
            List<Signal> followUps = filter(signals, s -> s.last() >= start && (s.has(Flags.SECURITY_GROUP_CHANGE)
                    || s.has(Flags.USER_DATA_CHANGE) || s.has(Flags.COMMAND_AND_CONTROL) || s.has(Flags.CRYPTO_MINING)));
            if (!followUps.isEmpty()) {
                out.put(Chain.INSTANCE_BRUTE_FORCE_FOLLOW_UP, ids(brute, followUps));
            }
        }
        consoleTakeover(signals, loginFailures, out);
        List<Signal> s3 = with(signals, Flags.S3_FINDING);
        List<Signal> exposure = with(signals, Flags.BUCKET_EXPOSURE);
        List<Signal> tampering = with(signals, Flags.TRAIL_TAMPERING);
        if (!s3.isEmpty() && !exposure.isEmpty() && !tampering.isEmpty()) {
            out.put(Chain.DATA_EXPOSURE_WITH_TRAIL_TAMPERING, ids(s3, exposure, tampering));
        }
        return out;
    }

    /** Failures, then a success without MFA after at least {@code loginFailures} of them, then privilege changes. */
    private static void consoleTakeover(Collection<Signal> signals, int loginFailures, Map<Chain, List<String>> out) {
        List<Signal> successes = with(signals, Flags.LOGIN_NO_MFA);
        for (Signal success : successes.stream().sorted(Signals.BY_TIME).toList()) {
            List<Signal> failures = filter(signals, s -> s.has(Flags.LOGIN_FAILURE) && s.time() <= success.time());
            if (failures.size() < loginFailures) {
                continue;
            }
            List<Signal> changes = filter(signals, s -> s.has(Flags.IAM_PERSISTENCE) && s.time() >= success.time());
            if (changes.isEmpty()) {
                out.put(Chain.CONSOLE_LOGIN_AFTER_FAILURES, ids(failures, List.of(success)));
            } else {
                out.put(Chain.CONSOLE_TAKEOVER_WITH_PRIVILEGE_CHANGE, ids(failures, List.of(success), changes));
            }
            return;
        }
    }

    private static List<Signal> with(Collection<Signal> signals, String flag) {
        return filter(signals, s -> s.has(flag));
    }

    private static List<Signal> filter(Collection<Signal> signals, Predicate<Signal> test) {
        List<Signal> out = new ArrayList<>();
        for (Signal signal : signals) {
            if (test.test(signal)) {
                out.add(signal);
            }
        }
        return out;
    }

    @SafeVarargs
    private static List<String> ids(List<Signal>... groups) {
        TreeSet<String> ids = new TreeSet<>();
        for (List<Signal> group : groups) {
            group.forEach(s -> ids.add(s.id()));
        }
        return List.copyOf(ids);
    }
}
