package io.tripline.core.serde;

/**
 * One node of a {@link CompiledReader}: reads the value at one place of a generated class's schema from the
 * record's bytes, as the Java type Avro's SpecificDatumReader gives the generated class there.
 */
interface ReadNode {

    Object read(BinaryInput in);

    /**
     * A lower bound of the bytes a value of this node takes, which bounds the item counts a block may claim: 1 for
     * every value that starts with a varint or a byte, as all but null and records do.
     */
    default int minBytes() {
        return 1;
    }
}
