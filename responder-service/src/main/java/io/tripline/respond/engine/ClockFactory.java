package io.tripline.respond.engine;

import java.time.Clock;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Secondary;
import jakarta.inject.Singleton;

/** The wall clock for approval TTLs and the breaker window; tests register their own (it wins over this). */
@Factory
public class ClockFactory {

    @Singleton
    @Secondary
    Clock clock() {
        return Clock.systemUTC();
    }
}
