package io.tripline.simulator.sqs;

import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/** The queues of one account in one region, by name. */
public final class SqsState {

    private final String accountId;
    private final String region;
    private final Map<String, SqsQueue> queues = new ConcurrentSkipListMap<>();

    public SqsState(String accountId, String region) {
        this.accountId = accountId;
        this.region = region;
    }

    public Map<String, SqsQueue> getQueues() {
        return queues;
    }

    public SqsQueue find(String name) {
        return queues.get(name);
    }

    /** The queue with this name, created if absent (CreateQueue is idempotent for equal attributes). */
    public SqsQueue create(String name, long createdTimestamp) {
        return queues.computeIfAbsent(name, n -> new SqsQueue(n, accountId, region, createdTimestamp, System::nanoTime));
    }

    public SqsQueue remove(String name) {
        return queues.remove(name);
    }
}
