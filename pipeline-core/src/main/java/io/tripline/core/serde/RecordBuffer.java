package io.tripline.core.serde;

import java.io.OutputStream;
import java.util.Arrays;

import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

/**
 * One thread's reusable output for serializing records: a growable byte array (not synchronized, unlike
 * ByteArrayOutputStream, and not regrown from 256 bytes for every record) and the Avro encoder writing into it.
 * A record costs one copy, to the array the serializer returns. A buffer that grew past {@link #KEEP_BYTES} for
 * an unusually large record is let go afterwards, so one such record does not pin its size per thread.
 */
final class RecordBuffer extends OutputStream {

    static final int KEEP_BYTES = 1 << 20;
    private static final int INITIAL_BYTES = 8 * 1024;

    private byte[] bytes = new byte[INITIAL_BYTES];
    private int count;
    private BinaryEncoder encoder;

    /** Starts a record: forgets whatever a failed record left behind, writes {@code header}, returns the encoder. */
    BinaryEncoder start(byte[] header) {
        // Reconfiguring hands bytes a failed record left in the encoder to this buffer, so reset after it.
        encoder = EncoderFactory.get().binaryEncoder(this, encoder);
        count = 0;
        write(header, 0, header.length);
        return encoder;
    }

    /** The record written since {@link #start}, after the encoder was flushed. */
    byte[] toByteArray() {
        byte[] record = Arrays.copyOf(bytes, count);
        if (bytes.length > KEEP_BYTES) {
            bytes = new byte[INITIAL_BYTES];
        }
        return record;
    }

    @Override
    public void write(int b) {
        ensure(1);
        bytes[count++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, bytes, count, len);
        count += len;
    }

    private void ensure(int more) {
        int needed = count + more;
        if (needed < 0) {
            throw new OutOfMemoryError("record larger than 2 GB");
        }
        if (needed > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(needed, bytes.length * 2));
        }
    }
}
