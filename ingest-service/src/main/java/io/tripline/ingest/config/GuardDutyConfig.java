package io.tripline.ingest.config;

import java.time.Duration;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * GuardDuty poller settings ({@code tripline.ingest.guardduty}): the overlap re-read behind the cursor
 * (findings are updated in place and may surface late), page size (AWS maximum 50) and how many
 * published versions the cursor remembers.
 */
@ConfigurationProperties("tripline.ingest.guardduty")
public class GuardDutyConfig {

    private Duration overlap = Duration.ofMinutes(5);
    private int pageSize = 50;
    private int maxRecentIds = 5000;

    public Duration getOverlap() {
        return overlap;
    }

    public void setOverlap(Duration overlap) {
        this.overlap = overlap;
    }

    public int getPageSize() {
        return pageSize;
    }

    public void setPageSize(int pageSize) {
        this.pageSize = pageSize;
    }

    public int getMaxRecentIds() {
        return maxRecentIds;
    }

    public void setMaxRecentIds(int maxRecentIds) {
        this.maxRecentIds = maxRecentIds;
    }
}
