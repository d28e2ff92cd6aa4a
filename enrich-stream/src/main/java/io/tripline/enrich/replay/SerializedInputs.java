package io.tripline.enrich.replay;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Function;

/**
 * The replay records' Avro values, serialized on a thread of their own ahead of the topology, which takes
 * them in record order. Serializing is a pure function of the record, so the values, and what the topology
 * does with them, are the same as serializing each one just before piping it; the two only run at once.
 */
final class SerializedInputs implements AutoCloseable {

    private static final int CHUNK = 512;
    /** Chunks serialized ahead at most: enough to keep both threads busy, small enough not to matter for memory. */
    private static final int AHEAD = 8;

    private final BlockingQueue<Chunk> chunks = new ArrayBlockingQueue<>(AHEAD);
    private final Thread thread;
    private volatile boolean closed;
    private Chunk current;
    private int next;

    SerializedInputs(List<ReplayRecord> records, Function<ReplayRecord, byte[]> serializer) {
        thread = new Thread(() -> serialize(records, serializer), "replay-serialize");
        thread.setDaemon(true);
        thread.start();
    }

    /** The serialized value of the next record; throws what serializing it threw. */
    byte[] next() {
        while (current == null || next == current.values.size()) {
            if (current != null && current.failure != null) {
                throw current.failure;
            }
            current = take();
            next = 0;
        }
        return current.values.get(next++);
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

    private void serialize(List<ReplayRecord> records, Function<ReplayRecord, byte[]> serializer) {
        try {
            List<byte[]> values = new ArrayList<>(CHUNK);
            for (ReplayRecord record : records) {
                try {
                    values.add(serializer.apply(record));
                } catch (RuntimeException e) {
                    // Handed over in place of the value, so the topology thread throws it where it would have.
                    chunks.put(new Chunk(values, e));
                    return;
                }
                if (values.size() == CHUNK) {
                    chunks.put(new Chunk(values, null));
                    values = new ArrayList<>(CHUNK);
                }
            }
            if (!values.isEmpty()) {
                chunks.put(new Chunk(values, null));
            }
        } catch (InterruptedException e) {
            if (!closed) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private record Chunk(List<byte[]> values, RuntimeException failure) {
    }
}
