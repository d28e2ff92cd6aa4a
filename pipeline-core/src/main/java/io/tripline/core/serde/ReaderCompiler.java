package io.tripline.core.serde;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.specific.SpecificData;

/**
 * Turns the schema of a generated class into a tree of {@link ReadNode}s, once per schema. It reads only what the
 * writer's {@link SchemaCompiler} accepts (so the same shapes, with the same checks on unions, logical types,
 * enums and conversions), and further refuses, with the reason, what Avro would not read into {@code String}s
 * (strings and map keys without {@code "avro.java.string": "String"}, stringable {@code java-class} types),
 * fixed types, and arrays or maps whose items may take no bytes (nothing would bound their item count).
 */
final class ReaderCompiler {

    private static final String JAVA_CLASS = "java-class";
    private static final String JAVA_KEY_CLASS = "java-key-class";

    private final SpecificData model;
    private final Map<Schema, RecordReadNode> records = new IdentityHashMap<>();

    ReaderCompiler(SpecificData model) {
        this.model = model;
    }

    ReadNode compileRoot(Schema schema) throws SchemaCompiler.NotCompilable {
        new SchemaCompiler(model).compile(schema);
        return compile(schema);
    }

    private ReadNode compile(Schema schema) throws SchemaCompiler.NotCompilable {
        if (schema.getLogicalType() != null) {
            // The writer's compiler accepted it, so it is timestamp-millis with Avro's conversion, or none.
            return model.getConversionFor(schema.getLogicalType()) == null ? ReadNodes.LONG : ReadNodes.TIMESTAMP_MILLIS;
        }
        return switch (schema.getType()) {
            case RECORD -> record(schema);
            case ENUM -> new ReadNodes.EnumNode(model.getClass(schema));
            case ARRAY -> new ReadNodes.ArrayNode(schema, model, items(schema, compile(schema.getElementType())));
            case MAP -> new ReadNodes.MapNode(items(schema, compile(schema.getValueType())));
            case UNION -> union(schema);
            case STRING -> string(schema);
            case BYTES -> ReadNodes.BYTES;
            case INT -> ReadNodes.INT;
            case LONG -> ReadNodes.LONG;
            case FLOAT -> ReadNodes.FLOAT;
            case DOUBLE -> ReadNodes.DOUBLE;
            case BOOLEAN -> ReadNodes.BOOLEAN;
            case NULL -> ReadNodes.NULL;
            case FIXED -> throw new SchemaCompiler.NotCompilable("fixed " + schema.getFullName() + " is not compiled for reading");
        };
    }

    private ReadNode record(Schema schema) throws SchemaCompiler.NotCompilable {
        RecordReadNode known = records.get(schema);
        if (known != null) {
            return known;
        }
        RecordReadNode node = new RecordReadNode(model.getClass(schema));
        records.put(schema, node);
        List<Schema.Field> fields = schema.getFields();
        ReadNode[] compiled = new ReadNode[fields.size()];
        for (Schema.Field field : fields) {
            compiled[field.pos()] = compile(field.schema());
        }
        node.fields(compiled);
        return node;
    }

    private ReadNode union(Schema schema) throws SchemaCompiler.NotCompilable {
        // The writer's compiler accepted it, so it is ["null", X] or [X, "null"].
        List<Schema> branches = schema.getTypes();
        int nullIndex = branches.get(0).getType() == Schema.Type.NULL ? 0 : 1;
        return new ReadNodes.NullableNode(nullIndex, compile(branches.get(1 - nullIndex)));
    }

    private static ReadNode string(Schema schema) throws SchemaCompiler.NotCompilable {
        requireJavaStrings(schema, JAVA_CLASS, "string");
        return ReadNodes.STRING;
    }

    private static ReadNode items(Schema schema, ReadNode items) throws SchemaCompiler.NotCompilable {
        if (schema.getType() == Schema.Type.MAP) {
            requireJavaStrings(schema, JAVA_KEY_CLASS, "map keys");
        }
        if (items.minBytes() < 1) {
            throw new SchemaCompiler.NotCompilable(schema + " has items that may take no bytes");
        }
        return items;
    }

    private static void requireJavaStrings(Schema schema, String classProp, String what) throws SchemaCompiler.NotCompilable {
        if (!"String".equals(schema.getProp(GenericData.STRING_PROP)) || schema.getProp(classProp) != null) {
            throw new SchemaCompiler.NotCompilable(what + " of " + schema + " are not read as java.lang.String");
        }
    }
}
