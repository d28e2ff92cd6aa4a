package io.tripline.respond.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * The responder's behaviour ({@code tripline.respond.*}): the global mode ceiling, where playbooks
 * live, the safety lists, approvals and notification settings. Defaults are the safe ones: dry-run,
 * the shipped playbooks, a one-hour approval TTL.
 */
@ConfigurationProperties(RespondConfig.PREFIX)
public class RespondConfig {

    public static final String PREFIX = "tripline.respond";

    private String mode = "dry-run";
    private List<String> playbooks = new ArrayList<>(List.of("classpath:playbooks"));
    private String topicPrefix = "";
    private String exemptTag = "tripline:exempt=true";
    private List<String> allowlistAccounts = new ArrayList<>();
    private List<String> allowlistResources = new ArrayList<>();
    private Duration approvalTtl = Duration.ofHours(1);
    private Duration expiryCheckInterval = Duration.ofSeconds(5);
    private String snsTopicArn;
    private String notifyFormat = "text";
    private String approveUrl = "http://127.0.0.1:8083";
    private int maxAttempts = 3;
    private Duration retryBackoff = Duration.ofMillis(500);

    public String getMode() {
        return mode;
    }

    public void setMode(String mode) {
        this.mode = mode;
    }

    public List<String> getPlaybooks() {
        return playbooks;
    }

    public void setPlaybooks(List<String> playbooks) {
        this.playbooks = playbooks == null ? new ArrayList<>() : playbooks;
    }

    public String getTopicPrefix() {
        return topicPrefix;
    }

    public void setTopicPrefix(String topicPrefix) {
        this.topicPrefix = topicPrefix == null ? "" : topicPrefix;
    }

    public String getExemptTag() {
        return exemptTag;
    }

    public void setExemptTag(String exemptTag) {
        this.exemptTag = exemptTag;
    }

    public List<String> getAllowlistAccounts() {
        return allowlistAccounts;
    }

    public void setAllowlistAccounts(List<String> allowlistAccounts) {
        this.allowlistAccounts = allowlistAccounts == null ? new ArrayList<>() : allowlistAccounts;
    }

    public List<String> getAllowlistResources() {
        return allowlistResources;
    }

    public void setAllowlistResources(List<String> allowlistResources) {
        this.allowlistResources = allowlistResources == null ? new ArrayList<>() : allowlistResources;
    }

    public Duration getApprovalTtl() {
        return approvalTtl;
    }

    public void setApprovalTtl(Duration approvalTtl) {
        this.approvalTtl = approvalTtl;
    }

    public Duration getExpiryCheckInterval() {
        return expiryCheckInterval;
    }

    public void setExpiryCheckInterval(Duration expiryCheckInterval) {
        this.expiryCheckInterval = expiryCheckInterval;
    }

    public String getSnsTopicArn() {
        return snsTopicArn;
    }

    public void setSnsTopicArn(String snsTopicArn) {
        this.snsTopicArn = snsTopicArn;
    }

    public String getNotifyFormat() {
        return notifyFormat;
    }

    public void setNotifyFormat(String notifyFormat) {
        this.notifyFormat = notifyFormat;
    }

    /** Base URL of the approvals API as operators reach it; quoted in notifications. */
    public String getApproveUrl() {
        return approveUrl;
    }

    public void setApproveUrl(String approveUrl) {
        this.approveUrl = approveUrl;
    }

    /** Attempts per action on transient AWS errors (on top of the SDK's own retries). */
    public int getMaxAttempts() {
        return maxAttempts;
    }

    public void setMaxAttempts(int maxAttempts) {
        this.maxAttempts = maxAttempts;
    }

    public Duration getRetryBackoff() {
        return retryBackoff;
    }

    public void setRetryBackoff(Duration retryBackoff) {
        this.retryBackoff = retryBackoff;
    }
}
