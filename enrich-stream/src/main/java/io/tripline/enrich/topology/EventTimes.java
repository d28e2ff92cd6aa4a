package io.tripline.enrich.topology;

import java.time.Instant;

/**
 * The event times the topology accepts as record timestamps: 2000 to 2200. Beyond them a record is hostile
 * or broken, and one record dated in year 9999 would move its partition's stream time so far that every
 * window, open delay and quiet period downstream expired at once and all later records counted as late.
 */
public final class EventTimes {

    public static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    public static final Instant LATEST = Instant.parse("2200-01-01T00:00:00Z");

    private EventTimes() {
    }

    public static boolean plausible(Instant time) {
        return time != null && !time.isBefore(EARLIEST) && !time.isAfter(LATEST);
    }

    /** The event time as a record timestamp; an implausible one is refused with a reason that names it. */
    static long timestamp(Instant time) {
        if (!plausible(time)) {
            throw new IllegalArgumentException(time == null ? "the record has no event time"
                    : "event time " + time + " is outside " + EARLIEST + " .. " + LATEST);
        }
        return time.toEpochMilli();
    }
}
