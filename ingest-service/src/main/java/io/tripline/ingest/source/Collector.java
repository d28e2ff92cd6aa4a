package io.tripline.ingest.source;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;

import io.tripline.core.normalize.SourceItem;
import io.tripline.core.normalize.SourceShapes;
import io.tripline.ingest.kafka.Batch;

/**
 * Adds source JSON to a batch the same way for every door: unwrap through {@link SourceShapes},
 * normalize, skip versions already published (remembering the new ones), and send what fails to the
 * DLQ with its raw JSON and reason so ingestion continues.
 */
public final class Collector {

    private final RecordMapper mapper;
    private final String source;
    private final RecentIds recent;
    private final Batch batch;
    private Instant maxTime;
    private int added;
    private int skipped;

    public Collector(RecordMapper mapper, String source, RecentIds recent, Batch batch, Instant position) {
        this.mapper = mapper;
        this.source = source;
        this.recent = recent;
        this.batch = batch;
        this.maxTime = position;
    }

    /** Adds every record inside {@code json}; returns how many were new. */
    public int add(JsonNode json) {
        int before = added;
        try {
            for (SourceItem item : SourceShapes.unwrap(json)) {
                RecordMapper.Mapped mapped = mapper.map(item);
                if (mapped.time() != null && mapped.time().isAfter(maxTime)) {
                    maxTime = mapped.time();
                }
                if (recent.contains(mapped.version())) {
                    skipped++;
                    continue;
                }
                recent.add(mapped.version(), mapped.time() == null ? maxTime : mapped.time());
                batch.add(mapped.record());
                added++;
            }
        } catch (RuntimeException e) {
            // overlapping reads see a bad record again: dead-letter it once, like a published version
            String letter = "dlq:" + java.util.UUID.nameUUIDFromBytes(
                    json.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            if (recent.contains(letter)) {
                skipped++;
            } else {
                recent.add(letter, maxTime);
                batch.deadLetter(mapper.deadLetter(source, json, e));
            }
        }
        return added - before;
    }

    /** Latest event time seen (at least the starting position). */
    public Instant maxTime() {
        return maxTime;
    }

    public int added() {
        return added;
    }

    public int skipped() {
        return skipped;
    }
}
