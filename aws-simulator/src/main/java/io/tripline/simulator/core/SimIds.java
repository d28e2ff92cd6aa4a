package io.tripline.simulator.core;

import java.util.Random;
import java.util.UUID;

/**
 * Every random-looking identifier the simulator mints (CloudTrail eventIDs, request ids, finding ids,
 * temporary access keys) comes from one seeded generator, so the same seed and the same calls give
 * the same ids: tests and replays can compare output byte for byte.
 */
public final class SimIds {

    private static final char[] UPPER_ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final char[] SECRET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".toCharArray();

    private final long seed;
    private Random random;

    public SimIds(long seed) {
        this.seed = seed;
        this.random = new Random(seed);
    }

    public long seed() {
        return seed;
    }

    /** Restarts the sequence from the seed (control API reset). */
    public synchronized void reset() {
        random = new Random(seed);
    }

    /** A version-4 shaped UUID drawn from the seeded sequence. */
    public synchronized String uuid() {
        long msb = (random.nextLong() & 0xffffffffffff0fffL) | 0x0000000000004000L;
        long lsb = (random.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }

    /** {@code length} lower-case hex digits (GuardDuty finding and detector ids are 32). */
    public synchronized String hex(int length) {
        return draw(HEX, length);
    }

    /** An access key id with the given prefix (AKIA, ASIA, AROA, AIDA), 20 characters long. */
    public synchronized String accessKeyId(String prefix) {
        return prefix + draw(UPPER_ALNUM, 20 - prefix.length());
    }

    /** A 40-character secret access key. */
    public synchronized String secret() {
        return draw(SECRET, 40);
    }

    /** A token of {@code length} characters from the secret alphabet (session tokens). */
    public synchronized String token(int length) {
        return draw(SECRET, length);
    }

    /** The uniform double in [0,1) from the same sequence (fault injection uses its own generator). */
    public synchronized double nextDouble() {
        return random.nextDouble();
    }

    private String draw(char[] alphabet, int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet[random.nextInt(alphabet.length)]);
        }
        return out.toString();
    }
}
