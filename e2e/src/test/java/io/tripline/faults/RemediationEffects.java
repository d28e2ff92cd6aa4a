package io.tripline.faults;

import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;

import io.tripline.core.normalize.Json;
import io.tripline.simulator.AwsSimulator;
import io.tripline.simulator.cloudtrail.CloudTrailState;
import io.tripline.simulator.cloudtrail.StoredEvent;
import io.tripline.simulator.core.Account;
import io.tripline.simulator.ec2.Ec2Resources;
import io.tripline.simulator.ec2.Ec2State;
import io.tripline.simulator.sqs.SqsMessage;
import io.tripline.simulator.sqs.SqsQueue;
import io.tripline.simulator.sqs.SqsState;
import io.tripline.stack.demo.PipelineServices;

/**
 * What the responder changed in the simulated account, counted where AWS would show it: EBS snapshots
 * the responder tagged, per volume; security-group changes on network interfaces (the account's own
 * CloudTrail history of ModifyNetworkInterfaceAttribute), per interface; SNS notifications that reached
 * the subscribed queue, per incident. One effect per target is right; more is a duplicated effect.
 */
record RemediationEffects(Map<String, Integer> snapshotsPerVolume, Map<String, Integer> groupChangesPerInterface,
                          Map<String, Integer> notificationsPerIncident) {

    static RemediationEffects of(AwsSimulator simulator, String accountId, String region) {
        Account account = simulator.world().account(accountId);
        Ec2State ec2 = account.regional(region, Ec2State.class, () -> new Ec2State(accountId, region));
        Map<String, Integer> snapshots = new TreeMap<>();
        for (Ec2Resources.Snapshot snapshot : ec2.snapshots.values()) {
            if (snapshot.tags.containsKey("tripline:action-id")) {
                snapshots.merge(snapshot.volumeId, 1, Integer::sum);
            }
        }
        CloudTrailState trail = account.regional(region, CloudTrailState.class, () -> new CloudTrailState(100_000));
        Map<String, Integer> groupChanges = new TreeMap<>();
        for (StoredEvent event : trail.select(e -> "ModifyNetworkInterfaceAttribute".equals(e.eventName()))) {
            JsonNode request = event.record().path("requestParameters");
            if (request.has("groupSet")) {
                groupChanges.merge(request.path("networkInterfaceId").asText(), 1, Integer::sum);
            }
        }
        SqsQueue alerts = account.regional(region, SqsState.class, () -> new SqsState(accountId, region))
                .find(PipelineServices.ALERTS);
        Map<String, Integer> notifications = new TreeMap<>();
        for (SqsMessage message : alerts.getMessages()) {
            JsonNode body = Json.parse(message.getBody());
            String incident = body.path("MessageAttributes").path("incident_id").path("Value").asText("(none)");
            notifications.merge(incident + " | " + body.path("Subject").asText(""), 1, Integer::sum);
        }
        return new RemediationEffects(snapshots, groupChanges, notifications);
    }

    static long duplicated(Map<String, Integer> effects) {
        return effects.values().stream().filter(n -> n > 1).mapToLong(n -> n - 1).sum();
    }

    static long total(Map<String, Integer> effects) {
        return effects.values().stream().mapToLong(Integer::longValue).sum();
    }
}
