package io.tripline.core.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;

import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;

/**
 * Writes each value with a writer under test and with {@code new SpecificDatumWriter<>(schema, model)}, and fails
 * unless both write the same bytes or both refuse. Alternates the serializer's buffered encoder (reused, as the
 * serializer reuses it) with Avro's direct encoder.
 */
final class WriterParity {

    private final DatumWriter<Object> reference;
    private final DatumWriter<Object> tested;
    private BinaryEncoder buffered;
    private int checked;
    private int written;
    private int refused;

    WriterParity(Schema schema, SpecificData model, DatumWriter<Object> tested) {
        this.reference = new SpecificDatumWriter<>(schema, model);
        this.tested = tested;
    }

    /** Fails with {@code what} and both outputs unless both writers agree on {@code value}. */
    void check(Object value, String what) {
        boolean direct = checked++ % 2 == 1;
        Outcome expected = write(reference, value, direct);
        Outcome actual = write(tested, value, direct);
        if (expected.bytes() == null) {
            assertThat(actual.bytes()).as("%s: SpecificDatumWriter refused it (%s) but the compiled writer wrote it", what,
                    expected.error()).isNull();
            refused++;
            return;
        }
        if (actual.bytes() == null) {
            fail("%s: SpecificDatumWriter wrote it but the compiled writer refused it: %s", what, actual.error());
        }
        if (!Arrays.equals(expected.bytes(), actual.bytes())) {
            fail("%s: bytes differ (%s encoder)%n expected %s%n actual   %s%n value %s", what, direct ? "direct" : "buffered",
                    hex(expected.bytes()), hex(actual.bytes()), abbreviate(String.valueOf(value)));
        }
        written++;
    }

    int written() {
        return written;
    }

    int refused() {
        return refused;
    }

    private record Outcome(byte[] bytes, Exception error) {
    }

    private Outcome write(DatumWriter<Object> writer, Object value, boolean direct) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            BinaryEncoder encoder;
            if (direct) {
                encoder = EncoderFactory.get().directBinaryEncoder(out, null);
            } else {
                buffered = EncoderFactory.get().binaryEncoder(out, buffered);
                encoder = buffered;
            }
            writer.write(value, encoder);
            encoder.flush();
            return new Outcome(out.toByteArray(), null);
        } catch (IOException | RuntimeException e) {
            return new Outcome(null, e);
        }
    }

    private static String hex(byte[] bytes) {
        return abbreviate(HexFormat.of().formatHex(bytes));
    }

    private static String abbreviate(String text) {
        return text.length() <= 2000 ? text : text.substring(0, 2000) + "...(" + text.length() + " chars)";
    }

    /** The Confluent header for {@code id} followed by {@code body}: what the serializer writes. */
    static byte[] framed(int id, byte[] body) {
        return ByteBuffer.allocate(WireFormat.HEADER_SIZE + body.length).put(WireFormat.header(id)).put(body).array();
    }
}
