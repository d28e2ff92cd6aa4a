package io.tripline.simulator.load;

import java.time.Duration;

/**
 * What a {@link LoadGenerator} emits into one account-region: signals per second for each source, for
 * how long, and where CloudTrail log files go (an S3 bucket whose object-created notifications are sent
 * to an SQS queue, the delivery AWS uses for busy trails). Rates are per wall-clock second.
 *
 * @param seed           ids and event contents are drawn from it: the same plan emits the same ids
 * @param fileInterval   how often a CloudTrail log file is written (AWS writes one every few minutes per
 *                       region; shorter here so a test sees a steady stream)
 * @param loadInstances  how many distinct (made-up) instances the GuardDuty load findings are about, so
 *                       they correlate into a bounded number of incidents
 */
public record LoadPlan(String account, String region, double guardDutyPerSecond, double securityHubPerSecond,
                       double cloudTrailPerSecond, Duration duration, String trailBucket, String trailQueue, long seed,
                       Duration fileInterval, int loadInstances) {

    public LoadPlan {
        if (guardDutyPerSecond < 0 || securityHubPerSecond < 0 || cloudTrailPerSecond < 0) {
            throw new IllegalArgumentException("rates must not be negative");
        }
        if (duration.isNegative() || fileInterval.isZero() || fileInterval.isNegative() || loadInstances < 1) {
            throw new IllegalArgumentException("duration >= 0, fileInterval > 0 and loadInstances >= 1 required");
        }
    }

    /** All signals per second across sources. */
    public double totalPerSecond() {
        return guardDutyPerSecond + securityHubPerSecond + cloudTrailPerSecond;
    }
}
