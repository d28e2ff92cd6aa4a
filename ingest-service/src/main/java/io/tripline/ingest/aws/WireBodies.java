package io.tripline.ingest.aws;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.tripline.core.normalize.Json;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Keeps the JSON body of the last successful response of selected operations (GetFindings) for the
 * calling thread, so pollers hand the normalizers the findings exactly as AWS sent them — same keys,
 * same order, same numbers — and a poller's records equal those of an exported GetFindings file.
 * Sync clients run the whole call on the caller's thread; {@link #take()} right after the call.
 */
public final class WireBodies implements ExecutionInterceptor {

    private static final ThreadLocal<byte[]> LAST = new ThreadLocal<>();

    private final Set<String> operations;

    public WireBodies(Set<String> operations) {
        this.operations = Set.copyOf(operations);
    }

    @Override
    public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
        Optional<InputStream> body = context.responseBody();
        if (body.isEmpty() || !context.httpResponse().isSuccessful()
                || !operations.contains(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME))) {
            return body;
        }
        try (InputStream in = body.get()) {
            byte[] bytes = in.readAllBytes();
            LAST.set(bytes);
            return Optional.of(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Forgets any body kept for this thread (call before the operation). */
    public static void clear() {
        LAST.remove();
    }

    /** The body kept by the last successful call on this thread, parsed; null when there is none. */
    public static JsonNode take() {
        byte[] bytes = LAST.get();
        LAST.remove();
        return bytes == null ? null : Json.parse(new String(bytes, StandardCharsets.UTF_8));
    }
}
