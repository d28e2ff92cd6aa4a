package io.tripline.core.serde;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.util.Utf8;

/**
 * Seeded random values for any Avro schema, built through a data model: with a generated class's SpecificData
 * they are instances of the generated classes (Instants for timestamp-millis, Java enums), with GenericData they
 * are GenericRecords (raw longs, EnumSymbols). They go for the edges: nulls and values in every union, empty and
 * large arrays and maps, Strings and Utf8s with control characters, non-BMP code points and lone surrogates,
 * extreme numbers, NaN and signed zeros, Instants before 1970 and at the ends of the epoch-millisecond range,
 * with sub-millisecond parts, and ByteBuffers that are slices, read-only or direct.
 */
final class RandomRecords {

    private static final String BRANCH = "branch ";
    private static final String EMPTY = "empty";
    private static final String ITEMS = "items";
    private static final String LARGE = "more than 40 items";
    private static final String BEFORE_1970 = "before 1970";
    private static final String AFTER_2100 = "after 2100";
    private static final Instant YEAR_2100 = Instant.parse("2100-01-01T00:00:00Z");

    private final Map<Schema, Set<String>> seen = new IdentityHashMap<>();
    private final Random random;
    private final GenericData model;
    private final boolean specific;

    RandomRecords(Random random, GenericData model, boolean specific) {
        this.random = random;
        this.model = model;
        this.specific = specific;
    }

    Object next(Schema schema) {
        return value(schema, 0);
    }

    /**
     * What the values so far did not cover in {@code root}: a branch of a union, a symbol of an enum, an empty or a
     * non-empty array or map (or a large one, among the root's own fields), a timestamp before 1970 or after 2100.
     */
    List<String> unseen(Schema root) {
        List<String> unseen = new ArrayList<>();
        collectUnseen(root, root.getName(), 0, unseen, Collections.newSetFromMap(new IdentityHashMap<>()));
        return unseen;
    }

    private void collectUnseen(Schema schema, String path, int depth, List<String> unseen, Set<Schema> records) {
        List<String> expected = new ArrayList<>();
        if (specific && schema.getLogicalType() instanceof LogicalTypes.TimestampMillis) {
            expected.addAll(List.of(BEFORE_1970, AFTER_2100));
        }
        switch (schema.getType()) {
            case RECORD -> {
                if (records.add(schema)) {
                    schema.getFields().forEach(f -> collectUnseen(f.schema(), path + "." + f.name(), depth + 1, unseen, records));
                }
            }
            case ENUM -> expected.addAll(schema.getEnumSymbols());
            case UNION -> {
                for (int i = 0; i < schema.getTypes().size(); i++) {
                    expected.add(BRANCH + i);
                    collectUnseen(schema.getTypes().get(i), path, depth, unseen, records);
                }
            }
            case ARRAY, MAP -> {
                expected.addAll(depth == 1 ? List.of(EMPTY, ITEMS, LARGE) : List.of(EMPTY, ITEMS));
                Schema items = schema.getType() == Schema.Type.ARRAY ? schema.getElementType() : schema.getValueType();
                collectUnseen(items, path + "[]", depth + 1, unseen, records);
            }
            default -> {
                // Primitives: their edge values are drawn on every call.
            }
        }
        Set<String> covered = seen.getOrDefault(schema, Set.of());
        expected.stream().filter(e -> !covered.contains(e)).forEach(e -> unseen.add(path + ": " + e));
    }

    private void see(Schema schema, String what) {
        seen.computeIfAbsent(schema, s -> new HashSet<>()).add(what);
    }

    private Object value(Schema schema, int depth) {
        if (specific && schema.getLogicalType() instanceof LogicalTypes.TimestampMillis) {
            Instant instant = instant();
            if (instant.getEpochSecond() < 0) {
                see(schema, BEFORE_1970);
            } else if (instant.isAfter(YEAR_2100)) {
                see(schema, AFTER_2100);
            }
            return instant;
        }
        return switch (schema.getType()) {
            case RECORD -> record(schema, depth);
            case ENUM -> enumSymbol(schema);
            case ARRAY -> array(schema, depth);
            case MAP -> map(schema, depth);
            case UNION -> branch(schema, depth);
            case FIXED -> model.createFixed(null, bytes(schema.getFixedSize()), schema);
            case STRING -> random.nextInt(10) == 0 ? new Utf8(text()) : text();
            case BYTES -> byteBuffer();
            case INT -> (int) number();
            case LONG -> number();
            case FLOAT -> (float) decimal();
            case DOUBLE -> decimal();
            case BOOLEAN -> random.nextBoolean();
            case NULL -> null;
        };
    }

    private Object enumSymbol(Schema schema) {
        String symbol = schema.getEnumSymbols().get(random.nextInt(schema.getEnumSymbols().size()));
        see(schema, symbol);
        return model.createEnum(symbol, schema);
    }

