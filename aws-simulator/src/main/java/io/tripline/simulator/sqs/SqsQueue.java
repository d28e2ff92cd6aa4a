package io.tripline.simulator.sqs;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import java.nio.charset.StandardCharsets;

/**
 * One standard queue. Sends (from clients or SNS fan-out on another thread) signal a condition that
 * long-polling receivers wait on, so a ReceiveMessage with WaitTimeSeconds returns as soon as a
 * message arrives or becomes visible again, without busy-looping.
 */
public final class SqsQueue {

    private final String name;
    private final String accountId;
    private final String region;
    private final long createdTimestamp;
    private final Map<String, String> attributes = new ConcurrentSkipListMap<>();
    private final List<SqsMessage> messages = new ArrayList<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private final AtomicLong receipts = new AtomicLong();
    private final LongSupplier nanos;

    SqsQueue(String name, String accountId, String region, long createdTimestamp, LongSupplier nanos) {
        this.name = name;
        this.accountId = accountId;
        this.region = region;
        this.createdTimestamp = createdTimestamp;
        this.nanos = nanos;
        attributes.put("VisibilityTimeout", "30");
        attributes.put("MaximumMessageSize", "262144");
        attributes.put("MessageRetentionPeriod", "345600");
        attributes.put("DelaySeconds", "0");
        attributes.put("ReceiveMessageWaitTimeSeconds", "0");
    }

    public String getName() {
        return name;
    }

    public String getArn() {
        return "arn:aws:sqs:" + region + ":" + accountId + ":" + name;
    }

    public String getAccountId() {
        return accountId;
    }

    public long getCreatedTimestamp() {
        return createdTimestamp;
    }

    /** Configurable attributes (VisibilityTimeout, Policy, ...), as strings like the API has them. */
    public Map<String, String> getAttributes() {
        return attributes;
    }

    /** A copy of the messages for dumps and tests. */
    public List<SqsMessage> getMessages() {
        lock.lock();
        try {
            return List.copyOf(messages);
        } finally {
            lock.unlock();
        }
    }

    /** Enqueues a message and wakes long-polling receivers; thread-safe for SNS fan-out. */
    public SqsMessage send(String messageId, String body, Map<String, SqsMessage.Attribute> messageAttributes,
                           String senderId, long sentTimestampMillis, int delaySeconds) {
        lock.lock();
        try {
            SqsMessage message = new SqsMessage(messageId, body, messageAttributes, senderId, sentTimestampMillis,
                    nanos.getAsLong() + TimeUnit.SECONDS.toNanos(delaySeconds));
            messages.add(message);
            arrived.signalAll();
            return message;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Up to {@code max} visible messages, waiting up to {@code waitNanos} for the first one; each
     * returned message becomes invisible for {@code visibilitySeconds} and gets a fresh receipt handle.
     */
    public List<SqsMessage> receive(int max, int visibilitySeconds, long waitNanos, long nowMillis)
            throws InterruptedException {
        lock.lock();
        try {
            long deadline = nanos.getAsLong() + waitNanos;
            while (true) {
                long now = nanos.getAsLong();
                List<SqsMessage> out = new ArrayList<>();
                long nextVisible = Long.MAX_VALUE;
                for (SqsMessage m : messages) {
                    if (m.visibleAtNanos() <= now) {
                        if (out.size() < max) {
                            out.add(m);
                        }
                    } else {
                        nextVisible = Math.min(nextVisible, m.visibleAtNanos());
                    }
                }
                long remaining = deadline - now;
                if (!out.isEmpty() || remaining <= 0) {
                    long visibleAt = now + TimeUnit.SECONDS.toNanos(visibilitySeconds);
                    for (SqsMessage m : out) {
                        m.received(newHandle(m), nowMillis, visibleAt);
                    }
                    return out;
                }
                // Wake for a new message, for a message whose visibility expires, or at the deadline.
                arrived.awaitNanos(Math.min(remaining, nextVisible - now));
            }
        } finally {
            lock.unlock();
        }
    }

    /** Deletes by receipt handle; false when the handle is not one this queue issued. */
    public boolean delete(String receiptHandle) {
        String messageId = messageIdOf(receiptHandle);
        if (messageId == null) {
            return false;
        }
        lock.lock();
        try {
            // Like SQS, deleting an already-deleted message with a once-valid handle succeeds.
            messages.removeIf(m -> m.getMessageId().equals(messageId));
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Changes visibility of the message a handle refers to; false when the handle is invalid. */
    public boolean changeVisibility(String receiptHandle, int seconds) {
        String messageId = messageIdOf(receiptHandle);
        if (messageId == null) {
            return false;
        }
        lock.lock();
        try {
            long at = nanos.getAsLong() + TimeUnit.SECONDS.toNanos(seconds);
            messages.stream().filter(m -> m.getMessageId().equals(messageId) && receiptHandle.equals(m.receiptHandle()))
                    .forEach(m -> m.changeVisibility(at));
            arrived.signalAll();
            return true;
        } finally {
            lock.unlock();
        }
    }

    public void purge() {
        lock.lock();
        try {
            messages.clear();
        } finally {
            lock.unlock();
        }
    }

    /** Visible, in-flight and delayed counts, for GetQueueAttributes. */
    public long[] counts() {
        lock.lock();
        try {
            long now = nanos.getAsLong();
            long visible = 0;
            long inFlight = 0;
            long delayed = 0;
            for (SqsMessage m : messages) {
                if (m.visibleAtNanos() <= now) {
                    visible++;
                } else if (m.getReceiveCount() > 0) {
                    inFlight++;
                } else {
                    delayed++;
                }
            }
            return new long[] {visible, inFlight, delayed};
        } finally {
            lock.unlock();
        }
    }

    private String newHandle(SqsMessage m) {
        String raw = name + "\n" + m.getMessageId() + "\n" + receipts.incrementAndGet();
        return Base64.getEncoder().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    private String messageIdOf(String handle) {
        try {
            String[] parts = new String(Base64.getDecoder().decode(handle), StandardCharsets.UTF_8).split("\n");
            return parts.length == 3 && parts[0].equals(name) ? parts[1] : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
