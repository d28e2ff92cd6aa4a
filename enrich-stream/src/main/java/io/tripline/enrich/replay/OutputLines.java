package io.tripline.enrich.replay;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.RandomAccess;

/**
 * Lines of UTF-8 text as the topology serialized them (OCSF records, their keys), kept until the replay
 * ends, in a few large blocks, each line followed by a newline, rather than as a String each: a replay
 * holds every output line to the end, and the garbage collector copies each live String from one young
 * space to the next while a large block is not moved. As a list the lines are Strings, decoded when read;
 * {@link #writeTo} writes the blocks as they are, which is the bytes of every line and its newline in order.
 */
final class OutputLines extends AbstractList<String> implements RandomAccess {

    private static final int FIRST_BLOCK = 64 * 1024;
    /** Large enough to be allocated outside the young generation (G1 humongous) with a heap of up to 16 GB. */
    private static final int LARGEST_BLOCK = 4 * 1024 * 1024;

    private final List<byte[]> blocks = new ArrayList<>();
    private byte[] block;
    private int used;
    /** Per line: its block (high 32 bits) and its offset in the block (low 32 bits). */
    private long[] places = new long[1024];
    private int[] lengths = new int[1024];
    private int size;
    /** Bytes used in each full block, in order; the last block's count is {@link #used}. */
    private int[] fills = new int[16];

    /** Adds a line: its UTF-8 bytes, without a newline; null (a record without a key) reads back as null, and is not written. */
    void append(byte[] line) {
        if (line == null) {
            grow();
            lengths[size++] = -1;
            return;
        }
        int needed = line.length + 1;
        if (block == null || block.length - used < needed) {
            newBlock(needed);
        }
        System.arraycopy(line, 0, block, used, line.length);
        block[used + line.length] = '\n';
        grow();
        places[size] = ((long) (blocks.size() - 1) << 32) | used;
        lengths[size] = line.length;
        size++;
        used += needed;
    }

    @Override
    public String get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("line " + index + " of " + size);
        }
        if (lengths[index] < 0) {
            return null;
        }
        long place = places[index];
        return new String(blocks.get((int) (place >>> 32)), (int) place, lengths[index], StandardCharsets.UTF_8);
    }

    @Override
    public int size() {
        return size;
    }

    /** Writes every line, each followed by a newline. */
    void writeTo(OutputStream out) throws IOException {
        for (int i = 0; i < blocks.size(); i++) {
            out.write(blocks.get(i), 0, i == blocks.size() - 1 ? used : fills[i]);
        }
    }

    private void grow() {
        if (size == places.length) {
            places = Arrays.copyOf(places, size * 2);
            lengths = Arrays.copyOf(lengths, size * 2);
        }
    }

    private void newBlock(int needed) {
        if (block != null) {
            if (blocks.size() - 1 == fills.length) {
                fills = Arrays.copyOf(fills, fills.length * 2);
            }
            fills[blocks.size() - 1] = used;
        }
        int length = block == null ? FIRST_BLOCK : Math.min(LARGEST_BLOCK, block.length * 2);
        block = new byte[Math.max(length, needed)];
        blocks.add(block);
        used = 0;
    }
}