    private Object branch(Schema union, int depth) {
        int branch = random.nextInt(union.getTypes().size());
        see(union, BRANCH + branch);
        return value(union.getTypes().get(branch), depth);
    }

    private void seeSize(Schema schema, int size) {
        see(schema, size == 0 ? EMPTY : ITEMS);
        if (size > 40) {
            see(schema, LARGE);
        }
    }

    private Object record(Schema schema, int depth) {
        IndexedRecord record = (IndexedRecord) model.newRecord(null, schema);
        for (Schema.Field field : schema.getFields()) {
            record.put(field.pos(), value(field.schema(), depth + 1));
        }
        return record;
    }

    private Object array(Schema schema, int depth) {
        int size = size(depth);
        seeSize(schema, size);
        Collection<Object> items = switch (random.nextInt(3)) {
            case 0 -> new ArrayList<>(size);
            case 1 -> new LinkedList<>();
            default -> new GenericData.Array<>(size, schema);
        };
        for (int i = 0; i < size; i++) {
            items.add(value(schema.getElementType(), depth + 1));
        }
        return items;
    }

    private Object map(Schema schema, int depth) {
        int size = size(depth);
        seeSize(schema, size);
        Map<Object, Object> map = switch (random.nextInt(3)) {
            case 0 -> new HashMap<>();
            case 1 -> new LinkedHashMap<>();
            default -> new TreeMap<>();
        };
        for (int i = 0; i < size; i++) {
            map.put(text(), value(schema.getValueType(), depth + 1));
        }
        return map;
    }

    /** Mostly small, sometimes empty, now and then large (at the record's own level, so records stay bounded). */
    private int size(int depth) {
        int roll = random.nextInt(100);
        if (roll < 25) {
            return 0;
        }
        if (roll < 75) {
            return 1 + random.nextInt(5);
        }
        if (roll < 96 || depth > 1) {
            return 6 + random.nextInt(35);
        }
        return 41 + random.nextInt(260);
    }

    private String text() {
        int roll = random.nextInt(100);
        int length = roll < 10 ? 0 : roll < 97 ? random.nextInt(40) : random.nextInt(3000);
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            int kind = random.nextInt(100);
            if (kind < 70) {
                text.append((char) (0x20 + random.nextInt(0x5f)));
            } else if (kind < 78) {
                text.append((char) random.nextInt(0x20));
            } else if (kind < 86) {
                text.append((char) (0x80 + random.nextInt(0x780)));
            } else if (kind < 93) {
                text.append((char) (0x800 + random.nextInt(0xd000)));
            } else if (kind < 99) {
                text.appendCodePoint(0x10000 + random.nextInt(0x100000));
            } else {
                text.append((char) (0xd800 + random.nextInt(0x800)));
            }
        }
        return text.toString();
    }

    private long number() {
        return switch (random.nextInt(6)) {
            case 0 -> random.nextInt(129) - 64;
            case 1 -> new long[] {0, -1, 1, Integer.MIN_VALUE, Integer.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE}[random.nextInt(7)];
            case 2 -> random.nextInt();
            default -> random.nextLong() >> random.nextInt(64);
        };
    }

    private double decimal() {
        return switch (random.nextInt(4)) {
            case 0 -> new double[] {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
                Double.MIN_VALUE, Double.MAX_VALUE, Float.MAX_VALUE}[random.nextInt(8)];
            case 1 -> random.nextGaussian();
            default -> Double.longBitsToDouble(random.nextLong());
        };
    }

    /** Before 1970, around now, far ahead, and the ends of the range a long of milliseconds holds. */
    private Instant instant() {
        long millis = switch (random.nextInt(5)) {
            case 0 -> -random.nextInt(Integer.MAX_VALUE) * 1000L;
            case 1 -> 1_700_000_000_000L + random.nextInt(Integer.MAX_VALUE);
            case 2 -> random.nextBoolean() ? Long.MAX_VALUE - random.nextInt(1000) : Long.MIN_VALUE + random.nextInt(1000);
            default -> random.nextLong() >> random.nextInt(20);
        };
        Instant instant = Instant.ofEpochMilli(millis);
        return random.nextInt(4) == 0 ? instant.plusNanos(random.nextInt(1_000_000)) : instant;
    }

    private byte[] bytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private ByteBuffer byteBuffer() {
        int length = random.nextInt(5) == 0 ? 0 : random.nextInt(random.nextInt(10) == 0 ? 5000 : 64);
        ByteBuffer buffer = ByteBuffer.wrap(bytes(length + 8));
        return switch (random.nextInt(4)) {
            case 0 -> buffer.position(8).slice();
            case 1 -> buffer.position(3).limit(3 + length);
            case 2 -> buffer.limit(length).asReadOnlyBuffer();
            default -> ByteBuffer.allocateDirect(length).put(bytes(length)).flip();
        };
    }
}
