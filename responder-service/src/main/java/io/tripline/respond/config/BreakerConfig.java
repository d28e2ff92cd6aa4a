package io.tripline.respond.config;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * The blast-radius breaker ({@code tripline.respond.breaker.*}): at most {@code maxPerHour} executed
 * actions per account and region in any hour, and at most {@code fleetMaxPercent} % of the instances
 * sharing the value of {@code fleetTag} (none = no fleet cap). Beyond either cap actions are HELD.
 */
@ConfigurationProperties(BreakerConfig.PREFIX)
public class BreakerConfig {

    public static final String PREFIX = "tripline.respond.breaker";

    private int maxPerHour = 10;
    private String fleetTag;
    private int fleetMaxPercent = 20;

    public int getMaxPerHour() {
        return maxPerHour;
    }

    public void setMaxPerHour(int maxPerHour) {
        this.maxPerHour = maxPerHour;
    }

    public String getFleetTag() {
        return fleetTag;
    }

    public void setFleetTag(String fleetTag) {
        this.fleetTag = fleetTag;
    }

    public int getFleetMaxPercent() {
        return fleetMaxPercent;
    }

    public void setFleetMaxPercent(int fleetMaxPercent) {
        this.fleetMaxPercent = fleetMaxPercent;
    }
}
