package io.tripline.respond.console;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.tripline.core.topic.Topics;
import io.tripline.respond.config.KafkaConfig;
import io.tripline.respond.config.RespondConfig;
import io.tripline.respond.engine.KafkaSupport;
import io.tripline.respond.ledger.AuditVerifier;
import io.tripline.respond.ledger.KafkaLedger;
import jakarta.inject.Singleton;

/**
 * The audit trail as the console shows it: read from the audit topic itself (what an auditor would
 * read, not the responder's memory), each record as the transition it recorded, and whether the hash
 * chain is intact.
 */
@Singleton
public class AuditTrail {

    /** One audit record: {@code from} is null for an action's first record. */
    public record Entry(long sequence, Instant time, String actionId, String actionType, String target, String from,
                        String to, String actor, String reason, String hash) {
    }

    /** The newest {@code entries} (newest first), how many records there are, and the chain check. */
    public record View(List<Entry> entries, long total, AuditVerifier.Result chain) {
    }

    private final KafkaConfig kafka;
    private final String topic;

    public AuditTrail(KafkaConfig kafka, RespondConfig config) {
        this.kafka = kafka;
        this.topic = config.getTopicPrefix() + Topics.REMEDIATION_AUDIT.name();
    }

    public View read(int limit) {
        Map<String, String> lastState = new HashMap<>();
        Deque<Entry> newest = new ArrayDeque<>();
        long[] total = {0};
        KafkaLedger.readToEnd(KafkaSupport.clientConfig(kafka), KafkaSupport.serdeConfig(kafka), topic, record -> {
            var r = record.value();
            String to = r.getState().name();
            newest.addFirst(new Entry(r.getSequence(), r.getUpdatedAt(), r.getActionId(),
                    r.getActionType(), r.getTarget(), lastState.put(r.getActionId(), to), to, r.getActor(), r.getReason(),
                    r.getHash()));
            total[0]++;
            if (newest.size() > limit) {
                newest.removeLast();
            }
        });
        AuditVerifier.Result chain = AuditVerifier.verify(KafkaSupport.clientConfig(kafka), KafkaSupport.serdeConfig(kafka), topic);
        return new View(new ArrayList<>(newest), total[0], chain);
    }
}
