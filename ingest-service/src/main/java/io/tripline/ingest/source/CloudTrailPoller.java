package io.tripline.ingest.source;

import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.tripline.core.normalize.Json;
import io.tripline.ingest.config.CloudTrailConfig;
import io.tripline.ingest.kafka.Batch;
import io.tripline.schema.v1.IngestCursor;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.Event;
import software.amazon.awssdk.services.cloudtrail.model.InvalidNextTokenException;
import software.amazon.awssdk.services.cloudtrail.model.LookupEventsRequest;
import software.amazon.awssdk.services.cloudtrail.model.LookupEventsResponse;

/**
 * CloudTrail LookupEvents for one account-region, built to keep up with close to the quota's ceiling
 * (2 requests/s × 50 events ≈ 100 events/s) while still catching events that arrive late.
 * <p>
 * Every poll re-reads only a short {@code recent-window} behind the high-water mark (max eventTime
 * committed) — enough for same-second and slightly late arrivals — and reads every page of it
 * (LookupEvents pages newest first, so the cursor moves only once the whole window is read: one
 * transaction per poll). The full lateness {@code overlap} (default 15 min) is covered by a
 * <em>sweep</em> that walks {@code [hwm − overlap, hwm − recent-window]} a few pages per poll with the
 * spare request budget (many pages when the recent read found less than a page, one otherwise), resuming
 * with its NextToken. Dedupe is by eventID over the whole overlap, bounded by {@code max-recent-ids} in
 * memory; the cursor carries the newest {@code max-persisted-ids} of them, and after a restart the sweep
 * does not go below what the cursor still covers, so a restart never republishes an event.
 * All LookupEvents attempts share the account-region's token bucket (the client interceptor).
 */
public final class CloudTrailPoller implements Poller {

    private static final Logger LOG = LoggerFactory.getLogger(CloudTrailPoller.class);

    /** Where an unfinished lateness sweep stands: its fixed range and the token of its next page. */
    private record Sweep(Instant floor, Instant end, String token) {
    }

    private final CloudTrailClient client;
    private final CloudTrailConfig config;
    private final RecordMapper mapper;
    /** The cursor {@link #seen} belongs to; any other cursor means a (re)start: restore from it. */
    private IngestCursor restoredFrom;
    private RecentIds seen;
    private Sweep sweep;
    private Instant lastSweepStart;
    /** After a restart whose cursor could not carry every id of the overlap: the sweep stays above this. */
    private Instant sweepFloor;

    public CloudTrailPoller(CloudTrailClient client, CloudTrailConfig config, RecordMapper mapper) {
        this.client = client;
        this.config = config;
        this.mapper = mapper;
    }

    @Override
    public boolean poll(PollContext context) {
        IngestCursor cursor = context.cursor();
        if (cursor != restoredFrom) {
            restore(cursor);
        }
        Instant position = cursor.getPosition();
        // work on copies: the committed state changes only once the transaction has committed
        RecentIds working = seen.copy();
        Batch batch = new Batch();
        Collector recent = new Collector(mapper, "cloudtrail", working, batch, position);
        LookupEventsRequest request = LookupEventsRequest.builder()
                .startTime(position.minus(config.getRecentWindow()))
                .maxResults(config.getPageSize())
                .build();
        int pages = 0;
        for (LookupEventsResponse page : client.lookupEventsPaginator(request)) {
            if (!context.running()) {
                return false;
            }
            pages++;
            page.events().forEach(event -> recent.add(lookupItem(event)));
            if (recent.added() > config.getMaxEventsPerPoll()) {
                // holding more would break the memory bound; nothing is committed, so nothing is lost
                throw new IllegalStateException("more than " + config.getMaxEventsPerPoll()
                        + " new events in one poll of " + context.source() + "; raise max-events-per-poll or poll more often");
            }
        }
        Instant next = recent.maxTime();
        boolean busy = recent.added() >= config.getPageSize();
        Collector late = new Collector(mapper, "cloudtrail", working, batch, next);
        Sweep nextSweep = sweep(context, next, busy ? config.getSweepPagesPerPoll() : config.getIdleSweepPagesPerPoll(), late);
        if (!context.running()) {
            return false;
        }
        working.pruneBefore(next.minus(config.getOverlap()));
        if (!batch.isEmpty() || next.isAfter(position)) {
            context.commit(batch.cursor(context.nextCursor(next, working.newest(config.getMaxPersistedIds()), null)));
            LOG.info("CloudTrail {}: {} pages, published {} events ({} already published) and {} late events, cursor {}",
                    context.source(), pages, recent.added(), recent.skipped(), late.added(), next);
        }
        seen = working;
        sweep = nextSweep;
        restoredFrom = context.cursor();
        return busy;
    }

    private void restore(IngestCursor cursor) {
        seen = RecentIds.restore(cursor.getRecentIds(), config.getMaxRecentIds());
        sweep = null;
        // a full cursor may have dropped older ids: sweeping below what it covers could republish
        Instant oldest = seen.oldest();
        sweepFloor = seen.size() >= config.getMaxPersistedIds() && oldest != null ? oldest.plusSeconds(1) : null;
        restoredFrom = cursor;
    }

    /** Reads up to {@code budget} pages of the lateness sweep; returns where the sweep then stands. */
    private Sweep sweep(PollContext context, Instant hwm, int budget, Collector late) {
        Sweep current = sweep;
        for (int i = 0; i < budget && context.running(); i++) {
            if (current == null) {
                current = startSweep(context, hwm);
                if (current == null) {
                    return null;
                }
            }
            LookupEventsResponse page;
            try {
                page = client.lookupEvents(LookupEventsRequest.builder().startTime(current.floor())
                        .endTime(current.end()).nextToken(current.token()).maxResults(config.getPageSize()).build());
            } catch (InvalidNextTokenException expired) {
                LOG.info("CloudTrail {}: sweep token expired, the next sweep starts over", context.source());
                return null;
            }
            page.events().forEach(event -> late.add(lookupItem(event)));
            if (page.nextToken() == null) {
                LOG.debug("CloudTrail {}: lateness sweep {}..{} done", context.source(), current.floor(), current.end());
                return null;
            }
            current = new Sweep(current.floor(), current.end(), page.nextToken());
        }
        return current;
    }

    private Sweep startSweep(PollContext context, Instant hwm) {
        Instant now = context.clock().instant();
        if (lastSweepStart != null && Duration.between(lastSweepStart, now).compareTo(config.getSweepInterval()) < 0) {
            return null;
        }
        Instant floor = hwm.minus(config.getOverlap());
        if (sweepFloor != null && sweepFloor.isAfter(floor)) {
            floor = sweepFloor;
        }
        Instant end = hwm.minus(config.getRecentWindow());
        if (!end.isAfter(floor)) {
            return null;
        }
        lastSweepStart = now;
        return new Sweep(floor, end, null);
    }

    /** The LookupEvents item in its wire shape; SourceShapes reads its {@code CloudTrailEvent} string. */
    private static JsonNode lookupItem(Event event) {
        ObjectNode item = Json.MAPPER.createObjectNode();
        item.put("EventId", event.eventId());
        item.put("EventName", event.eventName());
        item.put("CloudTrailEvent", event.cloudTrailEvent());
        return item;
    }
}
