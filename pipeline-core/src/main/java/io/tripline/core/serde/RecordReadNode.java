package io.tripline.core.serde;

import java.lang.invoke.LambdaMetafactory;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.function.Supplier;

import org.apache.avro.generic.IndexedRecord;

/**
 * A record of one generated class: a new instance from its public no-arg constructor (through a Supplier made once
 * with LambdaMetafactory, not a reflective call per record), each field read by its node and set by position with
 * {@link IndexedRecord#put(int, Object)}, the generated switch SpecificDatumReader sets fields with too.
 */
final class RecordReadNode implements ReadNode {

    private final Supplier<IndexedRecord> constructor;
    private ReadNode[] fields;
    private int minBytes;

    RecordReadNode(Class<?> type) throws SchemaCompiler.NotCompilable {
        this.constructor = constructor(type);
    }

    /** Set once the field nodes are compiled; separate from the constructor so a record may contain itself. */
    void fields(ReadNode[] compiled) {
        this.fields = compiled.clone();
        int sum = 0;
        for (ReadNode field : compiled) {
            sum += field.minBytes();
        }
        this.minBytes = sum;
    }

    @Override
    public int minBytes() {
        return minBytes;
    }

    @Override
    public Object read(BinaryInput in) {
        IndexedRecord record = constructor.get();
        ReadNode[] nodes = fields;
        for (int i = 0; i < nodes.length; i++) {
            record.put(i, nodes[i].read(in));
        }
        return record;
    }

    @SuppressWarnings("unchecked")
    private static Supplier<IndexedRecord> constructor(Class<?> type) throws SchemaCompiler.NotCompilable {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            MethodHandle target = lookup.findConstructor(type, MethodType.methodType(void.class));
            return (Supplier<IndexedRecord>) LambdaMetafactory.metafactory(lookup, "get",
                    MethodType.methodType(Supplier.class), MethodType.methodType(Object.class), target,
                    MethodType.methodType(type)).getTarget().invokeExact();
        } catch (Throwable e) {
            throw new SchemaCompiler.NotCompilable(type.getName() + " has no public no-arg constructor to read into: " + e);
        }
    }
}
