package io.tripline.enrich.detect;

import java.util.LinkedHashMap;
import java.util.Map;

import io.tripline.enrich.sigma.RuleSet;
import io.tripline.schema.v1.TrailEvent;

/**
 * Sigma matches of CloudTrail records worked out on another thread before the topology reaches them: a
 * replay hands each record here as it encodes it for the topology, and the match processor takes the result
 * instead of evaluating the rules itself. Matching is a pure function of the record's known fields and raw
 * JSON, and the known fields are the normalizer's copies out of that JSON, so a result is taken only when the
 * record the topology holds has the same event id and raw JSON; otherwise (or when the result is not there, or
 * was dropped to bound memory) the processor evaluates the rules as usual. The output is the same either way;
 * only the work moves off the topology's thread.
 */
public final class MatchesAhead {

    /** Results kept at most: far more than a replay encodes ahead of its topology. */
    private static final int KEPT = 1 << 15;

    private final RuleSet rules;
    private final RuleSet.KnownFields known;
    private final Map<String, Ahead> byEventId = new LinkedHashMap<>(1 << 12, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Ahead> eldest) {
            return size() > KEPT;
        }
    };

    public MatchesAhead(RuleSet rules) {
        this.rules = rules;
        this.known = rules.knownFields(KnownFields.NAMES);
    }

    /** Works out {@code event}'s matches for the topology to take; a record whose JSON does not parse is left to it. */
    public void add(TrailEvent event) {
        String[] values = KnownFields.of(event);
        RuleSet.Matches matches;
        try {
            matches = rules.match(known, values, () -> rules.parse(event.getRaw()));
        } catch (RuntimeException e) {
            return; // the topology meets the same failure and sends the record to the DLQ
        }
        Ahead ahead = new Ahead(event.getRaw(), matches);
        synchronized (byEventId) {
            byEventId.put(event.getEventId(), ahead);
        }
    }

    /** The matches worked out for a record with this event id and raw JSON, or null. */
    RuleSet.Matches take(TrailEvent event) {
        synchronized (byEventId) {
            Ahead ahead = byEventId.get(event.getEventId());
            if (ahead == null || !ahead.raw().equals(event.getRaw())) {
                return null; // another record with the same id (a later one replaced this one's): left for it
            }
            byEventId.remove(event.getEventId());
            return ahead.matches();
        }
    }

    private record Ahead(String raw, RuleSet.Matches matches) {
    }
}
