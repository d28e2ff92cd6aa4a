package io.tripline.simulator.core;

import java.time.Duration;
import java.time.Instant;

/**
 * The simulated clock: starts at a configured instant, runs at {@code speed} times real time while
 * running, and can be paused or advanced by the control API. Every timestamp the simulator writes
 * (finding updatedAt, CloudTrail eventTime) comes from here.
 */
public final class SimClock {

    private Instant base;
    private long baseNanos;
    private double speed;
    private boolean running;

    public SimClock(Instant start, double speed) {
        this.base = start;
        this.baseNanos = System.nanoTime();
        this.speed = speed;
        this.running = true;
    }

    public synchronized Instant now() {
        if (!running) {
            return base;
        }
        long elapsed = System.nanoTime() - baseNanos;
        return base.plusNanos((long) (elapsed * speed));
    }

    public synchronized void pause() {
        base = now();
        running = false;
    }

    public synchronized void start() {
        if (!running) {
            baseNanos = System.nanoTime();
            running = true;
        }
    }

    public synchronized void advance(Duration by) {
        base = now().plus(by);
        baseNanos = System.nanoTime();
    }

    public synchronized void set(Instant instant) {
        base = instant;
        baseNanos = System.nanoTime();
    }

    public synchronized void speed(double newSpeed) {
        base = now();
        baseNanos = System.nanoTime();
        speed = newSpeed;
    }

    public synchronized double speed() {
        return speed;
    }

    public synchronized boolean running() {
        return running;
    }
}
