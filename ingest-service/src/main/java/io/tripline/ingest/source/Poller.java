package io.tripline.ingest.source;

/**
 * One source's reading logic for one account-region. {@link #poll} reads what is new since the
 * context's cursor and commits it in batches through {@link PollContext#commit}; it never advances
 * the cursor past what it has fully read.
 */
@FunctionalInterface
public interface Poller {

    /**
     * Reads and commits what is available now.
     *
     * @return true when more is known to be waiting (poll again without pausing)
     */
    boolean poll(PollContext context) throws Exception;
}
