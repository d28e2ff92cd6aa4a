package io.tripline.enrich.incident;

import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

import io.tripline.enrich.scoring.RiskSignal;

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
    /** Members converted for the scorer, by identity (a new version of a member is a new object): a cache only. */
    @JsonIgnore
    final Map<Signal, RiskSignal> riskSignals = new IdentityHashMap<>();
    /** Ids of signals added, replaced or removed since the state was last saved. */
    @JsonIgnore
    final Set<String> touched = new TreeSet<>();

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
            signals.put(signal.id(), signal);
            touched.add(signal.id());
            return !old.equals(signal);
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
                signals.remove(latest.id());
                touched.add(latest.id()); // an earlier repeat arrived late: keep the earliest ones
                signals.put(signal.id(), signal);
                touched.add(signal.id());
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
            signals.remove(latestWeak.id());
            touched.add(latestWeak.id());
        }
        signals.put(signal.id(), signal);
        touched.add(signal.id());
        return true;
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
        }
        return removed;
    }

    /** Drops signals older than {@code horizon} (event time). */
    void prune(long horizon) {
        signals.values().removeIf(s -> {
            if (s.time() < horizon) {
                touched.add(s.id());
                return true;
            }
            return false;
        });
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

    @JsonIgnore
    long firstSeen() {
        if (signals.isEmpty()) {
            return 0;
        }
        long first = Long.MAX_VALUE;
        for (Signal signal : signals.values()) { // a loop, not a stream: this runs several times per signal
            first = Math.min(first, signal.first());
        }
        return first;
    }

    @JsonIgnore
    long lastSeen() {
        if (signals.isEmpty()) {
            return 0;
        }
        long last = Long.MIN_VALUE;
        for (Signal signal : signals.values()) {
            last = Math.max(last, Math.max(signal.last(), signal.time()));
        }
        return last;
    }

    @JsonIgnore
    Signal firstMember() {
        return signals.values().stream().min(Signals.BY_TIME).orElseThrow();
    }

    /** True when the incident has findings and every one of them is resolved, suppressed or archived. */
    @JsonIgnore
    boolean allFindingsClosed() {
        var findings = signals.values().stream().filter(s -> Signal.FINDING.equals(s.kind())).toList();
        return !findings.isEmpty() && findings.stream().allMatch(Signal::closed);
    }

}
