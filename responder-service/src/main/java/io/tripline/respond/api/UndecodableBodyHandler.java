package io.tripline.respond.api;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.netty.handler.codec.compression.DecompressionException;
import jakarta.inject.Singleton;

/**
 * A body whose {@code Content-Encoding} does not match its bytes (e.g. "gzip" on plain text) is the
 * client's mistake: 400 with the API's error shape, not the 500 Micronaut answers by default.
 */
@Produces
@Singleton
@Requires(classes = {ExceptionHandler.class, DecompressionException.class})
public class UndecodableBodyHandler implements ExceptionHandler<DecompressionException, HttpResponse<ApiError>> {

    @Override
    public HttpResponse<ApiError> handle(HttpRequest request, DecompressionException exception) {
        return HttpResponse.badRequest(new ApiError("request body does not match its Content-Encoding: "
                + exception.getMessage()));
    }
}
