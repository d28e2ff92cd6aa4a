package io.tripline.stack.registry;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@link RegistryLog} held in memory and applied synchronously: a registry for unit tests that
 * have no broker. Ids do not survive the process.
 */
public final class InMemoryRegistryLog implements RegistryLog {

    /** One appended record; {@code value} is null for a tombstone. */
    public record Entry(long offset, String key, String value) {}

    private final SchemaStore store;
    private final List<Entry> entries = new ArrayList<>();

    public InMemoryRegistryLog(SchemaStore store) {
        this.store = store;
    }

    @Override
    public synchronized void write(String key, String value) {
        long offset = entries.size();
        entries.add(new Entry(offset, key, value));
        store.apply(RegistryRecordCodec.decode(key, value), offset);
    }

    /** Everything written so far, in order. */
    public synchronized List<Entry> entries() {
        return List.copyOf(entries);
    }

    @Override
    public void close() {
        // Nothing to release.
    }
}
