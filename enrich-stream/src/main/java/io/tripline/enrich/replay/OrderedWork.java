package io.tripline.enrich.replay;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Pieces of work done on a pool of threads, their results handed on in the order the work was submitted;
 * with one thread, each piece is done right away on the caller's thread. At most twice as many pieces as
 * threads are in flight, so memory holds a few results, not all of them.
 *
 * @param <T> the result of a piece of work
 */
final class OrderedWork<T> implements AutoCloseable {

    private final ExecutorService pool;
    private final int ahead;
    private final Consumer<T> results;
    private final Deque<Future<T>> pending = new ArrayDeque<>();

    OrderedWork(int threads, String name, Consumer<T> results) {
        this.results = results;
        this.ahead = 2 * threads;
        this.pool = threads == 1 ? null : Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        });
    }

    void submit(Supplier<T> work) {
        if (pool == null) {
            results.accept(work.get());
            return;
        }
        pending.add(pool.submit(work::get));
        if (pending.size() > ahead) {
            takeOldest();
        }
    }

    /** Waits for every piece still in flight and hands on its result; throws what a piece threw. */
    void finish() {
        while (!pending.isEmpty()) {
            takeOldest();
        }
    }

    /** Stops the threads; results not yet handed on are dropped. */
    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    private void takeOldest() {
        results.accept(await(pending.removeFirst(), "work in flight"));
    }

    /** The result of {@code future}, rethrowing what the work threw; {@code what} names it if interrupted. */
    static <T> T await(Future<T> future, String what) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + what, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
