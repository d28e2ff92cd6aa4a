package io.tripline.enrich.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

/** The binary form of signals: every field survives, equal signals give equal bytes, old JSON still reads. */
class SignalCodecTest {

    private final Serde<Signal> serde = SignalCodec.serde();

    @Test
    void shouldReadBackEveryFieldOfASignal() {
        Signal full = signal(7.5, Map.of("Environment", "production", "Owner", "ops"));
        Signal sparse = new Signal("ev-1", Signal.EVENT, "CLOUDTRAIL", null, null, 5, 5, 5, "ACCOUNT:1", null, "StopLogging",
                "Trail stopped", null, null, null, 1, false, false, false, null, null, null, null);

        for (Signal signal : List.of(full, sparse)) {
            assertThat(serde.deserializer().deserialize("t", serde.serializer().serialize("t", signal))).isEqualTo(signal);
        }
    }

    @Test
    void shouldWriteEqualBytesForEqualSignalsWhateverTheMapOrder() {
        Map<String, String> reversed = new LinkedHashMap<>();
        reversed.put("Owner", "ops");
        reversed.put("Environment", "production");

        assertThat(serde.serializer().serialize("t", signal(null, reversed)))
                .isEqualTo(serde.serializer().serialize("t", signal(null, Map.of("Environment", "production", "Owner", "ops"))));
    }

    @Test
    void shouldStillReadSignalsAnEarlierVersionWroteAsJson() {
        Signal signal = signal(3.0, Map.of("Environment", "dev"));
        byte[] json = JsonCodec.serde(Signal.class).serializer().serialize("t", signal);

        assertThat(serde.deserializer().deserialize("t", json)).isEqualTo(signal);
    }

    @Test
    void shouldRejectBytesOfAnUnknownFormat() {
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", new byte[] {9, 0, 0}))
                .isInstanceOf(SerializationException.class).hasMessageContaining("unknown signal format 9");
    }

    @Test
    void shouldRejectTruncatedBytesAndClaimedSizesBeyondTheInput() {
        byte[] whole = serde.serializer().serialize("t", signal(7.5, Map.of("Environment", "production")));
        for (int length : new int[] {1, 5, whole.length / 2, whole.length - 1}) {
            byte[] cut = java.util.Arrays.copyOf(whole, length);
            assertThatThrownBy(() -> serde.deserializer().deserialize("t", cut))
                    .isInstanceOf(SerializationException.class).hasMessageContaining("cannot read a signal: it ends early");
        }
        // Format 1, then an id claiming 2 GB: refused without allocating it.
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", new byte[] {1, 0x7f, -1, -1, -1, 'x'}))
                .isInstanceOf(SerializationException.class).hasMessageContaining("ends early");
    }

    @Test
    void shouldWriteTheBytesDataOutputStreamWrote() throws Exception {
        // Signals stored and in flight before the codec stopped using DataOutputStream must read back the same.
        java.io.ByteArrayOutputStream expected = new java.io.ByteArrayOutputStream();
        try (java.io.DataOutputStream out = new java.io.DataOutputStream(expected)) {
            out.writeByte(3);
            out.writeBoolean(true);
            out.writeInt(-2);
            out.writeLong(Long.MIN_VALUE + 12_345);
            out.writeDouble(7.5);
            byte[] utf8 = "hé".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            out.writeInt(utf8.length);
            out.write(utf8);
        }
        BinaryForm.Writer writer = new BinaryForm.Writer(1);
        writer.writeByte(3);
        writer.writeBoolean(true);
        writer.writeInt(-2);
        writer.writeLong(Long.MIN_VALUE + 12_345);
        writer.writeDouble(7.5);
        writer.string("hé");

        assertThat(writer.toByteArray()).isEqualTo(expected.toByteArray());
        BinaryForm.Reader reader = new BinaryForm.Reader(expected.toByteArray(), "test bytes");
        assertThat(reader.readUnsignedByte()).isEqualTo(3);
        assertThat(reader.readBoolean()).isTrue();
        assertThat(reader.readInt()).isEqualTo(-2);
        assertThat(reader.readLong()).isEqualTo(Long.MIN_VALUE + 12_345);
        assertThat(reader.readDouble()).isEqualTo(7.5);
        assertThat(reader.string()).isEqualTo("hé");
    }

    private static Signal signal(Double guardDuty, Map<String, String> tags) {
        return new Signal("arn:aws:guardduty:us-east-1:1:detector/d/finding/f1", Signal.FINDING, "GUARDDUTY", "111122223333",
                "us-east-1", 1_000, 900, 1_100, "INSTANCE:i-0abc", List.of("SECURITY_GROUP:sg-1"),
                "UnauthorizedAccess:EC2/SSHBruteForce", "Brute force — ünïcode", List.of("CREDENTIAL_ACCESS"), "MEDIUM", guardDuty,
                12, true, false, true, tags, List.of("f1"), List.of(Flags.BRUTE_FORCE, Flags.INSTANCE),
                Map.of("sourceIp", "198.51.100.1"));
    }
}
