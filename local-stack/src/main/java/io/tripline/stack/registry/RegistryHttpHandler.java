package io.tripline.stack.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP plumbing: turns an exchange into a {@link RegistryRequest}, runs the routes, and writes
 * JSON with Confluent's content type. Every failure becomes Confluent's
 * {@code {"error_code":...,"message":...}} body; no stack trace ever reaches a client.
 */
final class RegistryHttpHandler implements HttpHandler {

    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

    private static final Logger LOG = LoggerFactory.getLogger(RegistryHttpHandler.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Bodies are schemas; anything beyond this is a mistake or an attack on a local tool. */
    static final int MAX_BODY_BYTES = 8 * 1024 * 1024;
    /** Longest error message answered: enough for every reason with its quotes abbreviated, never the megabytes quoted. */
    static final int MAX_MESSAGE = 4_096;

    private final RegistryRoutes routes;

    RegistryHttpHandler(RegistryRoutes routes) {
        this.routes = routes;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            RegistryRoutes.Response response;
            try {
                response = routes.route(toRequest(exchange));
            } catch (RegistryException e) {
                // Messages quote the request (names, schema text, Avro's reasons), which a client controls.
                response = error(e.httpStatus(), e.errorCode(), AvroSchemas.abbreviate(e.getMessage(), MAX_MESSAGE));
            } catch (RuntimeException e) {
                LOG.error("Unexpected failure on {} {}", exchange.getRequestMethod(),
                        exchange.getRequestURI().getRawPath(), e);
                response = error(500, 500, "Internal Server Error");
            }
            write(exchange, response);
        } catch (IOException e) {
            // The client went away; nothing to answer.
            LOG.debug("Could not answer {} {}: {}", exchange.getRequestMethod(),
                    exchange.getRequestURI().getRawPath(), e.toString());
        }
    }

    private static RegistryRequest toRequest(HttpExchange exchange) throws IOException {
        byte[] body = readBody(exchange.getRequestBody());
        return new RegistryRequest(
                exchange.getRequestMethod().toUpperCase(Locale.ROOT),
                segments(exchange.getRequestURI().getRawPath()),
                query(exchange.getRequestURI().getRawQuery()),
                body);
    }

    private static byte[] readBody(InputStream in) throws IOException {
        byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
        if (body.length > MAX_BODY_BYTES) {
            throw new RegistryException(413, 413, "Request body larger than " + MAX_BODY_BYTES + " bytes");
        }
        return body;
    }

    /** Decoded path segments; subjects may contain URL-encoded characters such as {@code %2F}. */
    static List<String> segments(String rawPath) {
        List<String> segments = new ArrayList<>();
        if (rawPath == null) {
            return segments;
        }
        for (String raw : rawPath.split("/")) {
            if (!raw.isEmpty()) {
                segments.add(decode(raw));
            }
        }
        return segments;
    }

    static Map<String, String> query(String rawQuery) {
        Map<String, String> params = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "true" : pair.substring(eq + 1);
            params.put(URLDecoder.decode(name, StandardCharsets.UTF_8),
                    URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return params;
    }

    private static String decode(String segment) {
        // URLDecoder is for forms: in a path a '+' is a plus, not a space.
        try {
            return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw RegistryRoutes.NOT_FOUND;
        }
    }

    private static RegistryRoutes.Response error(int status, int errorCode, String message) {
        return new RegistryRoutes.Response(status,
                JSON.createObjectNode().put("error_code", errorCode).put("message", message));
    }

    private static void write(HttpExchange exchange, RegistryRoutes.Response response)
            throws IOException {
        JsonNode body = response.body();
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
        exchange.sendResponseHeaders(response.status(), bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
