package io.tripline.core.registry;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/** Optional authentication for the registry: HTTP basic (user:password) or a bearer token. */
public sealed interface RegistryAuth {

    /** The Authorization header value, if any. */
    Optional<String> header();

    static RegistryAuth none() {
        return new None();
    }

    /** {@code userInfo} is {@code user:password}, as Confluent's basic.auth.user.info. */
    static RegistryAuth basic(String userInfo) {
        return new Basic(userInfo);
    }

    static RegistryAuth bearer(String token) {
        return new Bearer(token);
    }

    /** No Authorization header. */
    record None() implements RegistryAuth {
        @Override
        public Optional<String> header() {
            return Optional.empty();
        }
    }

    /** HTTP basic authentication. */
    record Basic(String userInfo) implements RegistryAuth {
        @Override
        public Optional<String> header() {
            return Optional.of("Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8)));
        }

        @Override
        public String toString() {
            return "Basic[***]";
        }
    }

    /** Bearer token authentication. */
    record Bearer(String token) implements RegistryAuth {
        @Override
        public Optional<String> header() {
            return Optional.of("Bearer " + token);
        }

        @Override
        public String toString() {
            return "Bearer[***]";
        }
    }
}
