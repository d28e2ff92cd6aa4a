package io.tripline.core.serde;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Collection;
import java.util.ConcurrentModificationException;
import java.util.Map;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.io.Encoder;
import org.apache.avro.specific.SpecificData;

/**
 * The {@link WriteNode}s below records: primitives, {@code timestamp-millis} held as {@link Instant}, generated
 * enums, {@code ["null", X]} unions, arrays and maps. Each writes what GenericDatumWriter/SpecificDatumWriter write
 * for the same value, call for call (for example arrays and maps as item count, items, 0, and the enum's ordinal,
 * as SpecificDatumWriter does), so the bytes are the same on any {@link Encoder}.
 */
final class WriteNodes {

    private WriteNodes() {
    }

    static final class NullNode extends WriteNode {
        NullNode(Schema schema, SpecificData model) {
            super(schema, model);
        }

        @Override
        boolean accepts(Object value) {
            return value == null;
        }

        @Override
        void writeAccepted(Object value, Encoder out) throws IOException {
            out.writeNull();
        }
    }

    /** A boxed primitive (boolean, int, long, float, double), written with the one encoder call Avro makes for it. */
    static final class PrimitiveNode extends WriteNode {

        @FunctionalInterface
        private interface Call {
            void write(Encoder out, Object value) throws IOException;
        }

        private final Class<?> type;
        private final Call call;

        private PrimitiveNode(Schema schema, SpecificData model, Class<?> type, Call call) {
            super(schema, model);
            this.type = type;
            this.call = call;
        }

        /** The node for {@code schema}'s primitive type. */
        static PrimitiveNode of(Schema schema, SpecificData model) {
            return switch (schema.getType()) {
                case BOOLEAN -> new PrimitiveNode(schema, model, Boolean.class, (out, v) -> out.writeBoolean((Boolean) v));
                case INT -> new PrimitiveNode(schema, model, Integer.class, (out, v) -> out.writeInt((Integer) v));
                case LONG -> new PrimitiveNode(schema, model, Long.class, (out, v) -> out.writeLong((Long) v));
                case FLOAT -> new PrimitiveNode(schema, model, Float.class, (out, v) -> out.writeFloat((Float) v));
                case DOUBLE -> new PrimitiveNode(schema, model, Double.class, (out, v) -> out.writeDouble((Double) v));
                default -> throw new IllegalArgumentException(schema.getType() + " is not a boxed primitive");
            };
        }

        @Override
        boolean accepts(Object value) {
            return type.isInstance(value);
        }

        @Override
        void writeAccepted(Object value, Encoder out) throws IOException {
            call.write(out, value);
        }
    }

    /** Strings as generated classes hold them ({@code String}), or any other CharSequence such as Utf8. */
    static final class StringNode extends WriteNode {
        StringNode(Schema schema, SpecificData model) {
            super(schema, model);
        }

        @Override
        boolean accepts(Object value) {
            return value instanceof CharSequence;
        }

        @Override
        void writeAccepted(Object value, Encoder out) throws IOException {
            // Encoder.writeString(CharSequence) ends in writeString(String) for a String; calling it directly
            // only skips its Utf8 check.
            if (value instanceof String text) {
                out.writeString(text);
            } else {
                out.writeString((CharSequence) value);
            }
        }
    }

    static final class BytesNode extends WriteNode {
        BytesNode(Schema schema, SpecificData model) {
            super(schema, model);
        }

        @Override
        boolean accepts(Object value) {
            return value instanceof ByteBuffer;
        }

        @Override
        void writeAccepted(Object value, Encoder out) throws IOException {
            out.writeBytes((ByteBuffer) value);
        }
    }

    static final class FixedNode extends WriteNode {
        private final int size;

        FixedNode(Schema schema, SpecificData model) {
            super(schema, model);
            this.size = schema.getFixedSize();
        }

        @Override
        boolean accepts(Object value) {
            return value instanceof GenericFixed;
        }

        @Override
        void writeAccepted(Object value, Encoder out) throws IOException {
            out.writeFixed(((GenericFixed) value).bytes(), 0, size);
        }
    }

