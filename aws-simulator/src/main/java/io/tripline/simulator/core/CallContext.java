package io.tripline.simulator.core;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a service needs besides the request: the account and region the call acts in, the caller,
 * the simulated clock, the whole world (for cross-service effects such as SNS delivering to SQS), and
 * the CloudTrail recorder every mutating call must report to.
 */
public interface CallContext {

    Account account();

    String region();

    Caller caller();

    SimClock clock();

    World world();

    /**
     * Records a CloudTrail event for this call (eventSource e.g. {@code ec2.amazonaws.com}), with the
     * caller's identity, source IP, user agent, a fresh eventID and the simulated eventTime. Every
     * mutating operation calls this once on success.
     */
    void recordEvent(String eventSource, String eventName, JsonNode requestParameters, JsonNode responseElements);
}
