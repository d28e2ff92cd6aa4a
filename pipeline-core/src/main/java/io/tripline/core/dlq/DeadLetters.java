package io.tripline.core.dlq;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import io.tripline.schema.v1.DeadLetter;

/**
 * Builds {@link DeadLetter} envelopes: the original bytes, where they came from (topic, partition,
 * offset, headers), the stage that failed and a reason that walks the cause chain, so an operator can
 * see why a record was set aside and replay it after a fix.
 */
public final class DeadLetters {

    /** Longest reason kept; a stack of messages can be long, the DLQ is not a log. */
    public static final int MAX_REASON = 4000;
    /**
     * Most bytes of the original key and value kept: the envelope around a record near the broker's size
     * limit would not fit in the DLQ, and a DLQ write that fails stops the service on that record. The
     * original stays at its topic, partition and offset.
     */
    public static final int MAX_BYTES = 512 * 1024;
    /** Most characters kept of each original header value, for the same reason. */
    public static final int MAX_HEADER = 1024;

    private final Clock clock;

    public DeadLetters(Clock clock) {
        this.clock = clock;
    }

    /** A consumed record that failed in {@code stage}. */
    public DeadLetter fromRecord(ConsumerRecord<byte[], byte[]> record, String stage, Throwable error) {
        return builder(stage)
                .topic(record.topic())
                .partition(record.partition())
                .offset(record.offset())
                .key(record.key())
                .value(record.value())
                .headers(record.headers())
                .error(error)
                .build();
    }

    /** Source data (AWS JSON) that failed before it became a record, e.g. a finding that did not normalize. */
    public DeadLetter fromSource(String source, String stage, String rawJson, Throwable error) {
        return builder(stage)
                .source(source)
                .value(rawJson == null ? null : rawJson.getBytes(StandardCharsets.UTF_8))
                .error(error)
                .build();
    }

    public Builder builder(String stage) {
        return new Builder(stage, clock);
    }

    /** The messages of {@code error} and its causes, e.g. {@code SerializationException: bad magic; caused by ...}. */
    public static String reason(Throwable error) {
        StringBuilder reason = new StringBuilder();
        Throwable current = error;
        int depth = 0;
        while (current != null && depth++ < 8) {
            if (reason.length() > 0) {
                reason.append("; caused by ");
            }
            reason.append(current.getClass().getSimpleName());
            if (current.getMessage() != null) {
                reason.append(": ").append(current.getMessage());
            }
            if (current.getCause() == current) {
                break;
            }
            current = current.getCause();
        }
        return truncate(reason.toString());
    }

    private static String truncate(String text) {
        return text.length() <= MAX_REASON ? text : text.substring(0, MAX_REASON - 1) + "…";
    }

    /** Fluent construction of one envelope. */
    public static final class Builder {
        private final DeadLetter.Builder envelope = DeadLetter.newBuilder();
        private final StringBuilder truncated = new StringBuilder();

        private Builder(String stage, Clock clock) {
            envelope.setStage(stage).setFailedAt(clock.instant()).setReason("unknown").setHeaders(new LinkedHashMap<>());
        }

        public Builder source(String source) {
            envelope.setSource(source);
            return this;
        }

        public Builder topic(String topic) {
            envelope.setTopic(topic);
            return this;
        }

        public Builder partition(int partition) {
            envelope.setPartition(partition);
            return this;
        }

        public Builder offset(long offset) {
            envelope.setOffset(offset);
            return this;
        }

        public Builder key(byte[] key) {
            envelope.setKey(key == null ? null : ByteBuffer.wrap(capped("key", key)));
            return this;
        }

        public Builder value(byte[] value) {
            envelope.setValue(value == null ? null : ByteBuffer.wrap(capped("value", value)));
            return this;
        }

        public Builder headers(Headers headers) {
            Map<String, String> copy = new LinkedHashMap<>();
            if (headers != null) {
                for (Header header : headers) {
                    String value = header.value() == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
                    if (value.length() > MAX_HEADER) {
                        truncated.append("; header ").append(header.key()).append(" truncated to ").append(MAX_HEADER)
                                .append(" of ").append(value.length()).append(" characters");
                        value = value.substring(0, MAX_HEADER);
                    }
                    copy.put(header.key(), value);
                }
            }
            envelope.setHeaders(copy);
            return this;
        }

        public Builder error(Throwable error) {
            envelope.setErrorClass(error.getClass().getName());
            envelope.setReason(DeadLetters.reason(error));
            return this;
        }

        public Builder reason(String reason) {
            envelope.setReason(truncate(reason));
            return this;
        }

        public DeadLetter build() {
            if (truncated.length() > 0) {
                // the notes come first so that truncating a long reason never drops them
                envelope.setReason(DeadLetters.truncate(truncated.substring(2) + ": " + envelope.getReason()));
            }
            return envelope.build();
        }

        private byte[] capped(String what, byte[] bytes) {
            if (bytes.length <= MAX_BYTES) {
                return bytes;
            }
            truncated.append("; ").append(what).append(" truncated to ").append(MAX_BYTES).append(" of ").append(bytes.length)
                    .append(" bytes (the original is at its topic, partition and offset)");
            return java.util.Arrays.copyOf(bytes, MAX_BYTES);
        }
    }
}
