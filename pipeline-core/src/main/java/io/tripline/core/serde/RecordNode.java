package io.tripline.core.serde;

import java.io.IOException;
import java.util.List;

import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.io.Encoder;
import org.apache.avro.specific.SpecificData;

/**
 * A record of one generated class: its fields in schema order, each read by position with
 * {@link IndexedRecord#get(int)} (the generated switch over the fields, which is also how SpecificDatumWriter reads
 * them) and written by the field's compiled node. Only instances of exactly that class take this path; anything
 * else written against the schema (a GenericRecord, a subclass) goes to Avro's writer.
 */
final class RecordNode extends WriteNode {

    private final Class<?> type;
    private final String[] steps;
    private WriteNode[] fields;

    RecordNode(Schema schema, SpecificData model, Class<?> type) {
        super(schema, model);
        this.type = type;
        List<Schema.Field> schemaFields = schema.getFields();
        this.steps = new String[schemaFields.size()];
        for (Schema.Field field : schemaFields) {
            steps[field.pos()] = "." + field.name();
        }
    }

    /** Set once the field nodes are compiled; separate from the constructor so a record may contain itself. */
    void fields(WriteNode[] compiled) {
        this.fields = compiled.clone();
    }

    @Override
    boolean accepts(Object value) {
        return value != null && value.getClass() == type;
    }

    @Override
    void writeAccepted(Object value, Encoder out) throws IOException {
        IndexedRecord record = (IndexedRecord) value;
        WriteNode[] nodes = fields;
        for (int i = 0; i < nodes.length; i++) {
            try {
                nodes[i].write(record.get(i), out);
            } catch (RuntimeException e) {
                throw EncodingException.at(steps[i], e);
            }
        }
    }
}
