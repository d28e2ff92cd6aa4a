package io.tripline.respond.engine;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Secondary;
import jakarta.inject.Singleton;

/** The no-op {@link EffectHook}; a registered singleton (tests) replaces it. */
@Factory
public class EffectHookFactory {

    @Singleton
    @Secondary
    EffectHook effectHook() {
        return EffectHook.NONE;
    }
}
