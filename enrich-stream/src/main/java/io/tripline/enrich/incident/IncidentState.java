package io.tripline.enrich.incident;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;


/**
 * What the stage remembers about one entity of one account: its signals (pending ones before an
 * incident opens, members after), and once open the incident's id, version and last published content.
 * A mutable holder stored with {@link IncidentStateCodec} (JSON, {@link JsonCodec}, in states written by earlier
 * versions); it lives only inside {@link IncidentProcessor}.
 */
public final class IncidentState {

    public String account;
    public String entity;
    public boolean open;
    public String incidentId;
    public long version;
    /** When the state's timer is due (open, close or expiry), -1 when none. */
    public long due = -1;
    /**
     * When its due-index entry fires: at or before {@code due}. A timer moved later keeps its entry, which then
     * fires early and is put back at {@code due} (see {@link IncidentStores#reschedule}). -1 in states written
     * before this field existed, whose entry is at {@code due}.
     */
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public long scheduled = -1;
    public long updatedAt;
    public String fingerprint;
    /** An open incident whose changes wait for the next coalesced publication (only with a publish interval). */
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public boolean dirty;
    /** Weak signals not stored because the entity already had {@code maxSignals}. */
    public long overflow;
    /** Weak signals beyond {@code maxPerFact} per fact, counted rather than stored. */
    public TreeMap<String, Long> repeats = new TreeMap<>();
    /** Stored one entry per signal (see {@link IncidentProcessor}), so adding one does not rewrite the others. */
    @JsonIgnore
    public TreeMap<String, Signal> signals = new TreeMap<>();
    /**
     * What each member version gives the assembler, by identity (a new version of a member is a new object): a cache
     * only, from which replaced and removed signals are dropped as they go.
     */
    @JsonIgnore
    final Map<Signal, MemberFacts> memberFacts = new IdentityHashMap<>();
    /** Ids of signals added, replaced or removed since the state was last saved. */
    @JsonIgnore
    final Set<String> touched = new TreeSet<>();
    /** {@link #ordered()}, once built; null until then and after a prune. */
    @JsonIgnore
    private List<Signal> ordered;
    /** Whether {@link #firstSeen} and {@link #lastSeen} hold the bounds of the current signals. */
    @JsonIgnore
    private boolean boundsKnown;
    @JsonIgnore
    private long firstSeen;
    @JsonIgnore
    private long lastSeen;

    public IncidentState() {
    }

    static IncidentState pending(String account, String entity) {
        IncidentState state = new IncidentState();
        state.account = account;
        state.entity = entity;
        return state;
    }

    /**
     * Adds or replaces a signal (a new finding version replaces the old one). A weak signal that repeats a
     * fact already held {@code maxPerFact} times (the same call by the same caller from the same address)
     * is counted in {@link #repeats} instead, keeping the earliest by event time so arrival order does not
     * matter. When full, the latest weak signal makes room for an opening one or an earlier weak one, so
     * the entity holds its openers and its earliest weak signals in whatever order they came; what does
     * not fit is counted in {@link #overflow}. Returns false when the incident's members did not change.
     */
    boolean put(Signal signal, int maxSignals, int maxPerFact) {
        if (signals.containsKey(signal.id())) {
            Signal old = signals.get(signal.id());
            if (Signals.VERSION.compare(old, signal) >= 0) {
                return false; // an older version of a member we already have, or the same one again
            }
            store(signal);
            // Newer by VERSION, so not equal: VERSION ends on the canonical text, which equal signals share. Comparing
            // the two whole records again was a visible share of joining a finding update.
            return true;
        }
        String fact = fact(signal);
        if (fact != null) {
            Signal latest = null;
            int same = 0;
            for (Signal held : signals.values()) {
                // The name is part of the fact: comparing it first spares building the others' facts.
                if (held.name().equals(signal.name()) && fact.equals(fact(held))) {
                    same++;
                    latest = latest == null || Signals.BY_TIME.compare(held, latest) > 0 ? held : latest;
                }
            }
            if (same >= maxPerFact) {
                repeats.merge(fact, 1L, Long::sum);
                if (Signals.BY_TIME.compare(signal, latest) >= 0) {
                    return false;
                }
                remove(latest.id()); // an earlier repeat arrived late: keep the earliest ones
                store(signal);
                return true;
            }
        }
        if (signals.size() >= maxSignals) {
            // Keep every opener and the earliest weak signals: the same set whatever order they arrived in.
            Signal latestWeak = signals.values().stream().filter(s -> !s.opener()).max(Signals.BY_TIME).orElse(null);
            overflow++;
            if (latestWeak == null || !signal.opener() && Signals.BY_TIME.compare(signal, latestWeak) > 0) {
                return false;
            }
            remove(latestWeak.id());
        }
        store(signal);
        return true;
    }

