package io.tripline.respond.config;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * The approvals API ({@code tripline.respond.api.*}): bind host and port (wired into
 * {@code micronaut.server.*} by application.yml) and the bearer token every request must carry.
 */
@ConfigurationProperties(ApiConfig.PREFIX)
public class ApiConfig {

    public static final String PREFIX = "tripline.respond.api";

    private String host = "127.0.0.1";
    private int port = 8083;
    private String token;

    public String getHost() {
        return host;
    }

    public void setHost(String host) {
        this.host = host;
    }

    public int getPort() {
        return port;
    }

    public void setPort(int port) {
        this.port = port;
    }

    public String getToken() {
        return token;
    }

    public void setToken(String token) {
        this.token = token;
    }

    @Override
    public String toString() {
        // the token is a credential: never part of a log line
        return "ApiConfig{host=" + host + ", port=" + port + ", token=" + (token == null ? "unset" : "***") + "}";
    }
}
