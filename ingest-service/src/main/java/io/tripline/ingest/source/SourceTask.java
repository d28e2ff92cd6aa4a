package io.tripline.ingest.source;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.tripline.ingest.kafka.TransactionalPublisher;
import io.tripline.ingest.ops.IngestMetrics;
import io.tripline.schema.v1.IngestCursor;

/**
 * Runs one {@link Poller} on its own thread: poll, pause, back off exponentially on failure, and
 * keep its health. Sources never share a thread, a producer or a failure, so one account-region that
 * keeps failing does not hold up the others. Stopping lets the open transaction finish before closing.
 */
public final class SourceTask {

    private static final Logger LOG = LoggerFactory.getLogger(SourceTask.class);

    private final SourceId source;
    private final Poller poller;
    private final Supplier<TransactionalPublisher> publishers;
    private final IngestMetrics metrics;
    private final Duration pollInterval;
    private final Duration maxBackoff;
    private final Clock clock;
    private final Object sleeper = new Object();
    private final Instant startedAt;
    private volatile boolean running = true;
    private volatile SourceHealth health;
    private IngestCursor cursor;
    private Thread thread;

    public SourceTask(SourceId source, Poller poller, IngestCursor initial, Supplier<TransactionalPublisher> publishers,
                      IngestMetrics metrics, Duration pollInterval, Duration maxBackoff, Clock clock) {
        this.source = source;
        this.poller = poller;
        this.cursor = initial;
        this.publishers = publishers;
        this.metrics = metrics;
        this.pollInterval = pollInterval;
        this.maxBackoff = maxBackoff;
        this.clock = clock;
        this.startedAt = clock.instant();
        this.health = new SourceHealth(source, startedAt, null, 0, null);
    }

    public SourceId source() {
        return source;
    }

    public SourceHealth health() {
        return health;
    }

    public synchronized void start() {
        thread = new Thread(this::run, "ingest-" + source.key().replace('/', '-'));
        thread.setDaemon(true);
        thread.start();
    }

    /** Asks the loop to stop after the current batch; waits up to {@code grace}, then interrupts. */
    public void stop(Duration grace) {
        running = false;
        synchronized (sleeper) {
            sleeper.notifyAll();
        }
        Thread t = thread;
        if (t == null) {
            return;
        }
        try {
            t.join(grace.toMillis());
            if (t.isAlive()) {
                t.interrupt();
                t.join(grace.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        TransactionalPublisher publisher = null;
        int failures = 0;
        while (running) {
            long start = System.nanoTime();
            try {
                if (publisher == null) {
                    publisher = publishers.get();
                }
                PollContext context = new PollContext(source, cursor, publisher, metrics, () -> running, clock);
                boolean more;
                try {
                    more = poller.poll(context);
                } finally {
                    cursor = context.cursor();
                }
                failures = 0;
                health = new SourceHealth(source, startedAt, clock.instant(), 0, null);
                metrics.pollDuration(source, System.nanoTime() - start);
                if (!more) {
                    pause(pollInterval);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (Exception e) {
                failures++;
                SourceHealth last = health;
                health = new SourceHealth(source, startedAt, last.lastSuccess(), failures,
                        e.getClass().getSimpleName() + ": " + e.getMessage());
                metrics.pollFailed(source);
                LOG.warn("Poll of {} failed ({} in a row), cursor stays at {}: {}", source, failures,
                        cursor == null ? "start" : cursor.getPosition(), e.toString());
                if (e instanceof KafkaException && publisher != null) {
                    // a producer in a fatal state (fenced, timed out) cannot be reused: start a fresh one
                    closeQuietly(publisher);
                    publisher = null;
                }
                try {
                    pause(backoff(failures));
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        if (publisher != null) {
            closeQuietly(publisher);
        }
        LOG.info("Stopped {}", source);
    }

    private Duration backoff(int failures) {
        long base = Math.min(maxBackoff.toMillis(), 500L * (1L << Math.min(failures - 1, 16)));
        // jitter keeps many failing sources from retrying in lockstep
        return Duration.ofMillis(base / 2 + (long) (Math.random() * base / 2));
    }

    private void pause(Duration duration) throws InterruptedException {
        long deadline = System.nanoTime() + duration.toNanos();
        synchronized (sleeper) {
            while (running) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                TimeUnit.NANOSECONDS.timedWait(sleeper, left);
            }
        }
    }

    private void closeQuietly(TransactionalPublisher publisher) {
        try {
            publisher.close();
        } catch (RuntimeException e) {
            LOG.warn("Closing the producer of {} failed: {}", source, e.toString());
        }
    }
}
