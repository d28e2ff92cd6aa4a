package io.tripline.ingest.source;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The versions (finding id + updatedAt, eventID, object key, ...) already published inside the overlap
 * window, bounded in count: the oldest are forgotten first. Stored in the cursor as {@code id@epochMillis}
 * so a restarted poller dedupes exactly like the one that stopped.
 */
public final class RecentIds {

    private final int capacity;
    private final LinkedHashMap<String, Long> ids = new LinkedHashMap<>();

    public RecentIds(int capacity) {
        this.capacity = Math.max(1, capacity);
    }

    /** Restores from the cursor's {@code recentIds}; entries without a time count as time 0. */
    public static RecentIds restore(List<? extends CharSequence> stored, int capacity) {
        RecentIds recent = new RecentIds(capacity);
        if (stored != null) {
            for (CharSequence entry : stored) {
                String text = entry.toString();
                int at = text.lastIndexOf('@');
                long millis = 0;
                String id = text;
                if (at > 0) {
                    try {
                        millis = Long.parseLong(text.substring(at + 1));
                        id = text.substring(0, at);
                    } catch (NumberFormatException notATime) {
                        id = text;
                    }
                }
                recent.add(id, Instant.ofEpochMilli(millis));
            }
        }
        return recent;
    }

    public boolean contains(String id) {
        return ids.containsKey(id);
    }

    public void add(String id, Instant time) {
        ids.remove(id);
        ids.put(id, time.toEpochMilli());
        while (ids.size() > capacity) {
            Iterator<String> eldest = ids.keySet().iterator();
            eldest.next();
            eldest.remove();
        }
    }

    /** Forgets ids older than {@code before}: outside the overlap window they cannot be re-read. */
    public void pruneBefore(Instant before) {
        long limit = before.toEpochMilli();
        ids.values().removeIf(millis -> millis < limit);
    }

    public int size() {
        return ids.size();
    }

    /** The {@code limit} entries with the latest times (what a cursor can carry), as a new set. */
    public RecentIds newest(int limit) {
        RecentIds out = new RecentIds(Math.max(1, limit));
        if (ids.size() <= limit) {
            out.ids.putAll(ids);
            return out;
        }
        ids.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(limit)
                .sorted(Map.Entry.comparingByValue())
                .forEach(e -> out.ids.put(e.getKey(), e.getValue()));
        return out;
    }

    /** The earliest time held, or null when empty. */
    public Instant oldest() {
        return ids.values().stream().min(Long::compare).map(Instant::ofEpochMilli).orElse(null);
    }

    public RecentIds copy() {
        RecentIds copy = new RecentIds(capacity);
        copy.ids.putAll(ids);
        return copy;
    }

    public List<String> toStored() {
        List<String> out = new ArrayList<>(ids.size());
        for (Map.Entry<String, Long> e : ids.entrySet()) {
            out.add(e.getKey() + "@" + e.getValue());
        }
        return out;
    }
}
