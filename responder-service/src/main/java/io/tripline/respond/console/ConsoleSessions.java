package io.tripline.respond.console;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Singleton;

/**
 * The console's logged-in operators: an unguessable session id (the HttpOnly, SameSite=Strict cookie)
 * bound to the operator's name and to the CSRF token every form of that session carries. In memory:
 * a restarted responder asks people to log in again, which is the safe side.
 */
@Singleton
public class ConsoleSessions {

    /** Name of the session cookie. */
    public static final String COOKIE = "tripline_console";
    static final Duration TTL = Duration.ofHours(8);
    private static final int MAX_SESSIONS = 1000;

    /** One logged-in operator. */
    public record Session(String id, String actor, String csrf, Instant expiresAt) {
    }

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;

    public ConsoleSessions(Clock clock) {
        this.clock = clock;
    }

    /** A new session for {@code actor}; a login never reuses an id (no session fixation). */
    public Session open(String actor) {
        Instant now = clock.instant();
        sessions.values().removeIf(s -> !now.isBefore(s.expiresAt()));
        if (sessions.size() >= MAX_SESSIONS) {
            sessions.values().stream().min(Comparator.comparing(Session::expiresAt))
                    .ifPresent(oldest -> sessions.remove(oldest.id()));
        }
        Session session = new Session(randomToken(), actor, randomToken(), now.plus(TTL));
        sessions.put(session.id(), session);
        return session;
    }

    /** The live session with this id; expired ones are forgotten. */
    public Optional<Session> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Session session = sessions.get(id);
        if (session != null && !clock.instant().isBefore(session.expiresAt())) {
            sessions.remove(id);
            return Optional.empty();
        }
        return Optional.ofNullable(session);
    }

    public void close(String id) {
        if (id != null) {
            sessions.remove(id);
        }
    }

    /** True when {@code given} is this session's CSRF token (compared in constant time). */
    public static boolean csrfMatches(Session session, String given) {
        return given != null && MessageDigest.isEqual(session.csrf().getBytes(StandardCharsets.UTF_8),
                given.getBytes(StandardCharsets.UTF_8));
    }

    private String randomToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
