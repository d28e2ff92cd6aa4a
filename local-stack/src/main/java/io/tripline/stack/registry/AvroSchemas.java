package io.tripline.stack.registry;

import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * Parsing and canonical form of Avro schemas. Two texts are the same schema when their parsed
 * forms print the same, so whitespace or key order never mints a new id; Confluent stores the
 * same parsed form.
 */
final class AvroSchemas {

    private AvroSchemas() {}

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
        } catch (SchemaParseException | NullPointerException | IllegalArgumentException e) {
            throw RegistryException.invalidSchema("Invalid schema " + text + ", details: " + e.getMessage());
        } catch (RuntimeException e) {
            // Jackson errors from malformed JSON surface as various runtime exceptions inside Avro.
            throw RegistryException.invalidSchema("Invalid schema " + text + ", details: " + e.getMessage());
        }
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
