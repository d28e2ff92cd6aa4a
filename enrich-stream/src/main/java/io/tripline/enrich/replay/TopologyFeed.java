package io.tripline.enrich.replay;

/**
 * How the replay engine drives the enrich topology: records go in one at a time, each processed to the
 * end (including what it sends through repartition topics) before the next, and what the topology
 * writes to its output topics reaches a {@link ReplayOutput} in the order it was produced.
 */
interface TopologyFeed extends AutoCloseable {

    /** Pipes one record into {@code topic} at {@code timestamp} and processes it completely. */
    void pipe(String topic, String key, byte[] value, long timestamp);

    /** Hands the output produced so far to the output, if the feed holds it back. */
    void drain();

    @Override
    void close();
}
