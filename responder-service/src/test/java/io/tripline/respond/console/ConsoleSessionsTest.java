package io.tripline.respond.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.tripline.respond.engine.MutableClock;

class ConsoleSessionsTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-01T03:00:00Z"));
    private final ConsoleSessions sessions = new ConsoleSessions(clock);

    @Test
    void shouldGiveEveryLoginItsOwnSessionAndCsrfToken() {
        ConsoleSessions.Session alice = sessions.open("alice");
        ConsoleSessions.Session again = sessions.open("alice");

        assertThat(again.id()).isNotEqualTo(alice.id());
        assertThat(again.csrf()).isNotEqualTo(alice.csrf());
        assertThat(sessions.find(alice.id())).contains(alice);
    }

    @Test
    void shouldAcceptOnlyTheSessionsOwnCsrfToken() {
        ConsoleSessions.Session alice = sessions.open("alice");
        ConsoleSessions.Session bob = sessions.open("bob");

        assertThat(ConsoleSessions.csrfMatches(alice, alice.csrf())).isTrue();
        assertThat(ConsoleSessions.csrfMatches(alice, bob.csrf())).isFalse();
        assertThat(ConsoleSessions.csrfMatches(alice, null)).isFalse();
        assertThat(ConsoleSessions.csrfMatches(alice, "")).isFalse();
    }

    @Test
    void shouldForgetSessionsThatExpiredOrLoggedOut() {
        ConsoleSessions.Session alice = sessions.open("alice");
        ConsoleSessions.Session bob = sessions.open("bob");

        sessions.close(bob.id());
        assertThat(sessions.find(bob.id())).isEmpty();

        clock.advance(ConsoleSessions.TTL.plus(Duration.ofSeconds(1)));
        assertThat(sessions.find(alice.id())).isEmpty();
        assertThat(sessions.find(null)).isEmpty();
    }
}
