package io.tripline.ingest.kafka;

import java.util.ArrayList;
import java.util.List;

import io.tripline.schema.v1.DeadLetter;
import io.tripline.schema.v1.IngestCursor;

/**
 * What one transaction carries: the records read, the dead letters of what did not normalize, and the
 * cursor that says how far this batch got. All or nothing.
 */
public final class Batch {

    private final List<OutRecord<?, ?>> records = new ArrayList<>();
    private final List<DeadLetter> deadLetters = new ArrayList<>();
    private IngestCursor cursor;

    public Batch add(OutRecord<?, ?> record) {
        records.add(record);
        return this;
    }

    public Batch deadLetter(DeadLetter letter) {
        deadLetters.add(letter);
        return this;
    }

    public Batch cursor(IngestCursor next) {
        this.cursor = next;
        return this;
    }

    public List<OutRecord<?, ?>> records() {
        return records;
    }

    public List<DeadLetter> deadLetters() {
        return deadLetters;
    }

    public IngestCursor cursor() {
        return cursor;
    }

    public boolean isEmpty() {
        return records.isEmpty() && deadLetters.isEmpty();
    }
}
