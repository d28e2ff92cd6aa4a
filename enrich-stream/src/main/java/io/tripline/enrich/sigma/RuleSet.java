package io.tripline.enrich.sigma;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

/**
 * An immutable, thread-safe set of loaded Sigma rules: the entry point the topology calls per
 * CloudTrail record. {@link #match(JsonNode)} evaluates only the candidate rules the
 * {@link RuleIndex} selects and returns matches sorted by rule id, so the same record always
 * produces the same output.
 */
public final class RuleSet {

    private final List<SigmaRule> rules;
    private final List<CorrelationRule> correlations;
    private final Map<String, SigmaRule> byId = new LinkedHashMap<>();
    private final Map<String, List<CorrelationRule>> correlationsByRule = new LinkedHashMap<>();
    private final RuleIndex index;
    private final SigmaMatch[] matches;
    private final Map<String, CorrelationRule> correlationsById = new LinkedHashMap<>();
    /** By correlation id, the ordinals of the rules it references, ascending. */
    private final Map<String, int[]> referencedOrdinals = new LinkedHashMap<>();
    private final LoadReport report;
    private final LongAdder evaluations = new LongAdder();

    RuleSet(List<SigmaRule> rules, List<CorrelationRule> correlations, LoadReport report) {
        this.rules = rules.stream().sorted(Comparator.comparing(SigmaRule::id)).toList();
        this.correlations = correlations.stream().sorted(Comparator.comparing(CorrelationRule::id)).toList();
        this.report = report;
        for (SigmaRule r : this.rules) {
            byId.put(r.id(), r);
            List<CorrelationRule> refs = new ArrayList<>();
            for (CorrelationRule c : this.correlations) {
                if (c.references(r)) {
                    refs.add(c);
                }
            }
            correlationsByRule.put(r.id(), List.copyOf(refs));
        }
        this.index = new RuleIndex(this.rules);
        // What a hit on each rule produces is fixed when the rules load.
        this.matches = new SigmaMatch[this.rules.size()];
        for (int i = 0; i < matches.length; i++) {
            SigmaRule rule = this.rules.get(i);
            List<CorrelationRule> refs = correlationsByRule.get(rule.id());
            matches[i] = new SigmaMatch(rule, refs.isEmpty() || refs.stream().anyMatch(CorrelationRule::generate), refs);
        }
        for (CorrelationRule c : this.correlations) {
            correlationsById.putIfAbsent(c.id(), c);
            referencedOrdinals.put(c.id(), java.util.stream.IntStream.range(0, this.rules.size())
                    .filter(i -> c.references(this.rules.get(i))).toArray());
        }
    }

    /**
     * The rules {@code correlation} references that match the record, sorted by rule id: what
     * {@link #match(JsonNode)} returns for them, without evaluating every other candidate rule again.
     */
    public List<SigmaMatch> matchFor(CorrelationRule correlation, JsonNode event) {
        int[] ordinals = referencedOrdinals.getOrDefault(correlation.id(), new int[0]);
        List<SigmaMatch> out = new ArrayList<>(1);
        for (int i : ordinals) {
            evaluations.increment();
            if (rules.get(i).matches(event)) {
                out.add(matches[i]);
            }
        }
        return out;
    }

    /** Rules matching the CloudTrail record, sorted by rule id. Never throws on odd records. */
    public List<SigmaMatch> match(JsonNode event) {
        BitSet candidates = new BitSet(rules.size());
        index.candidates(event, candidates);
        List<SigmaMatch> out = new ArrayList<>(2);
        // Ordinals follow the id order of rules, so hits come out sorted without sorting.
        for (int i = candidates.nextSetBit(0); i >= 0; i = candidates.nextSetBit(i + 1)) {
            SigmaRule rule = rules.get(i);
            evaluations.increment();
            if (rule.matches(event)) {
                out.add(matches[i]);
            }
        }
        return out;
    }

    /** Detection rules, sorted by id. */
    public List<SigmaRule> rules() {
        return rules;
    }

    /** Correlation rules, sorted by id. */
    public List<CorrelationRule> correlations() {
        return correlations;
    }

    public Optional<SigmaRule> rule(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public Optional<CorrelationRule> correlation(String id) {
        return Optional.ofNullable(correlationsById.get(id));
    }

    /** What the loader accepted and rejected. */
    public LoadReport report() {
        return report;
    }

    /**
     * Total rule evaluations performed by {@link #match(JsonNode)} since creation: a work counter
     * (not a timer) that shows the per-event cost follows candidate buckets, not rule count.
     */
    public long evaluationCount() {
        return evaluations.sum();
    }

    /** How many rules {@link #match(JsonNode)} would evaluate for this record. */
    public int candidateCount(JsonNode event) {
        BitSet candidates = new BitSet(rules.size());
        index.candidates(event, candidates);
        return candidates.cardinality();
    }

    /** Rules evaluated for every record because they constrain neither eventName nor eventSource. */
    public int alwaysEvaluatedCount() {
        return index.alwaysBucketSize();
    }
}
