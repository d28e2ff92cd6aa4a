package io.tripline.enrich.detect;

import java.util.ArrayDeque;
import java.util.Iterator;

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
    /** How far into the queue a record's result is looked for; records skipped before matching are few. */
    private static final int LOOK = 64;

    private final RuleSet rules;
    private final RuleSet.KnownFields known;
    /** In the order the records were handed here, which is the order the topology reaches them in. */
    private final ArrayDeque<Ahead> queue = new ArrayDeque<>();

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
        synchronized (queue) {
            queue.addLast(new Ahead(event.getEventId(), event.getRaw(), matches));
            if (queue.size() > KEPT) {
                queue.removeFirst();
            }
        }
    }

    /**
     * The matches worked out for a record with this event id and raw JSON, or null. Results queued before it
     * are dropped: the topology reaches records in the order they were handed here, so theirs never reached the
     * match processor (a record the topology set aside before matching).
     */
    RuleSet.Matches take(TrailEvent event) {
        synchronized (queue) {
            Iterator<Ahead> it = queue.iterator();
            for (int i = 0; i < LOOK && it.hasNext(); i++) {
                Ahead ahead = it.next();
                if (ahead.eventId().equals(event.getEventId()) && ahead.raw().equals(event.getRaw())) {
                    for (int skipped = 0; skipped <= i; skipped++) {
                        queue.removeFirst();
                    }
                    return ahead.matches();
                }
            }
            return null;
        }
    }

    private record Ahead(String eventId, String raw, RuleSet.Matches matches) {
    }
}
