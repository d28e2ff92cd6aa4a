package io.tripline.respond.config;

import java.net.URI;
import java.time.Duration;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * How AWS clients are built ({@code tripline.respond.aws.*}): the endpoint override (only ever from
 * configuration, for the simulator or a VPC endpoint), the fallback region, timeouts and retry attempts.
 */
@ConfigurationProperties(AwsConfig.PREFIX)
public class AwsConfig {

    public static final String PREFIX = "tripline.respond.aws";

    private URI endpointOverride;
    private String defaultRegion = "us-east-1";
    private Duration connectionTimeout = Duration.ofSeconds(5);
    private Duration socketTimeout = Duration.ofSeconds(20);
    private Duration apiCallTimeout = Duration.ofSeconds(60);
    private Duration apiCallAttemptTimeout = Duration.ofSeconds(20);
    private int maxAttempts = 4;

    public URI getEndpointOverride() {
        return endpointOverride;
    }

    public void setEndpointOverride(URI endpointOverride) {
        this.endpointOverride = endpointOverride;
    }

    public String getDefaultRegion() {
        return defaultRegion;
    }

    public void setDefaultRegion(String defaultRegion) {
        this.defaultRegion = defaultRegion;
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

    public Duration getApiCallTimeout() {
        return apiCallTimeout;
    }

    public void setApiCallTimeout(Duration apiCallTimeout) {
        this.apiCallTimeout = apiCallTimeout;
    }

    public Duration getApiCallAttemptTimeout() {
        return apiCallAttemptTimeout;
    }

    public void setApiCallAttemptTimeout(Duration apiCallAttemptTimeout) {
        this.apiCallAttemptTimeout = apiCallAttemptTimeout;
    }

    public int getMaxAttempts() {
        return maxAttempts;
    }

    public void setMaxAttempts(int maxAttempts) {
        this.maxAttempts = maxAttempts;
    }
}
