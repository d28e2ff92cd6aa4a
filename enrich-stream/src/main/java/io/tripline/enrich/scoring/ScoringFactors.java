package io.tripline.enrich.scoring;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import io.tripline.core.normalize.Severities;
import io.tripline.enrich.attack.Tactic;
import io.tripline.schema.v1.SeverityLabel;

/**
 * The individual factors of the risk model, each a pure function of the members so each can be tested
 * (and audited) on its own. {@link RiskScorer} only adds them up.
 */
public final class ScoringFactors {

    private ScoringFactors() {
    }

    /**
     * The severity band of a member: GuardDuty's own value in its half-open bands (Low [1,4), Medium [4,7),
     * High [7,9), Critical [9,10]) wins over the label, because Security Hub copies round it.
     */
    public static SeverityLabel band(RiskSignal signal) {
        if (signal.guardDutySeverity() != null) {
            return Severities.guardDutyLabel(signal.guardDutySeverity());
        }
        return signal.severity();
    }

    /** Base points of a member before decay. */
    public static int basePoints(RiskSignal signal, ScoringModel model) {
        return model.points(band(signal));
    }

    /** What is left of a weight {@code age} ms older than the incident's latest event: 0.5^(age/half-life). */
    public static double decay(long ageMillis, ScoringModel model) {
        if (ageMillis <= 0 || model.halfLifeMillis() <= 0) {
            return 1.0;
        }
        return Math.pow(0.5, (double) ageMillis / model.halfLifeMillis());
    }

    /**
     * Base severity and age decay: the member with the highest decayed points is the incident's base; two
     * factors are reported (undecayed base, then the decay as negative points) so the reduction is visible.
     */
    public static List<RiskFactor> base(List<RiskSignal> signals, long latest, ScoringModel model) {
        RiskSignal top = null;
        double best = -1;
        for (RiskSignal signal : signals) {
            double effective = basePoints(signal, model) * decay(latest - signal.time(), model);
            if (effective > best || effective == best && top != null && signal.id().compareTo(top.id()) < 0) {
                best = effective;
                top = signal;
            }
        }
        if (top == null) {
            return List.of();
        }
        int raw = basePoints(top, model);
        int decayed = (int) Math.round(best);
        List<RiskFactor> out = new ArrayList<>();
        out.add(new RiskFactor("base-severity:" + band(top).name().toLowerCase(java.util.Locale.ROOT), raw, List.of(top.id())));
        if (decayed != raw) {
            out.add(new RiskFactor("age-decay", decayed - raw, List.of(top.id())));
        }
        return out;
    }

    /** Several independent sources agreeing: points per distinct source beyond the first, capped. */
    public static RiskFactor corroboration(List<RiskSignal> signals, ScoringModel model) {
        Map<String, String> firstBySource = new TreeMap<>();
        for (RiskSignal signal : signals) {
            firstBySource.merge(signal.source(), signal.id(), (a, b) -> a.compareTo(b) <= 0 ? a : b);
        }
        int points = Math.min(model.maxCorroboration(), model.perExtraSource() * Math.max(0, firstBySource.size() - 1));
        return points == 0 ? null : new RiskFactor("corroboration:" + String.join("+", firstBySource.keySet()), points,
                List.copyOf(firstBySource.values()));
    }

    /** A chain that moves through several ATT&CK tactics: points per distinct tactic beyond the first, capped. */
    public static RiskFactor killChain(List<RiskSignal> signals, ScoringModel model) {
        TreeSet<Tactic> tactics = new TreeSet<>();
        signals.forEach(s -> tactics.addAll(s.tactics()));
        int points = Math.min(model.maxKillChain(), model.perExtraTactic() * Math.max(0, tactics.size() - 1));
        return points == 0 ? null : new RiskFactor("kill-chain", points, tactics.stream().map(Tactic::uid).toList());
    }

    /** Asset criticality from the members' resource tags; each rule counts once, the total is capped. */
    public static List<RiskFactor> criticality(List<RiskSignal> signals, ScoringModel model) {
        List<RiskFactor> out = new ArrayList<>();
        int total = 0;
        for (CriticalityRule rule : model.criticality()) {
            String match = null;
            TreeSet<String> evidence = new TreeSet<>();
            for (RiskSignal signal : signals) {
                String m = rule.match(signal.assetTags());
                if (m != null) {
                    match = match == null ? m : match;
                    evidence.add(signal.id());
                }
            }
            if (match != null) {
                int points = Math.min(rule.points(), model.maxCriticality() - total);
                if (points > 0) {
                    total += points;
                    out.add(new RiskFactor("asset-criticality:" + match, points, List.copyOf(evidence)));
                }
            }
        }
        return out;
    }

    /** GuardDuty's count: the same activity seen again and again, points per doubling, capped. */
    public static RiskFactor recurrence(List<RiskSignal> signals, ScoringModel model) {
        RiskSignal most = null;
        for (RiskSignal signal : signals) {
            if (most == null || signal.count() > most.count()) {
                most = signal;
            }
        }
        if (most == null || most.count() < 2) {
            return null;
        }
        int doublings = 63 - Long.numberOfLeadingZeros(most.count());
        int points = Math.min(model.maxRecurrence(), model.perCountDoubling() * doublings);
        return new RiskFactor("recurrence:count=" + most.count(), points, List.of(most.id()));
    }

    /** Recognised attack chains: fixed points each (see {@code io.tripline.enrich.incident.Chains}). */
    public static List<RiskFactor> chains(Map<String, List<String>> chains, ScoringModel model) {
        List<RiskFactor> out = new ArrayList<>();
        new TreeMap<>(chains).forEach((name, evidence) -> out.add(new RiskFactor("chain:" + name, model.perChain(), evidence)));
        return out;
    }

    /** Sample findings are not real activity: only {@code sampleMultiplier} of the subtotal remains. */
    public static RiskFactor sample(int subtotal, List<RiskSignal> samples, ScoringModel model) {
        int reduction = (int) Math.round(subtotal * (1 - model.sampleMultiplier()));
        return reduction == 0 ? null
                : new RiskFactor("sample-findings", -reduction, samples.stream().map(RiskSignal::id).sorted().toList());
    }
}
