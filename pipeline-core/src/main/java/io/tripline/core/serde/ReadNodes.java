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

    static final ReadNode NULL = new Fixed(0) {
        @Override
        Object read(BinaryInput in) {
            return null;
        }
    };

    static final ReadNode BOOLEAN = new Fixed(1) {
        @Override
        Object read(BinaryInput in) {
            return in.readBoolean();
        }
    };

    static final ReadNode INT = new Fixed(1) {
        @Override
        Object read(BinaryInput in) {
            return in.readInt();
        }
    };

    static final ReadNode LONG = new Fixed(1) {
        @Override
        Object read(BinaryInput in) {
            return in.readLong();
        }
    };

    static final ReadNode FLOAT = new Fixed(4) {
        @Override
        Object read(BinaryInput in) {
            return in.readFloat();
        }
    };

    static final ReadNode DOUBLE = new Fixed(8) {
        @Override
        Object read(BinaryInput in) {
            return in.readDouble();
        }
    };

    static final ReadNode STRING = new Fixed(1) {
        @Override
        Object read(BinaryInput in) {
            return in.readString();
        }
    };

    static final ReadNode BYTES = new Fixed(1) {
        @Override
        Object read(BinaryInput in) {
            return ByteBuffer.wrap(in.readBytes());
        }
    };

    /** A {@code timestamp-millis} long as the Instant Avro's TimestampMillisConversion makes of it. */
    static final ReadNode TIMESTAMP_MILLIS = new Fixed(1) {
        @Override
        Object read(BinaryInput in) {
            return Instant.ofEpochMilli(in.readLong());
        }
    };

    /** A node whose values take at least a known number of bytes. */
    private abstract static class Fixed extends ReadNode {
        private final int minBytes;

        Fixed(int minBytes) {
            this.minBytes = minBytes;
        }

        @Override
        int minBytes() {
            return minBytes;
        }
    }

    /** A generated enum: the constant at the symbol index (the compiler checks constants and symbols agree). */
    static final class EnumNode extends Fixed {
        private final Object[] constants;

        EnumNode(Class<?> type) {
            super(1);
            this.constants = type.getEnumConstants();
        }

        @Override
        Object read(BinaryInput in) {
            int index = in.readInt();
            if (index < 0 || index >= constants.length) {
                throw in.failure("enum index " + index + " is not one of the " + constants.length + " symbols");
            }
            return constants[index];
        }
    }

    /** A two-branch union with null. */
    static final class NullableNode extends Fixed {
        private final int nullIndex;
        private final ReadNode value;

        NullableNode(int nullIndex, ReadNode value) {
            super(1);
            this.nullIndex = nullIndex;
            this.value = value;
        }

        @Override
        Object read(BinaryInput in) {
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

    static final class ArrayNode extends Fixed {
        private final Schema schema;
        private final SpecificData model;
        private final ReadNode element;

        ArrayNode(Schema schema, SpecificData model, ReadNode element) {
            super(1);
            this.schema = schema;
            this.model = model;
            this.element = element;
        }

        @Override
        @SuppressWarnings("unchecked")
        Object read(BinaryInput in) {
            int minItemBytes = element.minBytes();
            int count = in.readBlockCount("array", minItemBytes);
            // Presized as Avro presizes it, but never past what the bytes left could hold.
            Collection<Object> items = (Collection<Object>) model.newArray(null, Math.min(count, in.remaining() + 1), schema);
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
    static final class MapNode extends Fixed {
        private final ReadNode values;

        MapNode(ReadNode values) {
            super(1);
            this.values = values;
        }

        @Override
        Object read(BinaryInput in) {
            int minEntryBytes = 1 + values.minBytes();
            int count = in.readBlockCount("map", minEntryBytes);
            Map<Object, Object> map = new HashMap<>(Math.min(count, in.remaining() + 1));
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
