package io.tripline.ingest.config;

import java.net.URI;
import java.time.Duration;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * How AWS clients are built ({@code tripline.ingest.aws}): the endpoint override (only ever from here;
 * it points every client at the simulator), timeouts, retry mode and attempts.
 */
@ConfigurationProperties("tripline.ingest.aws")
public class AwsConfig {

    /** SDK retry strategies this service accepts. */
    public enum RetryMode { STANDARD, ADAPTIVE }

    private URI endpointOverride;
    private Duration connectionTimeout = Duration.ofSeconds(5);
    private Duration socketTimeout = Duration.ofSeconds(30);
    private Duration apiCallAttemptTimeout = Duration.ofSeconds(30);
    private Duration apiCallTimeout = Duration.ofMinutes(2);
    private RetryMode retryMode = RetryMode.STANDARD;
    private int maxAttempts = 8;
    private String roleSessionName = "tripline-ingest";

    public URI getEndpointOverride() {
        return endpointOverride;
    }

    public void setEndpointOverride(URI endpointOverride) {
        this.endpointOverride = endpointOverride;
    }

    public Duration getConnectionTimeout() {
        return connectionTimeout;
    }

    public void setConnectionTimeout(Duration connectionTimeout) {
        this.connectionTimeout = connectionTimeout;
    }

    public Duration getSocketTimeout() {
        return socketTimeout;
    }

    public void setSocketTimeout(Duration socketTimeout) {
        this.socketTimeout = socketTimeout;
    }

    public Duration getApiCallAttemptTimeout() {
        return apiCallAttemptTimeout;
    }

    public void setApiCallAttemptTimeout(Duration apiCallAttemptTimeout) {
        this.apiCallAttemptTimeout = apiCallAttemptTimeout;
    }

    public Duration getApiCallTimeout() {
        return apiCallTimeout;
    }

    public void setApiCallTimeout(Duration apiCallTimeout) {
        this.apiCallTimeout = apiCallTimeout;
    }

    public RetryMode getRetryMode() {
        return retryMode;
    }

    public void setRetryMode(RetryMode retryMode) {
        this.retryMode = retryMode;
    }

    public int getMaxAttempts() {
        return maxAttempts;
    }

    public void setMaxAttempts(int maxAttempts) {
        this.maxAttempts = maxAttempts;
    }

    public String getRoleSessionName() {
        return roleSessionName;
    }

    public void setRoleSessionName(String roleSessionName) {
        this.roleSessionName = roleSessionName;
    }
}
