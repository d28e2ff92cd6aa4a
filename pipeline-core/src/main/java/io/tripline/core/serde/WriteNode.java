package io.tripline.core.serde;

import java.io.IOException;

import org.apache.avro.Schema;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.Encoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;

/**
 * One node of a {@link CompiledWriter}: writes the Java type a generated class holds at one place of its schema
 * straight to the encoder, with the same encoder calls {@link SpecificDatumWriter} makes for it. A value of any
 * other type (a GenericRecord, a null where the schema has none, a wrong type) goes to Avro's own writer for the
 * node's schema, so it is written or rejected exactly as before.
 */
abstract class WriteNode {

    private final DatumWriter<Object> avro;

    WriteNode(Schema schema, SpecificData model) {
        this.avro = new SpecificDatumWriter<>(schema, model);
    }

    /** Whether {@code value} has the type this node was compiled for. */
    abstract boolean accepts(Object value);

    /** Writes a value this node {@link #accepts}. */
    abstract void writeAccepted(Object value, Encoder out) throws IOException;

    final void write(Object value, Encoder out) throws IOException {
        if (accepts(value)) {
            writeAccepted(value, out);
        } else {
            avro.write(value, out);
        }
    }
}
