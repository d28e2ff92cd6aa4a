package io.tripline.ingest.source;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;

import io.tripline.ingest.aws.SdkJson;
import io.tripline.ingest.aws.WireBodies;
import io.tripline.ingest.config.SecurityHubConfig;
import io.tripline.ingest.kafka.Batch;
import software.amazon.awssdk.services.securityhub.SecurityHubClient;
import software.amazon.awssdk.services.securityhub.model.AwsSecurityFinding;
import software.amazon.awssdk.services.securityhub.model.AwsSecurityFindingFilters;
import software.amazon.awssdk.services.securityhub.model.DateFilter;
import software.amazon.awssdk.services.securityhub.model.GetFindingsRequest;
import software.amazon.awssdk.services.securityhub.model.GetFindingsResponse;
import software.amazon.awssdk.services.securityhub.model.SortCriterion;
import software.amazon.awssdk.services.securityhub.model.SortOrder;
import software.amazon.awssdk.services.securityhub.model.StringFilter;
import software.amazon.awssdk.services.securityhub.model.StringFilterComparison;

/**
 * Security Hub for one account-region: GetFindings with {@code UpdatedAt} from cursor − overlap, the
 * configured RecordState/WorkflowStatus/SeverityLabel/ComplianceStatus filters, ascending UpdatedAt,
 * pages of ≤ 100 at ≤ 3 requests/s (the client's token bucket). One transaction per page. GuardDuty
 * copies keep the GuardDuty identity through the ASFF normalizer.
 */
public final class SecurityHubPoller implements Poller {

    private static final Logger LOG = LoggerFactory.getLogger(SecurityHubPoller.class);

    private final SecurityHubClient client;
    private final SecurityHubConfig config;
    private final RecordMapper mapper;

    public SecurityHubPoller(SecurityHubClient client, SecurityHubConfig config, RecordMapper mapper) {
        this.client = client;
        this.config = config;
        this.mapper = mapper;
    }

    @Override
    public boolean poll(PollContext context) {
        Duration overlap = config.getOverlap();
        Instant position = context.cursor().getPosition();
        RecentIds recent = RecentIds.restore(context.cursor().getRecentIds(), config.getMaxRecentIds());
        GetFindingsRequest request = GetFindingsRequest.builder()
                .filters(filters(position.minus(overlap), context.clock().instant().plus(Duration.ofDays(1))))
                .sortCriteria(SortCriterion.builder().field("UpdatedAt").sortOrder(SortOrder.ASC).build())
                .maxResults(config.getPageSize())
                .build();
        WireBodies.clear();
        for (GetFindingsResponse page : client.getFindingsPaginator(request)) {
            JsonNode wire = WireBodies.take();
            if (!context.running()) {
                return false;
            }
            Batch batch = new Batch();
            Collector collector = new Collector(mapper, "securityhub", recent, batch, position);
            if (wire != null && wire.path("Findings").isArray()) {
                wire.path("Findings").forEach(collector::add);
            } else {
                for (AwsSecurityFinding finding : page.findings()) {
                    collector.add(SdkJson.toJson(finding));
                }
            }
            if (batch.isEmpty()) {
                continue;
            }
            position = collector.maxTime();
            recent.pruneBefore(position.minus(overlap));
            context.commit(batch.cursor(context.nextCursor(position, recent, null)));
            LOG.info("Security Hub {}: published {} finding versions ({} already published), cursor {}",
                    context.source(), collector.added(), collector.skipped(), position);
        }
        return false;
    }

    private AwsSecurityFindingFilters filters(Instant from, Instant to) {
        AwsSecurityFindingFilters.Builder filters = AwsSecurityFindingFilters.builder()
                .updatedAt(DateFilter.builder().start(from.toString()).end(to.toString()).build());
        // an empty filter list would select nothing on some implementations: leave unset fields out
        if (!config.getRecordStates().isEmpty()) {
            filters.recordState(equalsAny(config.getRecordStates()));
        }
        if (!config.getWorkflowStatuses().isEmpty()) {
            filters.workflowStatus(equalsAny(config.getWorkflowStatuses()));
        }
        if (!config.getSeverityLabels().isEmpty()) {
            filters.severityLabel(equalsAny(config.getSeverityLabels()));
        }
        if (!config.getComplianceStatuses().isEmpty()) {
            filters.complianceStatus(equalsAny(config.getComplianceStatuses()));
        }
        return filters.build();
    }

    /** Security Hub ORs the values of one filter field and ANDs the fields. */
    private static List<StringFilter> equalsAny(List<String> values) {
        return values.stream()
                .map(v -> StringFilter.builder().value(v).comparison(StringFilterComparison.EQUALS).build())
                .toList();
    }
}
