package io.tripline.core.serde;

/**
 * One node of a {@link CompiledReader}: reads the value at one place of a generated class's schema from the
 * record's bytes, as the Java type Avro's SpecificDatumReader gives the generated class there.
 */
abstract class ReadNode {

    /** The fewest bytes a value of this node takes, which bounds the item counts a block may claim. */
    abstract int minBytes();

    abstract Object read(BinaryInput in);
}
