package io.tripline.stack.registry;

/**
 * The durable, ordered log behind a {@link SchemaStore}: every change is written here and reaches
 * the store only by being read back, so all registry processes on one log build the same state.
 */
public interface RegistryLog extends AutoCloseable {

    /**
     * Appends a record ({@code value} null for a tombstone) and returns once the store has applied
     * it and everything before it, so the caller can read its own write.
     *
     * @throws RegistryException 50001 when the write fails, 50002 when it is not read back in time
     */
    void write(String key, String value);

    @Override
    void close();
}
