package io.tripline.simulator.sns;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** One SNS topic with its attributes and subscriptions (copy-on-write: Publish iterates while Subscribe adds). */
public final class SnsTopic {

    /**
     * A subscription; http/https endpoints are confirmed at once because the simulator only delivers to
     * loopback receivers the test or demo started itself.
     */
    public record Subscription(String subscriptionArn, String topicArn, String protocol, String endpoint, String owner,
                               boolean rawMessageDelivery) {
    }

    private final String arn;
    private final String name;
    private final Map<String, String> attributes = new ConcurrentSkipListMap<>();
    private final Map<String, String> tags = new ConcurrentSkipListMap<>();
    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();

    SnsTopic(String arn, String name) {
        this.arn = arn;
        this.name = name;
    }

    public String getArn() {
        return arn;
    }

    public String getName() {
        return name;
    }

    public Map<String, String> getAttributes() {
        return attributes;
    }

    public Map<String, String> getTags() {
        return tags;
    }

    public List<Subscription> getSubscriptions() {
        return subscriptions;
    }
}
