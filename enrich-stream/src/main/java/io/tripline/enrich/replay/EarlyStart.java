package io.tripline.enrich.replay;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A replay of files whose topology starts while the files are still being read, on the guess that the
 * records come in replay order ({@link ReplayRecord#ORDER}), as exports sorted by time do. Records go to
 * the topology as they are read, for as long as none comes before the one read before it. If the whole
 * input comes so, the topology got exactly the order sorting gives (the sort is stable: equal records keep
 * their read order), so the result is the sorted run's, byte for byte, and reading and the topology ran at
 * once. Records handed to the early run are not kept, so a replay of files in order holds none of them in
 * memory. At the first record out of order the early run is abandoned and reading stops; the files are read
 * again, and the topology runs from the start over the sorted records, as if there had been no early start:
 * an input out of order costs what reading and the early run did until then. The files must not change
 * between the two readings (one still being written to is taken as the second reading finds it).
 */
public final class EarlyStart {

    /** Progress of a replay: records done of those read so far (final once reading has ended). */
    public interface Progress {
        void replayed(long done, long total);
    }

    private final ReplayEngine engine;
    private boolean held;

    public EarlyStart(ReplayEngine engine) {
        this.engine = engine;
    }

    /**
     * Reads {@code inputs} with {@code reader} and replays them; throws {@link IOException} naming an input
     * that does not exist, as {@link ReplayReader#read} does. {@code progress} may be null.
     */
    public ReplayResult run(ReplayReader reader, List<Path> inputs, Progress progress) throws IOException {
        InOrder stream = new InOrder();
        CompletableFuture<ReplayResult> early = new CompletableFuture<>();
        Thread topology = new Thread(() -> {
            try {
                // Until reading ends the total is not known: one more than read keeps a bar from looking finished.
                early.complete(engine.run(stream, List.of(), progress == null ? null
                        : done -> progress.replayed(done, stream.ended() ? stream.read() : stream.read() + 1),
                        ReplayEngine.Executor.TASK));
            } catch (Throwable e) {
                early.completeExceptionally(e);
            } finally {
                stream.gone(); // a reader waiting for room must not wait for a run that takes no more
            }
        }, "replay-topology");
        topology.setDaemon(true);
        topology.start();
        try {
            // Not kept while they go to the early run: if it holds, nothing needs them again, so memory (and the
            // collector's copying) does not grow with the input. If it is abandoned, reading stops and starts over.
            reader.handOnly();
            reader.read(inputs, records -> {
                stream.offer(records);
                if (!stream.held()) {
                    reader.stop();
                }
            });
        } catch (IOException | RuntimeException | Error e) {
            stream.abandon();
            finished(early);
            throw e;
        }
        stream.end();
        held = stream.held();
        if (held) {
            ReplayResult result = result(early);
            return new ReplayResult(result.ocsf(), result.ocsfKeys(), result.eventsRead(), result.ruleHits(),
                    reader.unparseable(), result.deadLetters(), result.suppressed());
        }
        // What the abandoned run did or threw does not count: the sorted run of a second reading decides.
        finished(early);
        reader.restart();
        reader.read(inputs);
        List<ReplayRecord> records = reader.records();
        return engine.run(records, reader.unparseable(), progress == null ? null
                : done -> progress.replayed(done, records.size()));
    }

    /** Whether the last {@link #run}'s input came in replay order, so the early run's result was kept. */
    public boolean held() {
        return held;
    }

    private static ReplayResult result(CompletableFuture<ReplayResult> early) {
        return OrderedWork.await(early, "the replay");
    }

    /** Waits for an abandoned early run to end, whatever it gave. */
    private static void finished(CompletableFuture<ReplayResult> early) {
        try {
            early.handle((result, failure) -> null).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException impossible) {
            // handle() completes normally
        }
    }

    /**
     * The records in read order, handed from the reading thread to the early run, up to the first one out
     * of replay order. The early run blocks until the next piece is read or the input ends; reading blocks
     * while {@link #AHEAD} pieces wait for the early run, so what is read ahead of the topology stays bounded
     * (reading is faster than the topology; unbounded, the whole input would wait in memory, and the collector
     * would copy it from one young collection to the next).
     */
    private static final class InOrder implements Iterator<ReplayRecord> {
        /** Markers compared by identity: the input ended in order, or the early run is abandoned. */
        private static final List<ReplayRecord> END = List.of(marker());
        private static final List<ReplayRecord> ABANDONED = List.of(marker());
        /** Pieces (reading batches) read ahead of the early run at most, besides the one it is in. */
        private static final int AHEAD = 8;
        private static final long WAIT_MILLIS = 50;

        private final BlockingQueue<List<ReplayRecord>> pieces = new ArrayBlockingQueue<>(AHEAD);
        private final AtomicLong read = new AtomicLong();
        private volatile boolean ended;
        private volatile boolean broken;
        /** The early run has ended: nothing takes pieces any more. */
        private volatile boolean gone;
        /** The reading thread's: the last record handed on. */
        private ReplayRecord last;
        /** The early run's: the piece it is in. */
        private List<ReplayRecord> current = List.of();
        private int next;
        private boolean done;

        private static ReplayRecord marker() {
            return new ReplayRecord(null, null, null, null);
        }

        /** Hands on the records read, in read order; at the first out of order, abandons the early run. */
        void offer(List<ReplayRecord> records) {
            if (broken) {
                return;
            }
            int inOrder = 0;
            for (ReplayRecord record : records) {
                if (last != null && ReplayRecord.ORDER.compare(last, record) > 0) {
                    break;
                }
                last = record;
                inOrder++;
            }
            read.addAndGet(inOrder);
            if (inOrder > 0) {
                put(inOrder == records.size() ? records : records.subList(0, inOrder));
            }
            if (inOrder < records.size()) {
                abandon();
            }
        }

        void end() {
            ended = true;
            put(END);
        }

        void abandon() {
            broken = true;
            put(ABANDONED);
        }

        void gone() {
            gone = true;
        }

        /** Waits for room for {@code piece}, unless the early run has ended (then the piece is not needed). */
        private void put(List<ReplayRecord> piece) {
            try {
                while (!pieces.offer(piece, WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                    if (gone) {
                        return;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while handing records to the replay", e);
            }
        }

        boolean held() {
            return !broken;
        }

        boolean ended() {
            return ended;
        }

        long read() {
            return read.get();
        }

        @Override
        public boolean hasNext() {
            while (next == current.size()) {
                if (done) {
                    return false;
                }
                List<ReplayRecord> piece = take();
                if (piece == END || piece == ABANDONED) {
                    done = true;
                    return false;
                }
                current = piece;
                next = 0;
            }
            return true;
        }

        @Override
        public ReplayRecord next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return current.get(next++);
        }

        private List<ReplayRecord> take() {
            try {
                return pieces.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for records being read", e);
            }
        }
    }
}
