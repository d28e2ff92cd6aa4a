package io.tripline.schema.v1.testing;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * A hand-written SpecificRecord (as the Avro compiler would generate it) with a three-branch union, a shape the
 * compiled writer does not compile. Its package is under io.tripline.schema.v1 because Avro only loads classes
 * of trusted packages (org.apache.avro.SERIALIZABLE_PACKAGES).
 */
public class WideUnionRecord extends SpecificRecordBase {

    public static final Schema SCHEMA$ = new Schema.Parser().parse("""
            {"type": "record", "name": "WideUnionRecord", "namespace": "io.tripline.schema.v1.testing", "fields": [
              {"name": "id", "type": {"type": "string", "avro.java.string": "String"}},
              {"name": "value", "type": ["null", {"type": "string", "avro.java.string": "String"}, "long"]}]}""");

    private String id;
    private Object value;

    public WideUnionRecord() {
    }

    public WideUnionRecord(String id, Object value) {
        this.id = id;
        this.value = value;
    }

    @Override
    public Schema getSchema() {
        return SCHEMA$;
    }

    @Override
    public Object get(int field) {
        return switch (field) {
            case 0 -> id;
            case 1 -> value;
            default -> throw new IndexOutOfBoundsException("Invalid index: " + field);
        };
    }

    @Override
    public void put(int field, Object newValue) {
        switch (field) {
            case 0 -> id = newValue != null ? newValue.toString() : null;
            case 1 -> value = newValue;
            default -> throw new IndexOutOfBoundsException("Invalid index: " + field);
        }
    }
}
