package io.tripline.ingest.aws;

import java.util.concurrent.TimeUnit;

/**
 * A request-rate limiter with no burst: callers get evenly spaced slots {@code 1/rate} seconds apart,
 * so a quota like LookupEvents' 2 requests/s per account-region holds in every one-second window even
 * across retries (every attempt takes a slot).
 */
public final class TokenBucket {

    private final long intervalNanos;
    private long nextSlot = System.nanoTime();

    public TokenBucket(double requestsPerSecond) {
        if (requestsPerSecond <= 0) {
            throw new IllegalArgumentException("rate must be positive: " + requestsPerSecond);
        }
        this.intervalNanos = (long) Math.ceil(TimeUnit.SECONDS.toNanos(1) / requestsPerSecond);
    }

    /** Blocks until this caller's slot. */
    public void acquire() throws InterruptedException {
        long wait = reserve();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    private synchronized long reserve() {
        long now = System.nanoTime();
        long slot = Math.max(now, nextSlot);
        nextSlot = slot + intervalNanos;
        return slot - now;
    }
}
