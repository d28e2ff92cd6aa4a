package io.tripline.ingest.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

/** The dedupe set the cursor carries: the newest ids by time survive, and a restore reads them back. */
class RecentIdsTest {

    @Test
    void shouldKeepTheNewestIdsByTimeWhenTheCursorCannotCarryAll() {
        RecentIds ids = new RecentIds(100);
        ids.add("late", Instant.ofEpochSecond(10));
        for (int i = 0; i < 5; i++) {
            ids.add("e" + i, Instant.ofEpochSecond(100 + i));
        }
        ids.add("older", Instant.ofEpochSecond(50));

        RecentIds persisted = RecentIds.restore(ids.newest(3).toStored(), 100);

        assertThat(persisted.size()).isEqualTo(3);
        assertThat(persisted.contains("e4")).isTrue();
        assertThat(persisted.contains("e2")).isTrue();
        assertThat(persisted.contains("older")).isFalse();
        assertThat(persisted.oldest()).isEqualTo(Instant.ofEpochSecond(102));
    }
}
