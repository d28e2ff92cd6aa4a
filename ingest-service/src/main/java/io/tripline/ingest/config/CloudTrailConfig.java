package io.tripline.ingest.config;

import java.time.Duration;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * CloudTrail LookupEvents poller settings ({@code tripline.ingest.cloudtrail}): overlap (events arrive
 * late and out of order; default 15 min), page size (AWS maximum 50), the request rate shared by every
 * LookupEvents call of an account-region (AWS: 2/s), and memory bounds for dedupe and one poll.
 */
@ConfigurationProperties("tripline.ingest.cloudtrail")
public class CloudTrailConfig {

    private Duration overlap = Duration.ofMinutes(15);
    private int pageSize = 50;
    private double requestsPerSecond = 2.0;
    private int maxRecentIds = 10_000;
    private int maxEventsPerPoll = 50_000;

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

    public double getRequestsPerSecond() {
        return requestsPerSecond;
    }

    public void setRequestsPerSecond(double requestsPerSecond) {
        this.requestsPerSecond = requestsPerSecond;
    }

    public int getMaxRecentIds() {
        return maxRecentIds;
    }

    public void setMaxRecentIds(int maxRecentIds) {
        this.maxRecentIds = maxRecentIds;
    }

    public int getMaxEventsPerPoll() {
        return maxEventsPerPoll;
    }

    public void setMaxEventsPerPoll(int maxEventsPerPoll) {
        this.maxEventsPerPoll = maxEventsPerPoll;
    }
}
