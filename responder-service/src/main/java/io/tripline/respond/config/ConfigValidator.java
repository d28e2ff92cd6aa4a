package io.tripline.respond.config;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.exceptions.ConfigurationException;
import io.tripline.respond.playbook.Modes;
import jakarta.annotation.PostConstruct;

/**
 * Refuses to start on invalid configuration, naming the offending key, so a typo never turns into a
 * responder that silently does something else (e.g. a misspelt mode falling back to auto).
 */
@Context
public class ConfigValidator {

    private final RespondConfig respond;
    private final ApiConfig api;
    private final BreakerConfig breaker;
    private final AwsConfig aws;
    private final List<AccountConfig> accounts;

    public ConfigValidator(RespondConfig respond, ApiConfig api, BreakerConfig breaker, AwsConfig aws,
                           List<AccountConfig> accounts) {
        this.respond = respond;
        this.api = api;
        this.breaker = breaker;
        this.aws = aws;
        this.accounts = accounts;
    }

    @PostConstruct
    void validate() {
        String p = RespondConfig.PREFIX;
        try {
            Modes.parse(respond.getMode());
        } catch (IllegalArgumentException e) {
            fail(p + ".mode", e.getMessage());
        }
        if (respond.getPlaybooks().isEmpty()) {
            fail(p + ".playbooks", "at least one playbook file or directory is required");
        }
        if (!respond.getExemptTag().contains("=")) {
            fail(p + ".exempt-tag", "must be KEY=VALUE, got '" + respond.getExemptTag() + "'");
        }
        if (respond.getApprovalTtl() == null || respond.getApprovalTtl().isNegative() || respond.getApprovalTtl().isZero()) {
            fail(p + ".approval-ttl", "must be a positive duration");
        }
        if (!Set.of("text", "json").contains(respond.getNotifyFormat())) {
            fail(p + ".notify-format", "must be text or json, got '" + respond.getNotifyFormat() + "'");
        }
        if (respond.getSnsTopicArn() != null && !respond.getSnsTopicArn().startsWith("arn:")) {
            fail(p + ".sns-topic-arn", "must be an SNS topic ARN");
        }
        if (respond.getMaxAttempts() < 1) {
            fail(p + ".max-attempts", "must be at least 1");
        }
        if (api.getToken() == null || api.getToken().isBlank() || api.getToken().length() < 16) {
            fail(ApiConfig.PREFIX + ".token", "a bearer token of at least 16 characters is required (the approvals API refuses requests without it)");
        }
        if (breaker.getMaxPerHour() < 0) {
            fail(BreakerConfig.PREFIX + ".max-per-hour", "must be >= 0");
        }
        if (breaker.getFleetMaxPercent() < 0 || breaker.getFleetMaxPercent() > 100) {
            fail(BreakerConfig.PREFIX + ".fleet-max-percent", "must be between 0 and 100");
        }
        if (aws.getMaxAttempts() < 1) {
            fail(AwsConfig.PREFIX + ".max-attempts", "must be at least 1");
        }
        Set<String> ids = new HashSet<>();
        for (AccountConfig account : accounts) {
            if (account.getId() == null || !account.getId().matches("\\d{12}")) {
                fail(account.key() + ".id", "must be a 12-digit account id");
            }
            if (!ids.add(account.getId())) {
                fail(account.key() + ".id", "account " + account.getId() + " is listed twice");
            }
            if (account.getRoleArn() != null && !account.getRoleArn().startsWith("arn:")) {
                fail(account.key() + ".role-arn", "must be an IAM role ARN");
            }
            if ((account.getAccessKeyId() == null) != (account.getSecretAccessKey() == null)) {
                fail(account.key() + ".access-key-id", "access-key-id and secret-access-key go together");
            }
        }
    }

    private static void fail(String key, String reason) {
        throw new ConfigurationException("invalid configuration " + key + ": " + reason);
    }
}
