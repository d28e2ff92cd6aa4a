package io.tripline.ingest.source;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;

import io.tripline.ingest.aws.SdkJson;
import io.tripline.ingest.aws.WireBodies;
import io.tripline.ingest.config.GuardDutyConfig;
import io.tripline.ingest.kafka.Batch;
import software.amazon.awssdk.services.guardduty.GuardDutyClient;
import software.amazon.awssdk.services.guardduty.model.Condition;
import software.amazon.awssdk.services.guardduty.model.Finding;
import software.amazon.awssdk.services.guardduty.model.FindingCriteria;
import software.amazon.awssdk.services.guardduty.model.GetFindingsResponse;
import software.amazon.awssdk.services.guardduty.model.ListFindingsRequest;
import software.amazon.awssdk.services.guardduty.model.ListFindingsResponse;
import software.amazon.awssdk.services.guardduty.model.OrderBy;
import software.amazon.awssdk.services.guardduty.model.SortCriteria;

/**
 * GuardDuty for one account-region: for each detector, ListFindings with {@code updatedAt ≥ cursor −
 * overlap} sorted by updatedAt ascending in pages of ≤ 50, GetFindings per page, one record per finding
 * version. Each page is one transaction whose cursor is the page's latest updatedAt, so a crash or a
 * throttled page resumes exactly where the last commit left off.
 */
public final class GuardDutyPoller implements Poller {

    private static final Logger LOG = LoggerFactory.getLogger(GuardDutyPoller.class);
    private static final SortCriteria BY_UPDATED = SortCriteria.builder().attributeName("updatedAt").orderBy(OrderBy.ASC).build();

    private final GuardDutyClient client;
    private final GuardDutyConfig config;
    private final RecordMapper mapper;

    public GuardDutyPoller(GuardDutyClient client, GuardDutyConfig config, RecordMapper mapper) {
        this.client = client;
        this.config = config;
        this.mapper = mapper;
    }

    @Override
    public boolean poll(PollContext context) {
        List<String> detectors = new ArrayList<>();
        client.listDetectorsPaginator(b -> b.maxResults(50)).detectorIds().forEach(detectors::add);
        for (String detector : detectors) {
            pollDetector(context, detector);
        }
        return false;
    }

    private void pollDetector(PollContext context, String detector) {
        Duration overlap = config.getOverlap();
        Instant position = context.cursor().getPosition();
        RecentIds recent = RecentIds.restore(context.cursor().getRecentIds(), config.getMaxRecentIds());
        ListFindingsRequest request = ListFindingsRequest.builder()
                .detectorId(detector)
                .findingCriteria(FindingCriteria.builder().criterion(Map.of("updatedAt",
                        Condition.builder().greaterThanOrEqual(position.minus(overlap).toEpochMilli()).build())).build())
                .sortCriteria(BY_UPDATED)
                .maxResults(config.getPageSize())
                .build();
        for (ListFindingsResponse page : client.listFindingsPaginator(request)) {
            if (!context.running()) {
                return;
            }
            if (page.findingIds().isEmpty()) {
                continue;
            }
            WireBodies.clear();
            GetFindingsResponse found = client.getFindings(b -> b.detectorId(detector).findingIds(page.findingIds())
                    .sortCriteria(BY_UPDATED));
            Batch batch = new Batch();
            Collector collector = new Collector(mapper, "guardduty", recent, batch, position);
            JsonNode wire = WireBodies.take();
            if (wire != null && wire.path("findings").isArray()) {
                wire.path("findings").forEach(collector::add);
            } else {
                for (Finding finding : found.findings()) {
                    collector.add(SdkJson.toJson(finding));
                }
            }
            if (batch.isEmpty()) {
                continue;
            }
            position = collector.maxTime();
            recent.pruneBefore(position.minus(overlap));
            context.commit(batch.cursor(context.nextCursor(position, recent, null)));
            LOG.info("GuardDuty {} detector {}: published {} finding versions ({} already published), cursor {}",
                    context.source(), detector, collector.added(), collector.skipped(), position);
        }
    }
}
