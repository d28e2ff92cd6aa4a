package io.tripline.ingest.config;

import java.util.ArrayList;
import java.util.List;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.annotation.PostConstruct;

/**
 * Checks the configuration once at start and fails with every problem named by its key, so a typo in
 * a region or a source list stops the service instead of silently ingesting less.
 */
@Context
public class ConfigValidator {

    private final IngestConfig ingest;
    private final AwsConfig aws;
    private final GuardDutyConfig guardDuty;
    private final SecurityHubConfig securityHub;
    private final CloudTrailConfig cloudTrail;
    private final SqsConfig sqs;
    private final KafkaSettings kafka;
    private final List<AccountConfig> accounts;

    public ConfigValidator(IngestConfig ingest, AwsConfig aws, GuardDutyConfig guardDuty, SecurityHubConfig securityHub,
                           CloudTrailConfig cloudTrail, SqsConfig sqs, KafkaSettings kafka, List<AccountConfig> accounts) {
        this.ingest = ingest;
        this.aws = aws;
        this.guardDuty = guardDuty;
        this.securityHub = securityHub;
        this.cloudTrail = cloudTrail;
        this.sqs = sqs;
        this.kafka = kafka;
        this.accounts = accounts;
    }

    @PostConstruct
    void validate() {
        List<String> problems = problems();
        if (!problems.isEmpty()) {
            throw new ConfigurationException("Invalid ingest configuration: " + String.join("; ", problems));
        }
    }

    /** Every problem, each starting with the offending key. */
    public List<String> problems() {
        List<String> p = new ArrayList<>();
        if (ingest.getInstanceId() == null || !ingest.getInstanceId().matches("[A-Za-z0-9._-]+")) {
            p.add("tripline.ingest.instance-id: must be letters, digits, '.', '_' or '-'");
        }
        positive(p, "tripline.ingest.poll-interval", ingest.getPollInterval());
        positive(p, "tripline.ingest.max-poll-age", ingest.getMaxPollAge());
        if (kafka.get("bootstrap.servers") == null) {
            p.add(KafkaSettings.PREFIX + ".bootstrap.servers: is required");
        }
        if (kafka.get("schema.registry.url") == null) {
            p.add(KafkaSettings.PREFIX + ".schema.registry.url: is required");
        }
        if (aws.getMaxAttempts() < 1) {
            p.add("tripline.ingest.aws.max-attempts: must be at least 1");
        }
        range(p, "tripline.ingest.guardduty.page-size", guardDuty.getPageSize(), 1, 50);
        range(p, "tripline.ingest.securityhub.page-size", securityHub.getPageSize(), 1, 100);
        range(p, "tripline.ingest.cloudtrail.page-size", cloudTrail.getPageSize(), 1, 50);
        range(p, "tripline.ingest.sqs.max-messages", sqs.getMaxMessages(), 1, 10);
        range(p, "tripline.ingest.sqs.chunk-size", sqs.getChunkSize(), 1, 100_000);
        if (sqs.getWaitTime().isNegative() || sqs.getWaitTime().getSeconds() > 20) {
            p.add("tripline.ingest.sqs.wait-time: must be between 0 and 20 s");
        }
        if (securityHub.getRequestsPerSecond() <= 0 || securityHub.getRequestsPerSecond() > 3) {
            p.add("tripline.ingest.securityhub.requests-per-second: must be in (0, 3]");
        }
        if (cloudTrail.getRequestsPerSecond() <= 0 || cloudTrail.getRequestsPerSecond() > 2) {
            p.add("tripline.ingest.cloudtrail.requests-per-second: must be in (0, 2]");
        }
        positive(p, "tripline.ingest.cloudtrail.overlap", cloudTrail.getOverlap());
        positive(p, "tripline.ingest.cloudtrail.recent-window", cloudTrail.getRecentWindow());
        if (cloudTrail.getRecentWindow() != null && cloudTrail.getOverlap() != null
                && cloudTrail.getRecentWindow().compareTo(cloudTrail.getOverlap()) > 0) {
            p.add("tripline.ingest.cloudtrail.recent-window: must not be longer than tripline.ingest.cloudtrail.overlap");
        }
        range(p, "tripline.ingest.cloudtrail.sweep-pages-per-poll", cloudTrail.getSweepPagesPerPoll(), 0, 1000);
        range(p, "tripline.ingest.cloudtrail.idle-sweep-pages-per-poll", cloudTrail.getIdleSweepPagesPerPoll(), 0, 1000);
        range(p, "tripline.ingest.cloudtrail.max-persisted-ids", cloudTrail.getMaxPersistedIds(), 1,
                Math.max(1, cloudTrail.getMaxRecentIds()));
        for (String label : securityHub.getSeverityLabels()) {
            if (!List.of("INFORMATIONAL", "LOW", "MEDIUM", "HIGH", "CRITICAL").contains(label)) {
                p.add("tripline.ingest.securityhub.severity-labels: unknown label '" + label + "'");
            }
        }
        if (accounts.isEmpty()) {
            p.add("tripline.ingest.accounts: at least one account is required");
        }
        for (AccountConfig account : accounts) {
            accountProblems(p, account);
        }
        return p;
    }

    private static void accountProblems(List<String> p, AccountConfig account) {
        String key = account.key();
        if (account.getId() == null || !account.getId().matches("\\d{12}")) {
            p.add(key + ".id: must be a 12-digit account id, was '" + account.getId() + "'");
        }
        if (account.getRegions().isEmpty()) {
            p.add(key + ".regions: at least one region is required");
        }
        for (String region : account.getRegions()) {
            if (!region.matches("[a-z]{2}(-gov)?-[a-z]+-\\d")) {
                p.add(key + ".regions: '" + region + "' is not a region name");
            }
        }
        if (account.getSources().isEmpty()) {
            p.add(key + ".sources: at least one source is required");
        }
        for (String source : account.getSources()) {
            if (SourceType.parse(source).isEmpty()) {
                p.add(key + ".sources: unknown source '" + source + "' (guardduty, securityhub, cloudtrail, s3, eventbridge)");
            }
        }
        if (account.getRoleArn() != null && !account.getRoleArn().startsWith("arn:")) {
            p.add(key + ".role-arn: must be an IAM role ARN");
        }
        if (account.getSources().contains("s3") && account.getS3QueueUrl() == null) {
            p.add(key + ".s3-queue-url: is required for source s3");
        }
        if (account.getSources().contains("eventbridge") && account.getEventsQueueUrl() == null) {
            p.add(key + ".events-queue-url: is required for source eventbridge");
        }
    }

    private static void range(List<String> p, String key, int value, int min, int max) {
        if (value < min || value > max) {
            p.add(key + ": must be between " + min + " and " + max + ", was " + value);
        }
    }

    private static void positive(List<String> p, String key, java.time.Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            p.add(key + ": must be a positive duration");
        }
    }
}
