package io.tripline.simulator.sns;

import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/** The topics of one account in one region, by name. */
public final class SnsState {

    private final String accountId;
    private final String region;
    private final Map<String, SnsTopic> topics = new ConcurrentSkipListMap<>();

    public SnsState(String accountId, String region) {
        this.accountId = accountId;
        this.region = region;
    }

    public Map<String, SnsTopic> getTopics() {
        return topics;
    }

    /** The topic with this name, created if absent (CreateTopic is idempotent). */
    public SnsTopic create(String name) {
        return topics.computeIfAbsent(name, n -> new SnsTopic("arn:aws:sns:" + region + ":" + accountId + ":" + n, n));
    }

    public SnsTopic find(String name) {
        return topics.get(name);
    }

    public SnsTopic remove(String name) {
        return topics.remove(name);
    }
}
