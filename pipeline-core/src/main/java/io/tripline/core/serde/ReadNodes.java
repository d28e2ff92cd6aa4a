package io.tripline.core.serde;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;

/**
 * The {@link ReadNode}s below records. Each gives what SpecificDatumReader (Avro's fast reader) gives a generated
 * class with {@code stringType String}: {@code String}s, {@code Instant}s for {@code timestamp-millis}, the generated
 * enum constants, boxed primitives, heap ByteBuffers, arrays in the List the model makes for the schema
 * ({@link SpecificData#newArray}, a GenericData.Array for records and strings) and maps in a HashMap.
 */
final class ReadNodes {

    private ReadNodes() {
    }

    /** The one value of type null, which takes no bytes. */
    static final ReadNode NULL = new ReadNode() {
        @Override
        public Object read(BinaryInput in) {
            return null;
        }

        @Override
        public int minBytes() {
            return 0;
        }
    };

    static final ReadNode BOOLEAN = BinaryInput::readBoolean;
    static final ReadNode INT = BinaryInput::readInt;
    static final ReadNode LONG = BinaryInput::readLong;
    static final ReadNode FLOAT = BinaryInput::readFloat;
    static final ReadNode DOUBLE = BinaryInput::readDouble;
    static final ReadNode STRING = BinaryInput::readString;
    static final ReadNode BYTES = in -> ByteBuffer.wrap(in.readBytes());
    /** A {@code timestamp-millis} long as the Instant Avro's TimestampMillisConversion makes of it. */
    static final ReadNode TIMESTAMP_MILLIS = in -> Instant.ofEpochMilli(in.readLong());

    /** A generated enum: the constant at the symbol index (the compiler checks constants and symbols agree). */
    static final class EnumNode implements ReadNode {
        private final Object[] constants;

        EnumNode(Class<?> type) {
            this.constants = type.getEnumConstants();
        }

        @Override
        public Object read(BinaryInput in) {
            int index = in.readInt();
            if (index < 0 || index >= constants.length) {
                throw in.failure("enum index " + index + " is not one of the " + constants.length + " symbols");
            }
            return constants[index];
        }
    }

    /** A two-branch union with null. */
    static final class NullableNode implements ReadNode {
        private final int nullIndex;
        private final ReadNode value;

        NullableNode(int nullIndex, ReadNode value) {
            this.nullIndex = nullIndex;
            this.value = value;
        }

        @Override
        public Object read(BinaryInput in) {
            int index = in.readInt();
            if (index == nullIndex) {
                return null;
            }
            if (index != 1 - nullIndex) {
                throw in.failure("union index " + index + " is not 0 or 1");
            }
            return value.read(in);
        }
    }

    static final class ArrayNode implements ReadNode {
        private final Schema schema;
        private final SpecificData model;
        private final ReadNode element;

        ArrayNode(Schema schema, SpecificData model, ReadNode element) {
            this.schema = schema;
            this.model = model;
            this.element = element;
        }

        @Override
        @SuppressWarnings("unchecked")
        public Object read(BinaryInput in) {
            int minItemBytes = element.minBytes();
            int count = in.readBlockCount("array", minItemBytes);
            // Presized as Avro presizes it; the count is one the bytes left can hold.
            Collection<Object> items = (Collection<Object>) model.newArray(null, count, schema);
            while (count > 0) {
                for (int i = 0; i < count; i++) {
                    items.add(element.read(in));
                }
                count = in.readBlockCount("array", minItemBytes);
            }
            return items;
        }
    }

    /** A map with String keys (the compiler refuses maps whose keys Avro would read as Utf8). */
    static final class MapNode implements ReadNode {
        private final ReadNode values;

        MapNode(ReadNode values) {
            this.values = values;
        }

        @Override
        public Object read(BinaryInput in) {
            int minEntryBytes = 1 + values.minBytes();
            int count = in.readBlockCount("map", minEntryBytes);
            Map<Object, Object> map = new HashMap<>(count);
            while (count > 0) {
                for (int i = 0; i < count; i++) {
                    String key = in.readString();
                    map.put(key, values.read(in));
                }
                count = in.readBlockCount("map", minEntryBytes);
            }
            return map;
        }
    }
}
