package io.tripline.ingest.source;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;

import io.tripline.ingest.kafka.Batch;
import io.tripline.ingest.kafka.OutRecord;
import io.tripline.ingest.kafka.TransactionalPublisher;
import io.tripline.ingest.ops.IngestMetrics;
import io.tripline.schema.v1.IngestCursor;

/**
 * What a {@link Poller} works with: its source id, the last committed cursor, and {@link #commit},
 * which publishes a batch in one transaction and only then adopts the batch's cursor.
 */
public final class PollContext {

    private final SourceId source;
    private final TransactionalPublisher publisher;
    private final IngestMetrics metrics;
    private final BooleanSupplier running;
    private final Clock clock;
    private IngestCursor cursor;

    public PollContext(SourceId source, IngestCursor cursor, TransactionalPublisher publisher, IngestMetrics metrics,
                       BooleanSupplier running, Clock clock) {
        this.source = source;
        this.cursor = cursor;
        this.publisher = publisher;
        this.metrics = metrics;
        this.running = running;
        this.clock = clock;
    }

    public SourceId source() {
        return source;
    }

    /** The last committed cursor. */
    public IngestCursor cursor() {
        return cursor;
    }

    public boolean running() {
        return running.getAsBoolean();
    }

    public Clock clock() {
        return clock;
    }

    /** A cursor for this source at {@code position} with {@code recent} ids and {@code token}. */
    public IngestCursor nextCursor(Instant position, RecentIds recent, String token) {
        return IngestCursor.newBuilder()
                .setSource(source.type().id())
                .setAccountId(source.account())
                .setRegion(source.region())
                .setPosition(position)
                .setToken(token)
                .setRecentIds(List.copyOf(recent.toStored()))
                .setUpdatedAt(clock.instant())
                .build();
    }

    /** Publishes {@code batch} atomically; on success its cursor becomes the committed one. */
    public void commit(Batch batch) {
        publisher.publish(batch);
        if (batch.cursor() != null) {
            cursor = batch.cursor();
            metrics.cursor(source, cursor.getPosition());
        }
        for (OutRecord<?, ?> record : batch.records()) {
            metrics.published(source, record.topic().name());
        }
        if (!batch.deadLetters().isEmpty()) {
            metrics.deadLettered(source, batch.deadLetters().size());
        }
    }
}
