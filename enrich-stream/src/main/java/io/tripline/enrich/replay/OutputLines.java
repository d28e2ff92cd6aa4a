package io.tripline.enrich.replay;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
 * <p>
 * Beyond {@link #DEFAULT_IN_MEMORY} bytes of full blocks, they move to a temporary file (in {@code java.io.tmpdir},
 * removed from the directory as soon as it is opened, so nothing is left behind however the JVM ends) and are
 * read back from it: a replay of tens of millions of events needs disk for its output, not heap.
 */
final class OutputLines extends AbstractList<String> implements RandomAccess {

    private static final int FIRST_BLOCK = 64 * 1024;
    /** Large enough to be allocated outside the young generation (G1 humongous) with a heap of up to 16 GB. */
    private static final int LARGEST_BLOCK = 4 * 1024 * 1024;
    /** Bytes of full blocks kept on the heap before they move to the spill file. */
    static final long DEFAULT_IN_MEMORY = 64L * 1024 * 1024;

    private final List<byte[]> blocks = new ArrayList<>();
    private byte[] block;
    private int used;
    /** Per line: its block (high 32 bits) and its offset in the block (low 32 bits). */
    private long[] places = new long[1024];
    private int[] lengths = new int[1024];
    private int size;
    /** Bytes used in each full block, in order; the last block's count is {@link #used}. */
    private int[] fills = new int[16];
    private final long inMemory;
    /** Bytes of the full blocks still on the heap. */
    private long held;
    /** Where each spilled block starts in {@link #spill}; blocks on the heap have no entry that counts. */
    private long[] spilledAt = new long[16];
    private FileChannel spill;
    private long spillSize;

    OutputLines() {
        this(DEFAULT_IN_MEMORY);
    }

    /** With at most {@code inMemory} bytes of full blocks on the heap (the block being filled comes on top). */
    OutputLines(long inMemory) {
        this.inMemory = inMemory;
    }

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
        int at = (int) (place >>> 32);
        byte[] inHeap = blocks.get(at);
        if (inHeap != null) {
            return new String(inHeap, (int) place, lengths[index], StandardCharsets.UTF_8);
        }
        ByteBuffer line = ByteBuffer.allocate(lengths[index]);
        try {
            readFully(spilledAt[at] + (int) place, line);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read back replay output from its temporary file: " + e.getMessage(), e);
        }
        return new String(line.array(), StandardCharsets.UTF_8);
    }

    @Override
    public int size() {
        return size;
    }

    /** Writes every line, each followed by a newline. */
    void writeTo(OutputStream out) throws IOException {
        ByteBuffer buffer = null;
        for (int i = 0; i < blocks.size(); i++) {
            int length = i == blocks.size() - 1 ? used : fills[i];
            if (blocks.get(i) != null) {
                out.write(blocks.get(i), 0, length);
                continue;
            }
            buffer = buffer == null ? ByteBuffer.allocate(LARGEST_BLOCK) : buffer;
            for (int done = 0; done < length; ) {
                buffer.clear().limit(Math.min(buffer.capacity(), length - done));
                readFully(spilledAt[i] + done, buffer);
                out.write(buffer.array(), 0, buffer.limit());
                done += buffer.limit();
            }
        }
    }

    /** Whether some blocks live in the spill file. */
    boolean spilled() {
        return spill != null;
    }

    private void readFully(long position, ByteBuffer into) throws IOException {
        while (into.hasRemaining()) {
            if (spill.read(into, position + into.position()) < 0) {
                throw new IOException("the temporary file ended early");
            }
        }
        into.flip();
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
            held += used;
            if (held > inMemory) {
                spillFullBlocks();
            }
        }
        int length = block == null ? FIRST_BLOCK : Math.min(LARGEST_BLOCK, block.length * 2);
        block = new byte[Math.max(length, needed)];
        blocks.add(block);
        used = 0;
    }

    /** Moves every full block on the heap to the end of the spill file. */
    private void spillFullBlocks() {
        try {
            if (spill == null) {
                Path file = Files.createTempFile("tripline-replay-output-", ".spill");
                spill = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
                Files.delete(file); // the open channel keeps it readable; nothing is left behind
            }
            if (spilledAt.length < blocks.size()) {
                spilledAt = Arrays.copyOf(spilledAt, Math.max(blocks.size(), spilledAt.length * 2));
            }
            for (int i = 0; i < blocks.size(); i++) {
                byte[] full = blocks.get(i);
                if (full == null) {
                    continue;
                }
                ByteBuffer bytes = ByteBuffer.wrap(full, 0, fills[i]);
                spilledAt[i] = spillSize;
                while (bytes.hasRemaining()) {
                    spillSize += spill.write(bytes, spillSize);
                }
                blocks.set(i, null);
            }
            held = 0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep replay output in a temporary file under "
                    + System.getProperty("java.io.tmpdir") + ": " + e.getMessage(), e);
        }
    }
}
