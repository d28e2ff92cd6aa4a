package io.tripline.enrich.ocsf;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.core.JsonGenerator;

import io.tripline.core.normalize.Json;

/**
 * Writes OCSF records straight to JSON text with a streaming generator: one record per detection is on
 * the hot path of the enrich topology, where building a tree first and serializing it afterwards cost
 * more than matching the rules. Fields come out in the order the body writes them.
 */
final class OcsfWriter {

    @FunctionalInterface
    interface Body {
        void write(JsonGenerator out) throws IOException;
    }

    private OcsfWriter() {
    }

    /** A JSON object whose fields {@code body} writes. */
    static String write(Body body) {
        return text(out -> {
            out.writeStartObject();
            body.write(out);
            out.writeEndObject();
        });
    }

    /** A JSON array whose elements {@code body} writes. */
    static String writeArray(Body body) {
        return text(out -> {
            out.writeStartArray();
            body.write(out);
            out.writeEndArray();
        });
    }

    private static String text(Body body) {
        StringWriter writer = new StringWriter(2048);
        try (JsonGenerator out = Json.MAPPER.getFactory().createGenerator(writer)) {
            body.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write OCSF JSON", e);
        }
        return writer.toString();
    }
}
