package io.tripline.core.serde;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import io.tripline.schema.v1.SecurityFinding;

/** Bytes that are not in the Confluent wire format are refused with a message that says what was found. */
class AvroDeserializerTest {

    // Nothing listens here: the header checks must fail before any registry call is made.
    private final AvroDeserializer<SecurityFinding> deserializer = configured();

    private static AvroDeserializer<SecurityFinding> configured() {
        AvroDeserializer<SecurityFinding> d = new AvroDeserializer<>(SecurityFinding.class, null);
        d.configure(Map.of(SerdeConfig.URL, "http://127.0.0.1:9"), false);
        return d;
    }

    @Test
    void shouldNameJsonTextWhenAProducerWroteJsonInsteadOfAvro() {
        byte[] json = "{\"id\":\"abc\"}".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> deserializer.deserialize("tripline.raw.guardduty", json))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("not Confluent wire format on tripline.raw.guardduty")
                .hasMessageContaining("unknown magic byte 0x7b (looks like JSON text)")
                .hasMessageContaining("first bytes: 7b 22 69 64");
    }

    @Test
    void shouldNameTheLengthWhenTheRecordIsShorterThanTheHeader() {
        assertThatThrownBy(() -> deserializer.deserialize("t", new byte[] {0, 0, 1}))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("found only 3 byte(s)");
    }

    @Test
    void shouldReportAnUnreachableRegistryAsAnUnknownSchemaId() {
        byte[] wire = {0, 0, 0, 0, 42, 2, 'x'};
        assertThatThrownBy(() -> deserializer.deserialize("t", wire))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("unknown schema id 42 on t");
    }

    @Test
    void shouldRefuseUseBeforeConfiguration() {
        AvroDeserializer<SecurityFinding> unconfigured = new AvroDeserializer<>(SecurityFinding.class, null);
        assertThatThrownBy(() -> unconfigured.deserialize("t", new byte[] {0, 0, 0, 0, 1}))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("before configure()");
    }
}
