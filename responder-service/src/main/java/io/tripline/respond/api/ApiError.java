package io.tripline.respond.api;

import io.micronaut.serde.annotation.Serdeable;

/** An error answer of the approvals API. */
@Serdeable
public record ApiError(String error) {
}