    /**
     * A {@code timestamp-millis} long held as {@link Instant}: written as {@code toEpochMilli()}, which is what
     * Avro's TimestampMillisConversion returns.
     */
    static final class TimestampMillisNode extends WriteNode {
        TimestampMillisNode(Schema schema, SpecificData model) {
            super(schema, model);
        }

        @Override
        boolean accepts(Object value) {
            return value instanceof Instant;
        }

        @Override
        void writeAccepted(Object value, Encoder out) throws IOException {
            out.writeLong(((Instant) value).toEpochMilli());
        }
    }

    /**
     * A generated enum: written as its ordinal, as SpecificDatumWriter does. The compiler only builds this node
     * when the enum's constants are the schema's symbols in schema order, so the ordinal is the symbol index.
     */
    static final class EnumNode extends WriteNode {
        private final Class<?> type;

        EnumNode(Schema schema, SpecificData model, Class<?> type) {
            super(schema, model);
            this.type = type;
        }

        @Override
        boolean accepts(Object value) {
            return value != null && value.getClass() == type;
        }

        @Override
        void writeAccepted(Object value, Encoder out) throws IOException {
            out.writeEnum(((Enum<?>) value).ordinal());
        }
    }

    /** A two-branch union with null: the branch index, then the value (nothing for null). */
    static final class NullableNode extends WriteNode {
        private final int nullIndex;
        private final int valueIndex;
        private final WriteNode value;

        NullableNode(Schema union, SpecificData model, int nullIndex, WriteNode value) {
            super(union, model);
            this.nullIndex = nullIndex;
            this.valueIndex = 1 - nullIndex;
            this.value = value;
        }

        @Override
        boolean accepts(Object datum) {
            return datum == null || value.accepts(datum);
        }

        @Override
        void writeAccepted(Object datum, Encoder out) throws IOException {
            if (datum == null) {
                out.writeIndex(nullIndex);
                out.writeNull();
            } else {
                out.writeIndex(valueIndex);
                value.writeAccepted(datum, out);
            }
        }
    }

    /** Any Collection, as GenericDatumWriter writes one: its size, the items, then the end of the array. */
    static final class ArrayNode extends WriteNode {
        private final WriteNode element;

        ArrayNode(Schema schema, SpecificData model, WriteNode element) {
            super(schema, model);
            this.element = element;
        }

        @Override
        boolean accepts(Object value) {
            return value instanceof Collection;
        }

        @Override
        void writeAccepted(Object value, Encoder out) throws IOException {
            Collection<?> items = (Collection<?>) value;
            int size = items.size();
            out.writeArrayStart();
            out.setItemCount(size);
            int written = 0;
            for (Object item : items) {
                out.startItem();
                try {
                    element.write(item, out);
                } catch (RuntimeException e) {
                    throw EncodingException.at("[" + written + "]", e);
                }
                written++;
            }
            out.writeArrayEnd();
            if (written != size) {
                throw new ConcurrentModificationException("array size was " + size + " but " + written + " items were written");
            }
        }
    }

    /** Any Map, keys as their toString(), as GenericDatumWriter writes one. */
    static final class MapNode extends WriteNode {
        private final WriteNode values;

        MapNode(Schema schema, SpecificData model, WriteNode values) {
            super(schema, model);
            this.values = values;
        }

        @Override
        boolean accepts(Object value) {
            return value instanceof Map;
        }

        @Override
        void writeAccepted(Object value, Encoder out) throws IOException {
            Map<?, ?> map = (Map<?, ?>) value;
            int size = map.size();
            out.writeMapStart();
            out.setItemCount(size);
            int written = 0;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                out.startItem();
                Object key = entry.getKey();
                if (key == null) {
                    throw EncodingException.at("{null}", new NullPointerException("null map key"));
                }
                String name = key.toString();
                out.writeString(name);
                try {
                    values.write(entry.getValue(), out);
                } catch (RuntimeException e) {
                    throw EncodingException.at("[\"" + name + "\"]", e);
                }
                written++;
            }
            out.writeMapEnd();
            if (written != size) {
                throw new ConcurrentModificationException("map size was " + size + " but " + written + " entries were written");
            }
        }
    }
}
