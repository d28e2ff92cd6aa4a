package io.tripline.stack.kafka;

import io.tripline.stack.process.ParentWatchdog;

/**
 * Entry point of the child broker JVM. It starts Kafka's own {@code kafka.Kafka} main and watches the
 * parent process: when the parent dies without a chance to stop us (kill -9, a crashed test JVM), the
 * broker shuts down cleanly instead of living on as an orphan holding the port and data directory.
 */
public final class BrokerMain {

    static final String PARENT_PID_PROPERTY = ParentWatchdog.PARENT_PID_PROPERTY;

    private BrokerMain() {
    }

    public static void main(String[] args) throws Exception {
        ParentWatchdog.startFromSystemProperty();
        kafka.Kafka.main(args);
    }
}
