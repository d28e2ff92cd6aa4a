package io.tripline.enrich.incident;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    /** The facts chains rest on, each a bit of a signal's {@link #mask}. */
    private static final List<String> FACTS = List.of(Flags.INSTANCE_CREDENTIAL_EXFILTRATION, Flags.OUTSIDE_IP,
            Flags.IAM_PERSISTENCE, Flags.INSTANCE, Flags.IAM_ANOMALY, Flags.BRUTE_FORCE, Flags.SECURITY_GROUP_CHANGE,
            Flags.USER_DATA_CHANGE, Flags.COMMAND_AND_CONTROL, Flags.CRYPTO_MINING, Flags.LOGIN_NO_MFA, Flags.LOGIN_FAILURE,
            Flags.S3_FINDING, Flags.BUCKET_EXPOSURE, Flags.TRAIL_TAMPERING);
    private static final Map<String, Integer> BITS = bits();
    private static final int EXFILTRATION = bit(Flags.INSTANCE_CREDENTIAL_EXFILTRATION);
    private static final int OUTSIDE = bit(Flags.OUTSIDE_IP);
    private static final int PERSISTENCE = bit(Flags.IAM_PERSISTENCE);
    private static final int INSTANCE = bit(Flags.INSTANCE);
    private static final int ANOMALY = bit(Flags.IAM_ANOMALY);
    private static final int BRUTE_FORCE = bit(Flags.BRUTE_FORCE);
    private static final int FOLLOW_UP = bit(Flags.SECURITY_GROUP_CHANGE) | bit(Flags.USER_DATA_CHANGE)
            | bit(Flags.COMMAND_AND_CONTROL) | bit(Flags.CRYPTO_MINING);
    private static final int LOGIN_NO_MFA = bit(Flags.LOGIN_NO_MFA);
    private static final int LOGIN_FAILURE = bit(Flags.LOGIN_FAILURE);
    private static final int S3 = bit(Flags.S3_FINDING);
    private static final int EXPOSURE = bit(Flags.BUCKET_EXPOSURE);
    private static final int TAMPERING = bit(Flags.TRAIL_TAMPERING);

    private Chains() {
    }

    /** Recognised chains in enum order, each with the ids of the signals it rests on (sorted). */
    public static Map<Chain, List<String>> recognise(Collection<Signal> signals, int loginFailures) {
        Signal[] all = signals.toArray(new Signal[0]);
        int[] masks = new int[all.length];
        for (int i = 0; i < all.length; i++) {
            masks[i] = mask(all[i]);
        }
        return recognise(new Facts(all, masks), loginFailures);
    }

    /**
     * As {@link #recognise(Collection, int)}, with each signal's {@link #mask} known: an incident's members keep
     * theirs ({@link MemberFacts}), since this runs for every version of every incident. Signals given in id order
     * (as the state holds them) make each chain's sorted ids a merge of sorted runs.
     */
    static Map<Chain, List<String>> recognise(Collection<Signal> signals, int[] masks, int loginFailures) {
        return recognise(new Facts(signals.toArray(new Signal[0]), masks), loginFailures);
    }

    private static Map<Chain, List<String>> recognise(Facts facts, int loginFailures) {
        // Each signal's flags are read once, into a mask: searching each signal's flags once per fact was a visible
        // share of the stage.
        Map<Chain, List<String>> out = new LinkedHashMap<>();
        List<Signal> exfil = facts.with(EXFILTRATION);
        List<Signal> outside = facts.with(OUTSIDE);
        if (!exfil.isEmpty() && !outside.isEmpty()) {
            out.put(Chain.INSTANCE_CREDENTIAL_EXFILTRATION, ids(exfil, outside));
        }
        List<Signal> persistence = facts.with(PERSISTENCE);
        // Every signal of an incident shares its entity: IAM changes in an instance's incident were made by its role.
        List<Signal> onInstance = facts.filter(INSTANCE, s -> !s.closed() && !s.sample());
        if (!onInstance.isEmpty() && !persistence.isEmpty()) {
            out.put(Chain.INSTANCE_FINDING_WITH_IAM_PERSISTENCE, ids(onInstance, persistence));
        }
        List<Signal> anomaly = facts.with(ANOMALY);
        if (!anomaly.isEmpty() && !persistence.isEmpty()) {
            out.put(Chain.IAM_ANOMALY_WITH_PERSISTENCE, ids(anomaly, persistence));
        }
        List<Signal> brute = facts.with(BRUTE_FORCE);
        if (!brute.isEmpty()) {
            long start = brute.stream().mapToLong(Signal::first).min().orElseThrow();
            List<Signal> followUps = facts.filter(FOLLOW_UP, s -> s.last() >= start);
            if (!followUps.isEmpty()) {
                out.put(Chain.INSTANCE_BRUTE_FORCE_FOLLOW_UP, ids(brute, followUps));
            }
        }
        consoleTakeover(facts, loginFailures, out);
        List<Signal> s3 = facts.with(S3);
        List<Signal> exposure = facts.with(EXPOSURE);
        List<Signal> tampering = facts.with(TAMPERING);
        if (!s3.isEmpty() && !exposure.isEmpty() && !tampering.isEmpty()) {
            out.put(Chain.DATA_EXPOSURE_WITH_TRAIL_TAMPERING, ids(s3, exposure, tampering));
        }
        return out;
    }

    /** Failures, then a success without MFA after at least {@code loginFailures} of them, then privilege changes. */
    private static void consoleTakeover(Facts facts, int loginFailures, Map<Chain, List<String>> out) {
        List<Signal> successes = facts.with(LOGIN_NO_MFA);
        if (successes.isEmpty()) {
            return;
        }
        for (Signal success : successes.stream().sorted(Signals.BY_TIME).toList()) {
            List<Signal> failures = facts.filter(LOGIN_FAILURE, s -> s.time() <= success.time());
            if (failures.size() < loginFailures) {
                continue;
            }
            List<Signal> changes = facts.filter(PERSISTENCE, s -> s.time() >= success.time());
            if (changes.isEmpty()) {
                out.put(Chain.CONSOLE_LOGIN_AFTER_FAILURES, ids(failures, List.of(success)));
            } else {
                out.put(Chain.CONSOLE_TAKEOVER_WITH_PRIVILEGE_CHANGE, ids(failures, List.of(success), changes));
            }
            return;
        }
    }

    /** The signals with each one's facts as a mask, and the facts any of them has. */
    private static final class Facts {

        private final Signal[] signals;
        private final int[] masks;
        private int any;

        Facts(Signal[] signals, int[] masks) {
            this.signals = signals;
            this.masks = masks;
            for (int mask : masks) {
                any |= mask;
            }
        }

        /** The signals with any of the facts in {@code bits}. */
        List<Signal> with(int bits) {
            return filter(bits, s -> true);
        }

        /** The signals with any of the facts in {@code bits} that pass {@code test}. */
        List<Signal> filter(int bits, Predicate<Signal> test) {
            if ((any & bits) == 0) {
                return List.of();
            }
            List<Signal> out = new ArrayList<>();
            for (int i = 0; i < masks.length; i++) {
                if ((masks[i] & bits) != 0 && test.test(signals[i])) {
                    out.add(signals[i]);
                }
            }
            return out;
        }
    }

    /** The facts of a signal that chains rest on, as bits. */
    static int mask(Signal signal) {
        int mask = 0;
        for (String flag : signal.flags()) {
            Integer bit = BITS.get(flag);
            mask |= bit == null ? 0 : bit;
        }
        return mask;
    }

    private static Map<String, Integer> bits() {
        Map<String, Integer> out = new HashMap<>();
        for (int i = 0; i < FACTS.size(); i++) {
            out.put(FACTS.get(i), 1 << i);
        }
        return Map.copyOf(out);
    }

    private static int bit(String fact) {
        return BITS.get(fact);
    }

    /** The ids of the signals of all groups, sorted, each once (a signal may be in more than one group). */
    @SafeVarargs
    private static List<String> ids(List<Signal>... groups) {
        // Sorted in an array rather than a TreeSet: a chain of an account-wide incident can rest on most of its
        // members, and this runs for every version. Each group is in the order of the signals given, so in id order
        // from the assembler, and the sort then only merges the groups' runs.
        int size = 0;
        for (List<Signal> group : groups) {
            size += group.size();
        }
        String[] ids = new String[size];
        int n = 0;
        for (List<Signal> group : groups) {
            for (Signal signal : group) {
                ids[n++] = signal.id();
            }
        }
        Arrays.sort(ids);
        List<String> out = new ArrayList<>(size);
        for (String id : ids) {
            if (out.isEmpty() || !out.get(out.size() - 1).equals(id)) {
                out.add(id);
            }
        }
        return Collections.unmodifiableList(out);
    }
}
