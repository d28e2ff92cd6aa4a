package io.tripline.enrich.sigma;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

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
    private final FieldProjection projection;
    /** By rule ordinal, every field a hit on the rule reads (its own and its correlations' group-by); null: every field. */
    private final Set<String>[] needs;

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
        this.projection = projection(this.rules, this.correlations);
        this.needs = needs(this.rules, correlationsByRule);
        for (CorrelationRule c : this.correlations) {
            correlationsById.putIfAbsent(c.id(), c);
            referencedOrdinals.put(c.id(), java.util.stream.IntStream.range(0, this.rules.size())
                    .filter(i -> c.references(this.rules.get(i))).toArray());
        }
    }

    @SuppressWarnings("unchecked")
    private static Set<String>[] needs(List<SigmaRule> rules, Map<String, List<CorrelationRule>> correlationsByRule) {
        Set<String>[] out = new Set[rules.size()];
        for (int i = 0; i < out.length; i++) {
            Set<String> fields = new HashSet<>();
            if (rules.get(i).fields(fields)) {
                correlationsByRule.get(rules.get(i).id()).forEach(c -> c.fields(fields));
                out[i] = Set.copyOf(fields);
            }
        }
        return out;
    }

    private static FieldProjection projection(List<SigmaRule> rules, List<CorrelationRule> correlations) {
        Set<String> fields = new TreeSet<>(RuleIndex.INDEXED_FIELDS);
        for (SigmaRule r : rules) {
            if (!r.fields(fields)) {
                return FieldProjection.everything();
            }
        }
        correlations.forEach(c -> c.fields(fields));
        return FieldProjection.of(fields);
    }

    /**
     * A CloudTrail record's JSON as these rules read it: only the fields they (and their correlations and
     * index) look at are built, so {@link #match}, {@link #matchFor} and a correlation's group key give the
     * same result on it as on the whole record, for less work. Throws
     * {@link io.tripline.core.normalize.NormalizationException} if the text is not valid JSON.
     */
    public JsonNode parse(String json) {
        return projection.parse(json);
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

    /**
     * Fields a caller may know of records without parsing them ({@code names}, dotted Sigma names), for
     * {@link #match(KnownFields, String[], Supplier)}. Must name every one of the {@link #indexedFields()}.
     */
    public KnownFields knownFields(List<String> names) {
        return new KnownFields(names);
    }

    /**
     * The rules matching a record, and the tree they were evaluated on, from what is known of the record
     * without parsing it: {@code values[i]} is the text of the field {@code known} names at {@code i}, known to
     * be a JSON string in the record (null: not known). When the candidate rules, and the correlations they feed,
     * read only known fields, they are evaluated on a tree of those and the record is never parsed; otherwise on
     * {@code whole}'s tree. Either way the hits are what {@link #match(JsonNode)} gives on the whole record, and
     * every group key of a hit reads the same on the returned tree (null when nothing matched).
     */
    public Matches match(KnownFields known, String[] values, Supplier<JsonNode> whole) {
        long present = 0;
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null) {
                present |= 1L << i;
            }
        }
        if ((present & known.indexed) != known.indexed) {
            JsonNode record = whole.get();
            return new Matches(match(record), record);
        }
        BitSet candidates = new BitSet(rules.size());
        index.candidates(field -> values[known.position.get(field)], candidates);
        if (candidates.isEmpty()) {
            return new Matches(List.of(), null);
        }
        for (int i = candidates.nextSetBit(0); i >= 0; i = candidates.nextSetBit(i + 1)) {
            if (known.reads[i] == -1L || (known.reads[i] & ~present) != 0) {
                JsonNode record = whole.get();
                return new Matches(evaluate(candidates, record), record);
            }
        }
        JsonNode record = known.tree(values);
        return new Matches(evaluate(candidates, record), record);
    }

    /** Fields known of records without parsing them, and, per rule, which of them a hit reads. */
    public final class KnownFields {

        private final String[][] steps;
        private final Map<String, Integer> position = new HashMap<>();
        /** By rule ordinal, the known fields a hit on it reads as a bit mask; -1: also others. */
        private final long[] reads;
        private final long indexed;

        private KnownFields(List<String> names) {
            if (names.size() > 63) {
                throw new IllegalArgumentException("at most 63 known fields");
            }
            this.steps = new String[names.size()][];
            for (int i = 0; i < names.size(); i++) {
                position.put(names.get(i), i);
                steps[i] = names.get(i).split("\\.");
            }
            long indexedMask = 0;
            for (String field : RuleIndex.INDEXED_FIELDS) {
                Integer at = position.get(field);
                if (at == null) {
                    throw new IllegalArgumentException("known fields must include the indexed field " + field);
                }
                indexedMask |= 1L << at;
            }
            this.indexed = indexedMask;
            this.reads = new long[rules.size()];
            for (int r = 0; r < reads.length; r++) {
                long mask = 0;
                for (String field : needs[r] == null ? Set.of("*") : needs[r]) {
                    Integer at = position.get(field);
                    if (at == null) {
                        mask = -1L;
                        break;
                    }
                    mask |= 1L << at;
                }
                reads[r] = mask;
            }
        }

        /** The known fields as a tree Sigma field paths read like the record's. */
        private JsonNode tree(String[] values) {
            ObjectNode root = JsonNodeFactory.instance.objectNode();
            for (int i = 0; i < values.length; i++) {
                if (values[i] == null) {
                    continue;
                }
                ObjectNode parent = root;
                String[] path = steps[i];
                for (int s = 0; s < path.length - 1; s++) {
                    parent = parent.get(path[s]) instanceof ObjectNode child ? child : parent.putObject(path[s]);
                }
                parent.put(path[path.length - 1], values[i]);
            }
            return root;
        }
    }

    /** Rules that matched a record, and the tree of the record they were evaluated on. */
    public record Matches(List<SigmaMatch> matches, JsonNode record) {
    }

    /** Rules matching the CloudTrail record, sorted by rule id. Never throws on odd records. */
    public List<SigmaMatch> match(JsonNode event) {
        BitSet candidates = new BitSet(rules.size());
        index.candidates(event, candidates);
        return evaluate(candidates, event);
    }

    private List<SigmaMatch> evaluate(BitSet candidates, JsonNode event) {
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

    /** The fields by which the index picks candidate rules (dotted Sigma names), in the order it tries them. */
    public static List<String> indexedFields() {
        return RuleIndex.INDEXED_FIELDS;
    }

    /** How many rules {@link #match(JsonNode)} would evaluate for this record. */
    public int candidateCount(JsonNode event) {
        BitSet candidates = new BitSet(rules.size());
        index.candidates(event, candidates);
        return candidates.cardinality();
    }

    /** Rules evaluated for every record because they constrain none of the {@link #indexedFields()}. */
    public int alwaysEvaluatedCount() {
        return index.alwaysBucketSize();
    }
}
