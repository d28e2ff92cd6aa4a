package io.tripline.respond.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** Body of approve/reject/rollback: who is doing it (recorded as the action's actor). */
@Serdeable
public record ActorRequest(@Nullable String actor) {
}
