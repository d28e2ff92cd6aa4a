package io.tripline.enrich.topology;

import io.tripline.schema.v1.DeadLetter;

/**
 * The outcome of decoding one raw record: the value, or the dead letter that explains why there is none.
 *
 * @param <V> value type
 */
public record Decoded<V>(V value, byte[] key, DeadLetter deadLetter) {

    public static <V> Decoded<V> ok(V value) {
        return new Decoded<>(value, null, null);
    }

    public static <V> Decoded<V> failed(byte[] key, DeadLetter deadLetter) {
        return new Decoded<>(null, key, deadLetter);
    }

    public boolean isDeadLetter() {
        return deadLetter != null;
    }
}