    /** Adds or replaces a signal, keeping the ordered view and the bounds in step. */
    private void store(Signal signal) {
        Signal old = signals.put(signal.id(), signal);
        touched.add(signal.id());
        if (old != null) {
            memberFacts.remove(old);
        }
        if (ordered != null) {
            if (old != null) {
                ordered.remove(Collections.binarySearch(ordered, old, Signals.BY_TIME));
            }
            int at = Collections.binarySearch(ordered, signal, Signals.BY_TIME);
            ordered.add(-at - 1, signal);
        }
        if (old == null && boundsKnown && signals.size() > 1) { // a new signal can only widen the bounds
            firstSeen = Math.min(firstSeen, signal.first());
            lastSeen = Math.max(lastSeen, Math.max(signal.last(), signal.time()));
        } else {
            boundsKnown = false;
        }
    }

    /** What a weak CloudTrail signal establishes, or null for signals that always count on their own. */
    static String fact(Signal signal) {
        if (!Signal.EVENT.equals(signal.kind()) || signal.opener()) {
            return null;
        }
        return signal.name() + "|" + String.join(",", signal.flags()) + "|" + signal.detail().getOrDefault("sourceIp", "")
                + "|" + signal.detail().getOrDefault("bucket", "");
    }

    /** Removes one signal; returns it, or null when it is not held. */
    Signal remove(String id) {
        Signal removed = signals.remove(id);
        if (removed != null) {
            touched.add(id);
            memberFacts.remove(removed);
            if (ordered != null) {
                ordered.remove(Collections.binarySearch(ordered, removed, Signals.BY_TIME));
            }
            boundsKnown = false;
        }
        return removed;
    }

    /** Drops signals older than {@code horizon} (event time). */
    void prune(long horizon) {
        boolean pruned = signals.values().removeIf(s -> {
            if (s.time() < horizon) {
                touched.add(s.id());
                memberFacts.remove(s);
                return true;
            }
            return false;
        });
        if (pruned) {
            ordered = null;
            boundsKnown = false;
        }
    }

    /**
     * The signals in canonical order (event time, then id), unmodifiable. Sorted when first asked for, then kept in
     * step by every change: an incident is assembled for every member that joins, and sorting all its members each
     * time was a visible share of assembling it.
     */
    @JsonIgnore
    List<Signal> ordered() {
        if (ordered == null) {
            ordered = new ArrayList<>(signals.values());
            ordered.sort(Signals.BY_TIME);
        }
        return Collections.unmodifiableList(ordered);
    }

    /** The key prefix of this state's signals in the signal store. */
    String signalPrefix() {
        return account + "|" + entity + "|";
    }

    /** When the state's due-index entry fires, -1 when it has none. */
    @JsonIgnore
    long scheduledAt() {
        return due < 0 ? -1 : scheduled >= 0 ? scheduled : due;
    }

    @JsonIgnore
    Collection<Signal> all() {
        return signals.values();
    }

    /** The earliest start of activity among the signals, 0 when there are none. */
    @JsonIgnore
    long firstSeen() {
        bounds();
        return firstSeen;
    }

    /** The latest end of activity or event time among the signals, 0 when there are none. */
    @JsonIgnore
    long lastSeen() {
        bounds();
        return lastSeen;
    }

    /** Both bounds in one pass, once per change: they are asked for several times per signal. */
    private void bounds() {
        if (boundsKnown) {
            return;
        }
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (Signal signal : signals.values()) {
            first = Math.min(first, signal.first());
            last = Math.max(last, Math.max(signal.last(), signal.time()));
        }
        firstSeen = signals.isEmpty() ? 0 : first;
        lastSeen = signals.isEmpty() ? 0 : last;
        boundsKnown = true;
    }

    @JsonIgnore
    Signal firstMember() {
        return signals.values().stream().min(Signals.BY_TIME).orElseThrow();
    }

    /** True when the incident has findings and every one of them is resolved, suppressed or archived. */
    @JsonIgnore
    boolean allFindingsClosed() {
        boolean findings = false;
        for (Signal signal : signals.values()) { // a loop: this runs for every signal joining an incident
            if (Signal.FINDING.equals(signal.kind())) {
                if (!signal.closed()) {
                    return false;
                }
                findings = true;
            }
        }
        return findings;
    }

}
