package io.tripline.enrich.replay;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Function;

/**
 * The replay records with their Avro values, serialized on a thread of their own ahead of the topology,
 * which takes them in record order. Serializing is a pure function of the record, so the values, and what
 * the topology does with them, are the same as serializing each one just before piping it; the two only
 * run at once. The records may still be arriving (an iterator that blocks until the next one is read).
 */
final class SerializedInputs implements AutoCloseable {

    private static final int CHUNK = 512;
    /** Chunks serialized ahead at most: enough to keep both threads busy, small enough not to matter for memory. */
    private static final int AHEAD = 8;

    private final BlockingQueue<Chunk> chunks = new ArrayBlockingQueue<>(AHEAD);
    private final Thread thread;
    private volatile boolean closed;
    private Chunk current;
    private int next = -1;

    SerializedInputs(Iterator<ReplayRecord> records, Function<ReplayRecord, byte[]> serializer) {
        thread = new Thread(() -> serialize(records, serializer), "replay-serialize");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Moves on to the next record, waiting until it is serialized; false when the records have ended.
     * Throws what serializing it, or reading the records, threw.
     */
    boolean advance() {
        next++;
        while (current == null || next == current.records.size()) {
            if (current != null && (current.failure != null || current.last)) {
                if (current.failure != null) {
                    throw current.failure;
                }
                return false;
            }
            current = take();
            next = 0;
        }
        return true;
    }

    /** The record {@link #advance} moved to. */
    ReplayRecord record() {
        return current.records.get(next);
    }

    /** Its serialized value. */
    byte[] value() {
        return current.values.get(next);
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }

    private Chunk take() {
        try {
            return chunks.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for serialized replay records", e);
        }
    }

    private void serialize(Iterator<ReplayRecord> records, Function<ReplayRecord, byte[]> serializer) {
        try {
            List<ReplayRecord> batch = new ArrayList<>(CHUNK);
            List<byte[]> values = new ArrayList<>(CHUNK);
            try {
                while (records.hasNext()) {
                    ReplayRecord record = records.next();
                    values.add(serializer.apply(record));
                    batch.add(record);
                    if (values.size() == CHUNK) {
                        chunks.put(new Chunk(batch, values, false, null));
                        batch = new ArrayList<>(CHUNK);
                        values = new ArrayList<>(CHUNK);
                    }
                }
            } catch (RuntimeException e) {
                // Handed over after the values before it, so the topology thread throws it where it would have.
                chunks.put(new Chunk(batch, values, false, e));
                return;
            }
            chunks.put(new Chunk(batch, values, true, null));
        } catch (InterruptedException e) {
            if (!closed) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Records and their values; the last chunk, or one whose failure follows its values, ends the sequence. */
    private record Chunk(List<ReplayRecord> records, List<byte[]> values, boolean last, RuntimeException failure) {
    }
}
