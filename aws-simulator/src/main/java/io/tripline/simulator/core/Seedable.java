package io.tripline.simulator.core;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A service whose state a scenario can seed. The scenario loader passes each service the part of a
 * scenario's {@code resources} section named after its signing name, e.g. {@code resources.us-east-1.ec2}
 * (regional) or {@code resources.global.iam} (account-wide, region null).
 */
public interface Seedable {

    void seed(World world, Account account, String region, JsonNode spec);
}
