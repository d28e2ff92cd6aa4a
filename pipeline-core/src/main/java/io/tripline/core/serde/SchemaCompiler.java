package io.tripline.core.serde;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.apache.avro.Conversion;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecordBase;

import io.tripline.core.serde.WriteNodes.ArrayNode;
import io.tripline.core.serde.WriteNodes.BytesNode;
import io.tripline.core.serde.WriteNodes.EnumNode;
import io.tripline.core.serde.WriteNodes.FixedNode;
import io.tripline.core.serde.WriteNodes.MapNode;
import io.tripline.core.serde.WriteNodes.NullNode;
import io.tripline.core.serde.WriteNodes.NullableNode;
import io.tripline.core.serde.WriteNodes.PrimitiveNode;
import io.tripline.core.serde.WriteNodes.StringNode;
import io.tripline.core.serde.WriteNodes.TimestampMillisNode;

/**
 * Turns the schema of a generated class into a tree of {@link WriteNode}s, once per schema. It refuses, with the
 * reason, every shape it cannot write exactly as SpecificDatumWriter does: unions other than {@code ["null", X]},
 * logical types other than {@code timestamp-millis}, records or enums without a generated class, enums whose Java
 * constants are not the schema's symbols in order, and fields whose class converts differently from its model.
 */
final class SchemaCompiler {

    /** Why a schema cannot be compiled; the caller keeps Avro's writer for it. */
    static final class NotCompilable extends Exception {
        private static final long serialVersionUID = 1L;

        NotCompilable(String reason) {
            super(reason, null, false, false);
        }
    }

    private final SpecificData model;
    // Named records compile once, and a record that contains itself refers to the node being built.
    private final Map<Schema, RecordNode> records = new IdentityHashMap<>();

    SchemaCompiler(SpecificData model) {
        this.model = model;
    }

    WriteNode compile(Schema schema) throws NotCompilable {
        if (schema.getLogicalType() != null) {
            return logical(schema);
        }
        return switch (schema.getType()) {
            case RECORD -> record(schema);
            case ENUM -> enumeration(schema);
            case ARRAY -> new ArrayNode(schema, model, compile(schema.getElementType()));
            case MAP -> new MapNode(schema, model, compile(schema.getValueType()));
            case UNION -> union(schema);
            case FIXED -> new FixedNode(schema, model);
            case STRING -> new StringNode(schema, model);
            case BYTES -> new BytesNode(schema, model);
            case INT, LONG, FLOAT, DOUBLE, BOOLEAN -> PrimitiveNode.of(schema, model);
            case NULL -> new NullNode(schema, model);
        };
    }

    private WriteNode record(Schema schema) throws NotCompilable {
        RecordNode known = records.get(schema);
        if (known != null) {
            return known;
        }
        Class<?> type = generatedClass(schema);
        if (type == null || !SpecificRecordBase.class.isAssignableFrom(type)) {
            throw new NotCompilable("record " + schema.getFullName() + " has no generated class");
        }
        RecordNode node = new RecordNode(schema, model, type);
        records.put(schema, node);
        SpecificRecordBase sample = sample(schema);
        List<Schema.Field> fields = schema.getFields();
        WriteNode[] compiled = new WriteNode[fields.size()];
        for (Schema.Field field : fields) {
            requireModelConversion(sample, field);
            compiled[field.pos()] = compile(field.schema());
        }
        node.fields(compiled);
        return node;
    }

    private Class<?> generatedClass(Schema schema) throws NotCompilable {
        try {
            return model.getClass(schema);
        } catch (RuntimeException e) {
            // For example a class outside the packages Avro is told to trust (org.apache.avro.SERIALIZABLE_PACKAGES).
            throw new NotCompilable("class of " + schema.getFullName() + " cannot be loaded: " + e.getMessage());
        }
    }

    private SpecificRecordBase sample(Schema schema) throws NotCompilable {
        try {
            return (SpecificRecordBase) model.newRecord(null, schema);
        } catch (RuntimeException e) {
            throw new NotCompilable("record " + schema.getFullName() + " cannot be instantiated: " + e);
        }
    }

    /**
     * SpecificDatumWriter converts a logical-type field with the class's own conversion for it, and every other
     * logical-type value with the model's; the nodes use the model's, so the two must agree.
     */
    private void requireModelConversion(SpecificRecordBase sample, Schema.Field field) throws NotCompilable {
        LogicalType logicalType = field.schema().getLogicalType();
        if (logicalType == null) {
            return;
        }
        Conversion<?> onField = sample.getConversion(field.pos());
        Conversion<?> inModel = model.getConversionFor(logicalType);
        boolean same = onField == null ? inModel == null : inModel != null && onField.getClass() == inModel.getClass();
        if (!same) {
            throw new NotCompilable("field " + field.name() + " of " + sample.getSchema().getFullName()
                    + " converts " + logicalType.getName() + " differently from its model");
        }
    }

    private WriteNode enumeration(Schema schema) throws NotCompilable {
        Class<?> type = generatedClass(schema);
        if (type == null || !type.isEnum()) {
            throw new NotCompilable("enum " + schema.getFullName() + " has no generated class");
        }
        Object[] constants = type.getEnumConstants();
        List<String> symbols = schema.getEnumSymbols();
        boolean sameOrder = constants.length == symbols.size();
        for (int i = 0; sameOrder && i < constants.length; i++) {
            sameOrder = ((Enum<?>) constants[i]).name().equals(symbols.get(i));
        }
        if (!sameOrder) {
            throw new NotCompilable("enum " + type.getName() + " constants are not the symbols of " + schema.getFullName()
                    + " in order");
        }
        return new EnumNode(schema, model, type);
    }

    private WriteNode union(Schema schema) throws NotCompilable {
        List<Schema> branches = schema.getTypes();
        if (branches.size() == 2) {
            int nullIndex = branches.get(0).getType() == Schema.Type.NULL ? 0 : 1;
            Schema value = branches.get(1 - nullIndex);
            if (branches.get(nullIndex).getType() == Schema.Type.NULL && value.getType() != Schema.Type.NULL) {
                return new NullableNode(schema, model, nullIndex, compile(value));
            }
        }
        throw new NotCompilable("union " + schema + " is not [\"null\", X]");
    }

    private WriteNode logical(Schema schema) throws NotCompilable {
        LogicalType logicalType = schema.getLogicalType();
        if (!(logicalType instanceof LogicalTypes.TimestampMillis)) {
            throw new NotCompilable("logical type " + logicalType.getName() + " is not compiled");
        }
        Conversion<?> conversion = model.getConversionFor(logicalType);
        if (conversion == null) {
            // Without a conversion the generated class holds the raw long, and Avro writes it as one.
            return PrimitiveNode.of(schema, model);
        }
        if (conversion instanceof TimeConversions.TimestampMillisConversion
                && model.getConversionByClass(conversion.getConvertedType(), logicalType) == conversion) {
            return new TimestampMillisNode(schema, model);
        }
        throw new NotCompilable("timestamp-millis converts with " + conversion.getClass().getName());
    }
}
