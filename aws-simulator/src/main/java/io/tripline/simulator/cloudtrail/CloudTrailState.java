package io.tripline.simulator.cloudtrail;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tripline.simulator.core.SimJson;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * CloudTrail in one account and region: the event history LookupEvents reads (bounded: the oldest
 * events are dropped beyond {@code maxEvents}, as AWS drops events after 90 days) and the trails.
 */
public final class CloudTrailState {

    private final int maxEvents;
    private final Deque<StoredEvent> events = new ArrayDeque<>();
    private final Map<String, Trail> trails = new LinkedHashMap<>();
    private long sequence;

    public CloudTrailState(int maxEvents) {
        this.maxEvents = maxEvents;
    }

    /** Stores a complete record (eventID, eventTime, eventName, eventSource set). */
    public synchronized StoredEvent add(ObjectNode record) {
        StoredEvent event = StoredEvent.of(++sequence, record);
        events.addLast(event);
        while (events.size() > maxEvents) {
            events.removeFirst();
        }
        return event;
    }

    /** Events matching {@code filter}, newest first (eventTime, then arrival order). */
    public synchronized List<StoredEvent> select(Predicate<StoredEvent> filter) {
        List<StoredEvent> out = new ArrayList<>();
        for (StoredEvent e : events) {
            if (filter.test(e)) {
                out.add(e);
            }
        }
        out.sort(LookupOrder.NEWEST_FIRST);
        return out;
    }

    public synchronized int size() {
        return events.size();
    }

    synchronized Map<String, Trail> trails() {
        return trails;
    }

    /** Finds a trail by name or ARN. */
    synchronized Trail trail(String nameOrArn) {
        Trail byName = trails.get(nameOrArn);
        if (byName != null) {
            return byName;
        }
        return trails.values().stream().filter(t -> t.arn.equals(nameOrArn)).findFirst().orElse(null);
    }

    /** Dump for {@code GET /_tripline/state}: counts and trails, not every record. */
    public synchronized ObjectNode toJson() {
        ObjectNode n = SimJson.object();
        n.put("events", events.size());
        n.put("maxEvents", maxEvents);
        trails.values().forEach(t -> n.withArray("trails").add(t.toJson().put("IsLogging", t.logging)));
        return n;
    }
}
