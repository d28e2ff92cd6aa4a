package io.tripline.core.serde;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A reader for the records of one generated class written with exactly that class's schema, compiled once into a
 * tree of per-field readers, that gives records equal to (and made of the same Java types as) what
 * {@code new SpecificDatumReader<>(schema, schema, SpecificData.getForSchema(schema))} gives. It reads the body in
 * place from the byte array, without Avro's per-record resolution, per-field lambdas, string-class lookups and
 * reflective constructor calls. Bytes that do not decode raise a {@link BinaryInput.DecodingException} saying
 * at which byte and why; lengths and item counts are checked against the bytes left before anything is allocated
 * for them.
 *
 * <p>It knows nothing of schema resolution: the deserializer uses it only when the writer schema is the class's
 * own (see {@link AvroDeserializer}) and keeps Avro's reader for any other writer schema.
 *
 * @param <T> record type
 */
public final class CompiledReader<T> {

    private static final Logger LOG = LoggerFactory.getLogger(CompiledReader.class);

    private final ReadNode root;

    private CompiledReader(ReadNode root) {
        this.root = root;
    }

    /** A compiled reader for {@code schema}, or null when it cannot be compiled (then Avro's reader reads it). */
    public static <T> CompiledReader<T> of(Schema schema, SpecificData model) {
        try {
            return new CompiledReader<>(new ReaderCompiler(model).compileRoot(schema));
        } catch (SchemaCompiler.NotCompilable e) {
            LOG.info("Avro records of {} are read by Avro's SpecificDatumReader: {}", schema.getFullName(), e.getMessage());
            return null;
        }
    }

    /** The record at the start of {@code bytes[offset, offset + length)}, or null when bytes are left after it. */
    @SuppressWarnings("unchecked")
    public T read(byte[] bytes, int offset, int length) {
        BinaryInput in = new BinaryInput(bytes, offset, length);
        Object record = root.read(in);
        return in.atEnd() ? (T) record : null;
    }
}
