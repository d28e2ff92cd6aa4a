package io.tripline.core.dlq;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import io.tripline.schema.v1.DeadLetter;

/** A DLQ envelope keeps the original bytes and origin and explains the failure through its causes. */
class DeadLettersTest {

    private final DeadLetters deadLetters = new DeadLetters(Clock.fixed(Instant.parse("2026-11-01T00:00:00Z"), ZoneOffset.UTC));

    @Test
    void shouldKeepOriginBytesAndTheWholeCauseChain() {
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("tripline.raw.cloudtrail", 2, 1234L,
                "k".getBytes(StandardCharsets.UTF_8), new byte[] {1, 2, 3});
        record.headers().add("tripline.replay", "true".getBytes(StandardCharsets.UTF_8));
        Exception error = new SerializationException("bad magic", new IOException("stream closed"));

        DeadLetter letter = deadLetters.fromRecord(record, "enrich.deserialize", error);

        assertThat(letter.getTopic()).isEqualTo("tripline.raw.cloudtrail");
        assertThat(letter.getPartition()).isEqualTo(2);
        assertThat(letter.getOffset()).isEqualTo(1234L);
        assertThat(letter.getValue().array()).containsExactly(1, 2, 3);
        assertThat(letter.getHeaders()).containsEntry("tripline.replay", "true");
        assertThat(letter.getStage()).isEqualTo("enrich.deserialize");
        assertThat(letter.getReason()).isEqualTo("SerializationException: bad magic; caused by IOException: stream closed");
        assertThat(letter.getFailedAt()).isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
    }

    @Test
    void shouldKeepTheRawJsonOfASourceRecordThatDidNotNormalize() {
        DeadLetter letter = deadLetters.fromSource("guardduty", "ingest.normalize", "{\"id\":1}",
                new IllegalArgumentException("missing updatedAt"));
        assertThat(letter.getSource()).isEqualTo("guardduty");
        assertThat(new String(letter.getValue().array(), StandardCharsets.UTF_8)).isEqualTo("{\"id\":1}");
        assertThat(letter.getTopic()).isNull();
        assertThat(letter.getReason()).contains("missing updatedAt");
    }

    @Test
    void shouldTruncateHugeReasons() {
        String huge = "x".repeat(10_000);
        assertThat(DeadLetters.reason(new RuntimeException(huge))).hasSize(DeadLetters.MAX_REASON);
    }

    @Test
    void shouldCapTheOriginalBytesSoTheEnvelopeFitsTheDlqAndSaySo() {
        byte[] value = new byte[DeadLetters.MAX_BYTES + 100];
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("tripline.raw.guardduty", 0, 7L, null, value);
        record.headers().add("big", "h".repeat(DeadLetters.MAX_HEADER + 1).getBytes(StandardCharsets.UTF_8));

        DeadLetter letter = deadLetters.fromRecord(record, "enrich.decode.guardduty", new SerializationException("bad"));

        assertThat(letter.getValue().remaining()).isEqualTo(DeadLetters.MAX_BYTES);
        assertThat(letter.getHeaders().get("big")).hasSize(DeadLetters.MAX_HEADER);
        assertThat(letter.getReason()).contains("value truncated to " + DeadLetters.MAX_BYTES + " of " + value.length + " bytes")
                .contains("header big truncated").endsWith("SerializationException: bad");
    }
}
