package io.tripline.enrich.incident;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The incident stage's four stores behind one door: per-entity state headers with their signals stored
 * one entry each (adding a signal does not rewrite the others), links, and the due-time index that drives
 * punctuation and link expiry. Recently used states stay deserialized in a cache; the processor is the
 * stores' only writer and every change goes through {@link #save}, so the cache never disagrees with them
 * (it changes the cost of a result, never the result).
 */
final class IncidentStores {

    static final String STATE_STORE = "incident-state";
    static final String SIGNAL_STORE = "incident-signals";
    static final String LINK_STORE = "incident-links";
    static final String DUE_STORE = "incident-due";
    static final int CACHE_ENTRIES = 10_000;
    /** Separates an entity link's entity from its expiry in the link store's value. */
    private static final char UNTIL = '\u001f';
    /** Due-index values that name a link to delete rather than an entity state. */
    private static final String EXPIRING = "~expire|";
    /** Due-index values that name an entity state whose coalesced changes are to be published. */
    private static final String PUBLISHING = "~publish|";
    /** Link-store key prefix of the task's event-time marks ({@link #mark(String)}). */
    private static final String MARK = "~mark|";

    private final KeyValueStore<String, IncidentState> states;
    private final KeyValueStore<String, Signal> signals;
    private final KeyValueStore<String, String> links;
    private final KeyValueStore<String, String> due;
    private final Map<String, IncidentState> cache;

