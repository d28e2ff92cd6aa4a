package io.tripline.simulator.scenario;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;

/**
 * One signal of an expanded timeline: at offset {@code at} from the scenario start, publish
 * {@code body} (a GuardDuty finding, ASFF finding or CloudTrail record) into {@code kind}'s state of
 * {@code account}/{@code region}.
 */
public record Signal(Duration at, String account, String region, Kind kind, ObjectNode body) {

    /** Where a signal goes. */
    public enum Kind { guardduty, securityhub, cloudtrail }
}
