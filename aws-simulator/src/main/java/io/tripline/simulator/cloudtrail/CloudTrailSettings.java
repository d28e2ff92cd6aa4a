package io.tripline.simulator.cloudtrail;

/**
 * Simulator-wide CloudTrail settings, installed as a {@link io.tripline.simulator.core.World}
 * extension: how many events each account-region keeps (memory bound).
 *
 * @param maxEventsPerRegion events kept per account and region before the oldest are dropped
 */
public record CloudTrailSettings(int maxEventsPerRegion) {

    /** Default: large enough for long scenario runs, small enough to bound memory (~100k records). */
    public static final CloudTrailSettings DEFAULT = new CloudTrailSettings(100_000);
}
