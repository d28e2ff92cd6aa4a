package io.tripline.enrich.incident;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import io.tripline.enrich.attack.Tactic;
import io.tripline.enrich.scoring.RiskAssessment;
import io.tripline.enrich.scoring.RiskScorer;
import io.tripline.enrich.scoring.RiskSignal;
import io.tripline.schema.v1.Incident;
import io.tripline.schema.v1.IncidentEntity;
import io.tripline.schema.v1.IncidentStatus;
import io.tripline.schema.v1.RiskFactor;
import io.tripline.schema.v1.SeverityLabel;

/**
 * Turns an entity's state into the published {@link Incident}: deterministic id, title, members and
 * tactics in canonical order, chains, playbooks and the explained risk score.
 */
final class IncidentAssembler {

    /** One digest per thread: looking one up by name was a visible share of each version's fingerprint. */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    });

    /** The playbooks members call for on their own, by bit of {@link #playbookBits}. */
    private static final List<String> PLAYBOOKS = List.of("compromised-credentials", "ec2-compromise", "public-bucket",
            "trail-tampering");

    private final IncidentSettings settings;
    private final RiskScorer scorer;

    IncidentAssembler(IncidentSettings settings) {
        this.settings = settings;
        this.scorer = new RiskScorer(settings.scoring());
    }

    /** The id: a hash of the correlation key and the first member (by event time, then id) with its time. */
    static String incidentId(IncidentState state) {
        Signal first = state.firstMember();
        String seed = state.account + "|" + state.entity + "\n" + first.id() + "@" + first.time();
        byte[] hash = SHA_256.get().digest(seed.getBytes(StandardCharsets.UTF_8));
        return "inc-" + HexFormat.of().formatHex(hash, 0, 16);
    }

    Incident build(IncidentState state, IncidentStatus status) {
        List<Signal> members = state.ordered();
        List<MemberFacts> facts = MemberFacts.of(state, members);
        List<RiskSignal> scored = new ArrayList<>(facts.size());
        facts.forEach(f -> scored.add(f.risk));
        int[] masks = new int[members.size()];
        int i = 0;
        for (Signal member : state.all()) { // in id order: chain evidence comes out sorted by id
            masks[i++] = MemberFacts.of(state, member).chainFacts;
        }
        Map<Chains.Chain, List<String>> chains = Chains.recognise(state.all(), masks, settings.loginFailures());
        Map<String, List<String>> chainEvidence = new LinkedHashMap<>();
        chains.forEach((chain, ids) -> chainEvidence.put(chain.id(), ids));
        RiskAssessment risk = scorer.score(scored, chainEvidence);
        TreeSet<Tactic> tactics = new TreeSet<>();
        scored.forEach(s -> tactics.addAll(s.tactics())); // each member's tactics, converted once with it
        List<String> memberIds = new ArrayList<>(members.size());
        List<String> eventIds = new ArrayList<>();
        for (Signal member : members) {
            memberIds.add(member.id());
            if (Signal.EVENT.equals(member.kind())) {
                eventIds.add(member.id());
            }
        }
        return Incident.newBuilder()
                .setIncidentId(state.incidentId)
                .setVersion(state.version)
                .setTitle(title(state, members, facts, chains))
                .setEntity(new IncidentEntity(EntityKeys.type(state.entity), EntityKeys.id(state.entity)))
                .setAccountId(state.account)
                .setRegion(region(members))
                .setFirstSeen(Instant.ofEpochMilli(state.firstSeen()))
                .setLastSeen(Instant.ofEpochMilli(state.lastSeen()))
                .setMembers(memberIds)
                .setEventMembers(eventIds)
                .setTactics(tactics.stream().map(Tactic::title).toList())
                .setRiskScore(risk.score())
                .setRiskLevel(risk.level())
                .setFactors(risk.factors().stream()
                        .map(f -> new RiskFactor(f.name(), f.points(), List.copyOf(f.evidence()))).toList())
                .setPlaybooks(playbooks(facts, chains))
                .setStatus(status)
                .setUpdatedAt(Instant.ofEpochMilli(state.updatedAt))
                .build();
    }

    /**
     * A digest of the content an analyst would notice changing (version, status and time left out), so an
     * update that changes nothing visible is not published. Cheaper than comparing whole records.
     */
    static String fingerprint(Incident incident) {
        // Sized for the members, which make most of the text, so that it does not grow by copying as it is written.
        StringBuilder text = new StringBuilder(256 + 48 * incident.getMembers().size());
        text.append(incident.getTitle()).append('\n').append(incident.getRiskScore()).append('\n')
                .append(incident.getFirstSeen().toEpochMilli()).append('\n').append(incident.getLastSeen().toEpochMilli())
                .append('\n').append(incident.getRegion()).append('\n');
        incident.getMembers().forEach(m -> text.append(m).append(','));
        text.append('\n');
        incident.getTactics().forEach(t -> text.append(t).append(','));
        text.append('\n');
        incident.getPlaybooks().forEach(p -> text.append(p).append(','));
        for (RiskFactor factor : incident.getFactors()) {
            text.append('\n').append(factor.getName()).append('=').append(factor.getPoints()).append(':');
            factor.getEvidence().forEach(e -> text.append(e).append(','));
        }
        return HexFormat.of().formatHex(SHA_256.get().digest(text.toString().getBytes(StandardCharsets.UTF_8)));
    }

    static RiskSignal riskSignal(Signal signal) {
        SeverityLabel label;
        try {
            label = SeverityLabel.valueOf(signal.severity());
        } catch (IllegalArgumentException | NullPointerException e) {
            label = SeverityLabel.UNKNOWN;
        }
        if ("INFO".equals(signal.severity())) {
            label = SeverityLabel.INFORMATIONAL;
        }
        return new RiskSignal(signal.id(), signal.source(), label, signal.guardDutySeverity(), signal.time(), signal.count(),
                signal.sample(), signal.closed(), signal.tactics().stream().map(Tactic::valueOf).toList(), signal.assetTags());
    }

    private static String title(IncidentState state, List<Signal> members, List<MemberFacts> facts,
                                Map<Chains.Chain, List<String>> chains) {
        String subject = EntityKeys.type(state.entity).toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + " "
                + EntityKeys.id(state.entity);
        if (!chains.isEmpty()) {
            Chains.Chain last = new ArrayList<>(chains.keySet()).get(chains.size() - 1);
            return last.title() + " on " + subject;
        }
        // The member of the highest severity, the earliest (event time, then id) of those: members are in that order.
        int top = 0;
        for (int i = 1; i < facts.size(); i++) {
            if (facts.get(i).severityRank > facts.get(top).severityRank) {
                top = i;
            }
        }
        return members.get(top).title() + " on " + subject;
    }

    static int riskLevelRank(String severity) {
        try {
            return SeverityLabel.valueOf(severity).ordinal();
        } catch (IllegalArgumentException | NullPointerException e) {
            return 0;
        }
    }

    private static String region(List<Signal> members) {
        return members.stream().map(Signal::region).filter(java.util.Objects::nonNull).findFirst().orElse(null);
    }

    /** Chains' playbooks plus those each member calls for on its own ({@link #playbookBits}), sorted. */
    static List<String> playbooks(List<MemberFacts> members, Map<Chains.Chain, List<String>> chains) {
        TreeSet<String> out = new TreeSet<>();
        chains.keySet().forEach(c -> out.addAll(c.playbooks()));
        int bits = 0;
        for (MemberFacts member : members) {
            bits |= member.playbooks;
        }
        for (int i = 0; i < PLAYBOOKS.size(); i++) {
            if ((bits & 1 << i) != 0) {
                out.add(PLAYBOOKS.get(i));
            }
        }
        return List.copyOf(out);
    }

    /** The playbooks a member calls for on its own, by kind and facts, as bits of {@link #PLAYBOOKS}. */
    static int playbookBits(Signal s) {
        boolean finding = !Signal.EVENT.equals(s.kind());
        int bits = 0;
        if (s.has(Flags.INSTANCE_CREDENTIAL_EXFILTRATION) || s.has(Flags.IAM_ANOMALY) || s.has(Flags.LOGIN_NO_MFA)
                || finding && s.entity().startsWith(EntityKeys.PRINCIPAL + ":")) {
            bits |= 1;
        }
        if (finding && s.entity().startsWith(EntityKeys.INSTANCE + ":") || s.has(Flags.COMMAND_AND_CONTROL)
                || s.has(Flags.CRYPTO_MINING)) {
            bits |= 2;
        }
        if (s.has(Flags.BUCKET_EXPOSURE) || s.has(Flags.S3_FINDING)) {
            bits |= 4;
        }
        if (s.has(Flags.TRAIL_TAMPERING)) {
            bits |= 8;
        }
        return bits;
    }
}
