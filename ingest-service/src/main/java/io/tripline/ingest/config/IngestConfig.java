package io.tripline.ingest.config;

import java.time.Duration;
import java.time.Instant;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * Service-wide settings under {@code tripline.ingest}: instance id (part of every transactional.id),
 * topic-name prefix (tests run their own copy of the topics on a shared broker), poll cadence, backoff,
 * and the health bounds.
 */
@ConfigurationProperties(IngestConfig.PREFIX)
public class IngestConfig {

    public static final String PREFIX = "tripline.ingest";

    private String instanceId = "ingest-1";
    private String topicPrefix = "";
    private boolean createTopics = true;
    private short replicationFactor = 1;
    private Duration pollInterval = Duration.ofSeconds(30);
    private Duration maxBackoff = Duration.ofMinutes(2);
    private Duration maxPollAge = Duration.ofMinutes(10);
    private int unhealthyAfterFailures = 5;
    private Duration initialLookback = Duration.ofDays(1);
    private Instant startFrom;

    public String getInstanceId() {
        return instanceId;
    }

    public void setInstanceId(String instanceId) {
        this.instanceId = instanceId;
    }

    public String getTopicPrefix() {
        return topicPrefix;
    }

    public void setTopicPrefix(String topicPrefix) {
        this.topicPrefix = topicPrefix == null ? "" : topicPrefix;
    }

    public boolean isCreateTopics() {
        return createTopics;
    }

    public void setCreateTopics(boolean createTopics) {
        this.createTopics = createTopics;
    }

    public short getReplicationFactor() {
        return replicationFactor;
    }

    public void setReplicationFactor(short replicationFactor) {
        this.replicationFactor = replicationFactor;
    }

    public Duration getPollInterval() {
        return pollInterval;
    }

    public void setPollInterval(Duration pollInterval) {
        this.pollInterval = pollInterval;
    }

    public Duration getMaxBackoff() {
        return maxBackoff;
    }

    public void setMaxBackoff(Duration maxBackoff) {
        this.maxBackoff = maxBackoff;
    }

    public Duration getMaxPollAge() {
        return maxPollAge;
    }

    public void setMaxPollAge(Duration maxPollAge) {
        this.maxPollAge = maxPollAge;
    }

    public int getUnhealthyAfterFailures() {
        return unhealthyAfterFailures;
    }

    public void setUnhealthyAfterFailures(int unhealthyAfterFailures) {
        this.unhealthyAfterFailures = unhealthyAfterFailures;
    }

    /** How far back a source without a committed cursor starts. */
    public Duration getInitialLookback() {
        return initialLookback;
    }

    public void setInitialLookback(Duration initialLookback) {
        this.initialLookback = initialLookback;
    }

    /** An absolute start for sources without a committed cursor; overrides initial-lookback. */
    public Instant getStartFrom() {
        return startFrom;
    }

    public void setStartFrom(Instant startFrom) {
        this.startFrom = startFrom;
    }
}
