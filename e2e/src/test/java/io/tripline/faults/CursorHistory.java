package io.tripline.faults;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;

import io.tripline.schema.v1.IngestCursor;

/**
 * Every committed ingest cursor in offset order, per cursor key ({@code source/account/region}): a
 * cursor whose high-water mark moves back, or whose S3 token counts fewer committed records of the same
 * log file than the one before, is a discontinuity (records would be re-read or skipped on resume).
 */
final class CursorHistory implements BiConsumer<String, IngestCursor> {

    private final Map<String, IngestCursor> last = new TreeMap<>();
    private final Map<String, Integer> commits = new HashMap<>();
    private final List<String> discontinuities = new ArrayList<>();

    @Override
    public void accept(String key, IngestCursor cursor) {
        commits.merge(key, 1, Integer::sum);
        IngestCursor previous = last.put(key, cursor);
        if (previous == null || cursor == null) {
            return;
        }
        if (cursor.getPosition().isBefore(previous.getPosition())) {
            discontinuities.add(key + ": position went back from " + previous.getPosition() + " to " + cursor.getPosition());
        }
        String before = token(previous);
        String now = token(cursor);
        if (before != null && now != null && object(before).equals(object(now)) && count(now) < count(before)) {
            discontinuities.add(key + ": " + object(now) + " went back from " + count(before) + " to " + count(now) + " records");
        }
    }

    Map<String, IngestCursor> latest() {
        return last;
    }

    int commits(String key) {
        return commits.getOrDefault(key, 0);
    }

    List<String> discontinuities() {
        return discontinuities;
    }

    /** The latest cursor of {@code source}, or null. */
    IngestCursor latest(String source) {
        return last.entrySet().stream().filter(e -> e.getKey().startsWith(source + "/")).map(Map.Entry::getValue)
                .findFirst().orElse(null);
    }

    /** Positions (event time) are stored to the millisecond; an hwm covers {@code time} when not before it. */
    static boolean covers(IngestCursor cursor, Instant time) {
        return cursor != null && !cursor.getPosition().isBefore(time);
    }

    private static String token(IngestCursor cursor) {
        return cursor.getToken() == null ? null : cursor.getToken().toString();
    }

    private static String object(String token) {
        int at = token.lastIndexOf('\n');
        return at < 0 ? token : token.substring(0, at);
    }

    private static long count(String token) {
        int at = token.lastIndexOf('\n');
        return at < 0 ? 0 : Long.parseLong(token.substring(at + 1));
    }
}
