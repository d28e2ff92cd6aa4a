package io.tripline.respond.engine;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.tripline.respond.ledger.AuditChain;
import io.tripline.respond.ledger.Ledger;
import io.tripline.schema.v1.RemediationAction;

/** A ledger in memory for unit tests: same chaining as the Kafka one, audit kept as a list. */
public final class InMemoryLedger implements Ledger {

    final Map<String, RemediationAction> latest = new ConcurrentHashMap<>();
    final List<RemediationAction> audit = new ArrayList<>();

    @Override
    public Optional<RemediationAction> get(String actionId) {
        return Optional.ofNullable(latest.get(actionId));
    }

    @Override
    public Collection<RemediationAction> all() {
        return List.copyOf(latest.values());
    }

    @Override
    public synchronized RemediationAction record(RemediationAction next) {
        RemediationAction linked = AuditChain.link(next, audit.size() + 1,
                audit.isEmpty() ? AuditChain.GENESIS : audit.get(audit.size() - 1).getHash());
        audit.add(linked);
        latest.put(linked.getActionId(), linked);
        return linked;
    }
}
