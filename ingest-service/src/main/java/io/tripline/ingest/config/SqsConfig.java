package io.tripline.ingest.config;

import java.time.Duration;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * SQS receiver settings ({@code tripline.ingest.sqs}): long-poll wait, batch size, how many records of
 * an S3 log file go into one transaction, and how many handled objects/messages are remembered so a
 * redelivered message is not published twice.
 */
@ConfigurationProperties("tripline.ingest.sqs")
public class SqsConfig {

    private Duration waitTime = Duration.ofSeconds(10);
    private int maxMessages = 10;
    private int chunkSize = 2000;
    private int maxRecentIds = 2000;

    public Duration getWaitTime() {
        return waitTime;
    }

    public void setWaitTime(Duration waitTime) {
        this.waitTime = waitTime;
    }

    public int getMaxMessages() {
        return maxMessages;
    }

    public void setMaxMessages(int maxMessages) {
        this.maxMessages = maxMessages;
    }

    public int getChunkSize() {
        return chunkSize;
    }

    public void setChunkSize(int chunkSize) {
        this.chunkSize = chunkSize;
    }

    public int getMaxRecentIds() {
        return maxRecentIds;
    }

    public void setMaxRecentIds(int maxRecentIds) {
        this.maxRecentIds = maxRecentIds;
    }
}
