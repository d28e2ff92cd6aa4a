package io.tripline.stack.registry;

import java.util.Locale;
import java.util.Optional;

/**
 * Confluent's compatibility levels. BACKWARD means the new schema can read data written with
 * earlier ones (consumers upgrade first); FORWARD means earlier schemas can read data written with
 * the new one (producers upgrade first); FULL is both. The transitive variants check every earlier
 * version instead of only the latest.
 */
public enum CompatibilityLevel {
    NONE(false, false, false),
    BACKWARD(true, false, false),
    FORWARD(false, true, false),
    FULL(true, true, false),
    BACKWARD_TRANSITIVE(true, false, true),
    FORWARD_TRANSITIVE(false, true, true),
    FULL_TRANSITIVE(true, true, true);

    /** Confluent's global default. */
    public static final CompatibilityLevel DEFAULT = BACKWARD;

    private final boolean backward;
    private final boolean forward;
    private final boolean transitive;

    CompatibilityLevel(boolean backward, boolean forward, boolean transitive) {
        this.backward = backward;
        this.forward = forward;
        this.transitive = transitive;
    }

    /** The new schema must read data written with earlier ones. */
    public boolean backward() {
        return backward;
    }

    /** Earlier schemas must read data written with the new one. */
    public boolean forward() {
        return forward;
    }

    /** Check against every earlier version rather than only the latest. */
    public boolean transitive() {
        return transitive;
    }

    /** Case-insensitive parse, as Confluent accepts {@code "full"} as well as {@code "FULL"}. */
    public static Optional<CompatibilityLevel> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(value.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
