package io.tripline.stack.kafka;

/**
 * Entry point of the child broker JVM. It starts Kafka's own {@code kafka.Kafka} main and watches the
 * parent process: when the parent dies without a chance to stop us (kill -9, a crashed test JVM), the
 * broker shuts down cleanly instead of living on as an orphan holding the port and data directory.
 */
public final class BrokerMain {

    static final String PARENT_PID_PROPERTY = "tripline.parent.pid";

    private BrokerMain() {
    }

    public static void main(String[] args) throws Exception {
        String parent = System.getProperty(PARENT_PID_PROPERTY);
        if (parent != null) {
            long parentPid = Long.parseLong(parent);
            Thread watchdog = new Thread(() -> watchParent(parentPid), "parent-watchdog");
            watchdog.setDaemon(true);
            watchdog.start();
        }
        kafka.Kafka.main(args);
    }

    private static void watchParent(long parentPid) {
        while (true) {
            boolean alive = ProcessHandle.of(parentPid).map(ProcessHandle::isAlive).orElse(false);
            if (!alive) {
                // exit (not halt) so Kafka's shutdown hook runs a controlled shutdown and releases the log dir lock.
                System.exit(0);
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
