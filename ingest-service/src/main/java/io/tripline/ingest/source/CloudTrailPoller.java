package io.tripline.ingest.source;

import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.tripline.core.normalize.Json;
import io.tripline.ingest.config.CloudTrailConfig;
import io.tripline.ingest.kafka.Batch;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.Event;
import software.amazon.awssdk.services.cloudtrail.model.LookupEventsRequest;
import software.amazon.awssdk.services.cloudtrail.model.LookupEventsResponse;

/**
 * CloudTrail LookupEvents for one account-region: StartTime = cursor − overlap (events arrive late and
 * out of order), pages of ≤ 50 at ≤ 2 requests/s shared per account-region (the client's token bucket,
 * applied to every attempt), dedupe by eventID across the overlap window with bounded memory. LookupEvents
 * pages newest first, so the cursor can only move once the whole window has been read: one transaction
 * per poll, holding at most {@code max-events-per-poll} new events.
 */
public final class CloudTrailPoller implements Poller {

    private static final Logger LOG = LoggerFactory.getLogger(CloudTrailPoller.class);

    private final CloudTrailClient client;
    private final CloudTrailConfig config;
    private final RecordMapper mapper;

    public CloudTrailPoller(CloudTrailClient client, CloudTrailConfig config, RecordMapper mapper) {
        this.client = client;
        this.config = config;
        this.mapper = mapper;
    }

    @Override
    public boolean poll(PollContext context) {
        Duration overlap = config.getOverlap();
        Instant position = context.cursor().getPosition();
        RecentIds recent = RecentIds.restore(context.cursor().getRecentIds(), config.getMaxRecentIds());
        LookupEventsRequest request = LookupEventsRequest.builder()
                .startTime(position.minus(overlap))
                .maxResults(config.getPageSize())
                .build();
        Batch batch = new Batch();
        Collector collector = new Collector(mapper, "cloudtrail", recent, batch, position);
        int pages = 0;
        for (LookupEventsResponse page : client.lookupEventsPaginator(request)) {
            if (!context.running()) {
                return false;
            }
            pages++;
            for (Event event : page.events()) {
                collector.add(lookupItem(event));
            }
            if (collector.added() > config.getMaxEventsPerPoll()) {
                // holding more would break the memory bound; nothing is committed, so nothing is lost
                throw new IllegalStateException("more than " + config.getMaxEventsPerPoll()
                        + " new events in one poll of " + context.source() + "; raise max-events-per-poll or poll more often");
            }
        }
        if (batch.isEmpty()) {
            return false;
        }
        Instant next = collector.maxTime();
        recent.pruneBefore(next.minus(overlap));
        context.commit(batch.cursor(context.nextCursor(next, recent, null)));
        LOG.info("CloudTrail {}: {} pages, published {} events ({} already published), cursor {}",
                context.source(), pages, collector.added(), collector.skipped(), next);
        return false;
    }

    /** The LookupEvents item in its wire shape; SourceShapes reads its {@code CloudTrailEvent} string. */
    private static com.fasterxml.jackson.databind.JsonNode lookupItem(Event event) {
        com.fasterxml.jackson.databind.node.ObjectNode item = Json.MAPPER.createObjectNode();
        item.put("EventId", event.eventId());
        item.put("EventName", event.eventName());
        item.put("CloudTrailEvent", event.cloudTrailEvent());
        return item;
    }
}
