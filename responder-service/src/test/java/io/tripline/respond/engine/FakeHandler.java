package io.tripline.respond.engine;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.tripline.respond.action.ActionContext;
import io.tripline.respond.action.ActionHandler;
import io.tripline.respond.aws.AccountClients;

/** A handler that only counts: for testing the decisions around actions, not the actions. */
final class FakeHandler implements ActionHandler {

    final String type;
    final AtomicInteger executed = new AtomicInteger();
    final Map<String, Map<String, String>> tags = new HashMap<>();
    int fleetSize = -1;
    int transientFailures;
    boolean inPlace;

    FakeHandler(String type) {
        this.type = type;
    }

    @Override
    public String type() {
        return type;
    }

    @Override
    public Map<String, String> targetTags(AccountClients aws, String target) {
        return tags.getOrDefault(target, Map.of());
    }

    @Override
    public int fleetSize(AccountClients aws, String tagKey, String tagValue) {
        return fleetSize;
    }

    @Override
    public void execute(ActionContext ctx) {
        if (transientFailures-- > 0) {
            throw software.amazon.awssdk.core.exception.SdkClientException.create("connection reset");
        }
        executed.incrementAndGet();
        inPlace = true;
    }

    @Override
    public boolean verify(ActionContext ctx) {
        return inPlace;
    }
}
