package io.tripline.stack.registry;

import org.apache.avro.Schema;

/**
 * Parsing and canonical form of Avro schemas. Two texts are the same schema when their parsed
 * forms print the same, so whitespace or key order never mints a new id; Confluent stores the
 * same parsed form.
 */
final class AvroSchemas {

    private AvroSchemas() {}

    /** Most characters of an invalid schema echoed in the error message. */
    private static final int MAX_ECHO = 1000;

    /**
     * Parses a schema with a fresh parser (a parser remembers named types, which would make the
     * second parse of a record fail).
     *
     * @throws RegistryException 42201 when the text is not a valid Avro schema
     */
    static Schema parse(String text) {
        if (text == null || text.isBlank()) {
            throw RegistryException.invalidSchema("Empty schema");
        }
        try {
            return new Schema.Parser().parse(text);
        } catch (RuntimeException e) {
            // SchemaParseException, or Jackson errors from malformed JSON surfacing as various runtime exceptions
            // inside Avro. The text is echoed like Confluent does, but abbreviated: it can be megabytes.
            throw RegistryException.invalidSchema("Invalid schema " + abbreviate(text) + ", details: " + abbreviate(e.getMessage()));
        }
    }

    /** {@code text} cut to a thousand characters, saying how long it was: input echoed in a message can be megabytes. */
    static String abbreviate(String text) {
        return abbreviate(text, MAX_ECHO);
    }

    static String abbreviate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max) + "... (" + text.length() + " characters)";
    }

    /** The parsed form that identifies a schema. */
    static String canonical(Schema schema) {
        return schema.toString();
    }

    /** Canonical form of stored text; text we cannot parse (written by others) stays as it is. */
    static String canonicalOrRaw(String text) {
        try {
            return new Schema.Parser().parse(text).toString();
        } catch (RuntimeException e) {
            return text;
        }
    }
}