    IncidentStores(ProcessorContext<?, ?> context, int cacheEntries) {
        this.states = context.getStateStore(STATE_STORE);
        this.signals = context.getStateStore(SIGNAL_STORE);
        this.links = context.getStateStore(LINK_STORE);
        this.due = context.getStateStore(DUE_STORE);
        this.cache = new LinkedHashMap<>(1_024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, IncidentState> eldest) {
                return size() > cacheEntries;
            }
        };
    }

    IncidentState load(String key) {
        IncidentState cached = cache.get(key);
        if (cached != null) {
            return cached;
        }
        IncidentState state = states.get(key);
        if (state != null) {
            try (KeyValueIterator<String, Signal> it = signals.prefixScan(state.signalPrefix(), new StringSerializer())) {
                it.forEachRemaining(kv -> state.signals.put(kv.value.id(), kv.value));
            }
            cache.put(key, state);
        }
        return state;
    }

    /** Writes the state's header and only the signals that changed since it was loaded. */
    void save(String key, IncidentState state) {
        states.put(key, state);
        String prefix = state.signalPrefix();
        for (String id : state.touched) {
            Signal signal = state.signals.get(id);
            if (signal == null) {
                signals.delete(prefix + id);
            } else {
                signals.put(prefix + id, signal);
            }
        }
        state.touched.clear();
        cache.put(key, state);
    }

    /** Deletes a state, its signals and its timer. */
    void remove(String key) {
        IncidentState state = load(key);
        if (state != null) {
            unschedule(state);
            List<String> keys = new ArrayList<>();
            try (KeyValueIterator<String, Signal> it = signals.prefixScan(state.signalPrefix(), new StringSerializer())) {
                it.forEachRemaining(kv -> keys.add(kv.key));
            }
            keys.forEach(signals::delete);
        }
        states.delete(key);
        cache.remove(key);
    }

    /** The value of a link; for an entity link, the entity it points to. */
    String link(String key) {
        String value = links.get(key);
        int cut = value == null ? -1 : value.indexOf(UNTIL);
        return cut < 0 ? value : value.substring(0, cut);
    }

    /**
     * Until when (event time) {@code key} links to {@code entity}: -1 when it does not, 0 when the link was written
     * before entity links expired (it then lasts until relinked).
     */
    long linkedUntil(String key, String entity) {
        String value = links.get(key);
        if (value == null || !value.startsWith(entity)) {
            return -1;
        }
        if (value.length() == entity.length()) {
            return 0;
        }
        return value.charAt(entity.length()) == UNTIL ? Long.parseLong(value.substring(entity.length() + 1)) : -1;
    }

    /**
     * An entity link (a security group or access key to its instance or principal) that the due-time index removes
     * at {@code until} unless it has been written again with a later time by then.
     */
    void entityLink(String key, String entity, long until) {
        links.put(key, entity + UNTIL + until);
        due.put(dueKey(until, EXPIRING + key), EXPIRING + key);
    }

    /** A task-wide event time kept in the link store (so it survives a restart); {@code Long.MIN_VALUE} when unset. */
    long mark(String name) {
        String value = links.get(MARK + name);
        return value == null ? Long.MIN_VALUE : Long.parseLong(value);
    }

    void mark(String name, long time) {
        links.put(MARK + name, Long.toString(time));
    }

    void unlink(String key) {
        links.delete(key);
    }

    /** A link the due-time index removes at {@code expiry}, so such links do not accumulate. */
    void temporaryLink(String key, String value, long expiry) {
        links.put(key, value);
        due.put(dueKey(expiry, EXPIRING + key), EXPIRING + key);
    }

    /** Publication of an incident's coalesced changes at {@code at}; {@link #takeDue} returns it as a {@link #publishing} key. */
    void schedulePublish(String key, long at) {
        due.put(dueKey(at, PUBLISHING + key), PUBLISHING + key);
    }

    /** The state key of a due entry that is a publication, else null. */
    static String publishing(String dueValue) {
        return dueValue.startsWith(PUBLISHING) ? dueValue.substring(PUBLISHING.length()) : null;
    }

    /**
     * Sets the state's timer to {@code at}. Moving it later, which every signal joining an open incident does
     * (its quiet-period close), writes nothing to the index: the entry already there fires first and
     * {@link #rearm} puts it back at the state's due time. Only a timer moved earlier, or a new one, writes an entry.
     */
    void reschedule(String key, IncidentState state, long at) {
        long entry = state.scheduledAt();
        if (entry >= 0 && entry <= at) {
            state.scheduled = entry;
            state.due = at;
            return;
        }
        unschedule(state);
        state.due = at;
        state.scheduled = at;
        due.put(dueKey(at, key), key);
    }

    /** The state's entry fired before its due time (its timer was moved later since): put it back at that time. */
    void rearm(String key, IncidentState state) {
        state.scheduled = state.due;
        due.put(dueKey(state.due, key), key);
    }

    void unschedule(IncidentState state) {
        long entry = state.scheduledAt();
        if (entry >= 0) {
            due.delete(dueKey(entry, state.account + "|" + state.entity));
        }
        state.due = -1;
        state.scheduled = -1;
    }

    /**
     * Takes the timers due by {@code streamTime} off the index, in (time, key) order; expired links are
     * deleted on the way, entity timers are returned as (due time, state key) and publications as (due time,
     * publication key; see {@link #publishing}).
     */
    List<KeyValue<Long, String>> takeDue(long streamTime) {
        List<KeyValue<String, String>> entries = new ArrayList<>();
        try (KeyValueIterator<String, String> it = due.range(dueKey(0, ""), dueKey(streamTime, "\uffff"))) {
            it.forEachRemaining(entries::add);
        }
        List<KeyValue<Long, String>> out = new ArrayList<>();
        for (KeyValue<String, String> entry : entries) {
            due.delete(entry.key);
            if (entry.value.startsWith(EXPIRING)) {
                String linkKey = entry.value.substring(EXPIRING.length());
                if (untilOf(links.get(linkKey)) <= streamTime) { // else written again since, with a later expiry
                    links.delete(linkKey);
                }
            } else {
                out.add(KeyValue.pair(Long.parseLong(entry.key.substring(0, 13)), entry.value));
            }
        }
        return out;
    }

    /** The expiry an entity link's value carries; 0 for other links, which expire when their timer says. */
    private static long untilOf(String value) {
        int cut = value == null ? -1 : value.indexOf(UNTIL);
        return cut < 0 ? 0 : Long.parseLong(value.substring(cut + 1));
    }

    void clearCache() {
        cache.clear();
    }

    /** Due-index keys sort by time, then key: punctuation handles entities in a replayable order. */
    private static String dueKey(long at, String key) {
        // As String.format("%013d|%s"), which was a visible share of the stage's profile.
        String time = Long.toString(Math.max(0, at));
        StringBuilder out = new StringBuilder(14 + key.length());
        for (int i = time.length(); i < 13; i++) {
            out.append('0');
        }
        return out.append(time).append('|').append(key).toString();
    }
}
