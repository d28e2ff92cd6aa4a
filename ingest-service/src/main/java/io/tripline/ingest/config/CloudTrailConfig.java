package io.tripline.ingest.config;

import java.time.Duration;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * CloudTrail LookupEvents poller settings ({@code tripline.ingest.cloudtrail}): the lateness overlap
 * (events arrive late and out of order; default 15 min, swept with the spare request budget), the short
 * recent window every poll re-reads past the high-water mark, sweep pages per poll, page size (AWS
 * maximum 50), the request rate shared by every LookupEvents call of an account-region (AWS: 2/s), and
 * memory bounds for dedupe (in memory and persisted in the cursor) and one poll.
 */
@ConfigurationProperties("tripline.ingest.cloudtrail")
public class CloudTrailConfig {

    private Duration overlap = Duration.ofMinutes(15);
    private int pageSize = 50;
    private double requestsPerSecond = 2.0;
    private Duration recentWindow = Duration.ofSeconds(5);
    private int sweepPagesPerPoll = 1;
    private Duration sweepInterval = Duration.ofMinutes(1);
    private int idleSweepPagesPerPoll = 20;
    private int maxRecentIds = 100_000;
    private int maxPersistedIds = 10_000;
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

    /** How far behind the high-water mark every poll re-reads (same-second and slightly late events). */
    public Duration getRecentWindow() {
        return recentWindow;
    }

    public void setRecentWindow(Duration recentWindow) {
        this.recentWindow = recentWindow;
    }

    /** Lateness-sweep pages per poll while the recent read is busy (guaranteed sweep progress). */
    public int getSweepPagesPerPoll() {
        return sweepPagesPerPoll;
    }

    public void setSweepPagesPerPoll(int sweepPagesPerPoll) {
        this.sweepPagesPerPoll = sweepPagesPerPoll;
    }

    /** The least time between the starts of two lateness sweeps. */
    public Duration getSweepInterval() {
        return sweepInterval;
    }

    public void setSweepInterval(Duration sweepInterval) {
        this.sweepInterval = sweepInterval;
    }

    /** Lateness-sweep pages per poll when the recent read found less than a page (the spare budget). */
    public int getIdleSweepPagesPerPoll() {
        return idleSweepPagesPerPoll;
    }

    public void setIdleSweepPagesPerPoll(int idleSweepPagesPerPoll) {
        this.idleSweepPagesPerPoll = idleSweepPagesPerPoll;
    }

    /** eventIDs the cursor carries across restarts (the newest by eventTime); the rest live in memory. */
    public int getMaxPersistedIds() {
        return maxPersistedIds;
    }

    public void setMaxPersistedIds(int maxPersistedIds) {
        this.maxPersistedIds = maxPersistedIds;
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
