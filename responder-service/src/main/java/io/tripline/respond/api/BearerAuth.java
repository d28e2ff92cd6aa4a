package io.tripline.respond.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import io.tripline.respond.config.ApiConfig;
import jakarta.inject.Singleton;

/**
 * Checks the bearer token of an API request against the configured one, in constant time: 401 when the
 * request carries none, 403 when it carries a wrong one.
 */
@Singleton
public class BearerAuth {

    /** Outcome of a check. */
    public enum Result { OK, MISSING, WRONG }

    private final ApiConfig config;

    public BearerAuth(ApiConfig config) {
        this.config = config;
    }

    public Result check(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                || authorization.substring(7).isBlank()) {
            return Result.MISSING;
        }
        byte[] given = authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8);
        byte[] expected = config.getToken() == null ? new byte[0] : config.getToken().getBytes(StandardCharsets.UTF_8);
        return expected.length > 0 && MessageDigest.isEqual(given, expected) ? Result.OK : Result.WRONG;
    }
}
