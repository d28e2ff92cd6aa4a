package io.tripline.simulator.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.tripline.simulator.cloudtrail.CloudTrailRecorder;
import io.tripline.simulator.core.Account;
import io.tripline.simulator.core.CallContext;
import io.tripline.simulator.core.Caller;
import io.tripline.simulator.core.SimClock;
import io.tripline.simulator.core.World;

/** The {@link CallContext} of one HTTP call: its account, region and caller, recording into CloudTrail. */
final class SimCallContext implements CallContext {

    private final World world;
    private final Caller caller;
    private final CloudTrailRecorder.Call call;

    SimCallContext(World world, Caller caller, CloudTrailRecorder.Call call) {
        this.world = world;
        this.caller = caller;
        this.call = call;
    }

    @Override
    public Account account() {
        return world.account(caller.accountId());
    }

    @Override
    public String region() {
        return call.region();
    }

    @Override
    public Caller caller() {
        return caller;
    }

    @Override
    public SimClock clock() {
        return world.clock();
    }

    @Override
    public World world() {
        return world;
    }

    @Override
    public void recordEvent(String eventSource, String eventName, JsonNode requestParameters, JsonNode responseElements) {
        CloudTrailRecorder.recordCall(world, call, eventSource, eventName, requestParameters, responseElements);
    }
}
