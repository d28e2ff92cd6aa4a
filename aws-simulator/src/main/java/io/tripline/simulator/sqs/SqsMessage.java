package io.tripline.simulator.sqs;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.Map;

/**
 * One message in a simulated queue. Visibility is kept on the JVM's monotonic clock (not the simulated
 * clock, which may be paused or sped up) so a consumer's visibility timeout means real seconds;
 * SentTimestamp comes from the simulated clock like every other AWS timestamp.
 */
public final class SqsMessage {

    /** A message attribute: DataType String/Number/Binary (with optional custom suffix). */
    public record Attribute(String dataType, String stringValue, byte[] binaryValue) {
    }

    private final String messageId;
    private final String body;
    private final Map<String, Attribute> attributes;
    private final String senderId;
    private final long sentTimestamp;
    private int receiveCount;
    private long firstReceiveTimestamp;
    private long visibleAtNanos;
    private String receiptHandle;

    SqsMessage(String messageId, String body, Map<String, Attribute> attributes, String senderId, long sentTimestamp,
               long visibleAtNanos) {
        this.messageId = messageId;
        this.body = body;
        this.attributes = Map.copyOf(attributes);
        this.senderId = senderId;
        this.sentTimestamp = sentTimestamp;
        this.visibleAtNanos = visibleAtNanos;
    }

    public String getMessageId() {
        return messageId;
    }

    public String getBody() {
        return body;
    }

    public Map<String, Attribute> getAttributes() {
        return attributes;
    }

    public String getSenderId() {
        return senderId;
    }

    public long getSentTimestamp() {
        return sentTimestamp;
    }

    public synchronized int getReceiveCount() {
        return receiveCount;
    }

    synchronized long firstReceiveTimestamp() {
        return firstReceiveTimestamp;
    }

    @JsonIgnore
    synchronized long visibleAtNanos() {
        return visibleAtNanos;
    }

    @JsonIgnore
    synchronized String receiptHandle() {
        return receiptHandle;
    }

    synchronized void received(String handle, long nowMillis, long visibleAt) {
        receiveCount++;
        if (firstReceiveTimestamp == 0) {
            firstReceiveTimestamp = nowMillis;
        }
        receiptHandle = handle;
        visibleAtNanos = visibleAt;
    }

    synchronized void changeVisibility(long visibleAt) {
        visibleAtNanos = visibleAt;
    }
}
