package io.tripline.stack.process;

/**
 * Ends a child JVM when the process that started it is gone. Shutdown hooks cover Ctrl-C and normal
 * exits of the parent; this covers the rest (kill -9, a crashed test JVM), so no child outlives it.
 */
public final class ParentWatchdog {

    public static final String PARENT_PID_PROPERTY = "tripline.parent.pid";

    private ParentWatchdog() {
    }

    /** Starts watching the parent named by the system property, if set. */
    public static void startFromSystemProperty() {
        String parent = System.getProperty(PARENT_PID_PROPERTY);
        if (parent == null) {
            return;
        }
        long parentPid = Long.parseLong(parent);
        Thread watchdog = new Thread(() -> watch(parentPid), "parent-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    private static void watch(long parentPid) {
        while (true) {
            boolean alive = ProcessHandle.of(parentPid).map(ProcessHandle::isAlive).orElse(false);
            if (!alive) {
                // exit (not halt) so the child's own shutdown hooks close Kafka clients and release locks.
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
