package io.tripline.core.serde;

import java.io.IOException;

import org.apache.avro.Schema;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.Encoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A writer for the records of one generated class, compiled once from its schema into a tree of per-field writers,
 * that writes exactly the bytes {@code new SpecificDatumWriter<>(schema, SpecificData.getForSchema(schema))} writes.
 * It does per schema, once, what Avro's writer does per field of every record (union resolution, conversion
 * lookups, the type dispatch), which is most of the serializer's cost on the stream threads.
 *
 * <p>{@link #of} keeps Avro's writer for a schema it cannot compile (see {@link SchemaCompiler}); inside a compiled
 * schema, a value that is not of the generated type expected there (a GenericRecord, a null in a non-null field)
 * is handed to Avro's writer for that part of the schema, so it is written, or rejected, as before. A rejected
 * value raises an exception whose message says where in the record it is.
 *
 * @param <T> record type
 */
public final class CompiledWriter<T> implements DatumWriter<T> {

    private static final Logger LOG = LoggerFactory.getLogger(CompiledWriter.class);

    private final Schema schema;
    private final WriteNode root;

    private CompiledWriter(Schema schema, WriteNode root) {
        this.schema = schema;
        this.root = root;
    }

    /** A compiled writer for {@code schema}, or Avro's SpecificDatumWriter when the schema cannot be compiled. */
    public static <T> DatumWriter<T> of(Schema schema, SpecificData model) {
        try {
            return new CompiledWriter<>(schema, new SchemaCompiler(model).compile(schema));
        } catch (SchemaCompiler.NotCompilable e) {
            LOG.info("Avro records of {} are written by Avro's SpecificDatumWriter: {}", schema.getFullName(), e.getMessage());
            return new SpecificDatumWriter<>(schema, model);
        }
    }

    /** Whether {@code writer} is a compiled one (not Avro's, kept for a schema that could not be compiled). */
    public static boolean isCompiled(DatumWriter<?> writer) {
        return writer instanceof CompiledWriter;
    }

    @Override
    public void setSchema(Schema other) {
        if (!schema.equals(other)) {
            throw new UnsupportedOperationException("compiled for " + schema.getFullName() + ", not " + other.getFullName());
        }
    }

    @Override
    public void write(T datum, Encoder out) throws IOException {
        try {
            root.write(datum, out);
        } catch (EncodingException e) {
            throw EncodingException.at(schema.getName(), e);
        }
    }
}
