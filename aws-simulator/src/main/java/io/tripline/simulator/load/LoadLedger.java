package io.tripline.simulator.load;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The generator's own record of what it emitted, by the key each raw topic uses: GuardDuty finding ids,
 * Security Hub finding ids (native findings only; GuardDuty copies are the hub's doing), CloudTrail
 * eventIDs and log-file keys, with the newest event time per source. A test counts topics against it.
 * Thread-safe; the getters return copies.
 */
public final class LoadLedger {

    private final Set<String> guardDuty = new LinkedHashSet<>();
    private final Set<String> securityHub = new LinkedHashSet<>();
    private final List<String> cloudTrail = new ArrayList<>();
    private final List<String> trailFiles = new ArrayList<>();
    private Instant newestGuardDuty = Instant.EPOCH;
    private Instant newestSecurityHub = Instant.EPOCH;
    private Instant newestCloudTrail = Instant.EPOCH;

    synchronized void guardDuty(String id, Instant at) {
        guardDuty.add(id);
        newestGuardDuty = max(newestGuardDuty, at);
    }

    synchronized void securityHub(String id, Instant at) {
        securityHub.add(id);
        newestSecurityHub = max(newestSecurityHub, at);
    }

    synchronized void cloudTrail(List<String> eventIds, String fileKey, Instant newest) {
        cloudTrail.addAll(eventIds);
        trailFiles.add(fileKey);
        newestCloudTrail = max(newestCloudTrail, newest);
    }

    public synchronized Set<String> guardDutyIds() {
        return new LinkedHashSet<>(guardDuty);
    }

    public synchronized Set<String> securityHubIds() {
        return new LinkedHashSet<>(securityHub);
    }

    public synchronized List<String> cloudTrailEventIds() {
        return new ArrayList<>(cloudTrail);
    }

    public synchronized List<String> trailFiles() {
        return new ArrayList<>(trailFiles);
    }

    public synchronized Instant newestGuardDuty() {
        return newestGuardDuty;
    }

    public synchronized Instant newestSecurityHub() {
        return newestSecurityHub;
    }

    public synchronized Instant newestCloudTrail() {
        return newestCloudTrail;
    }

    /** Signals emitted across sources. */
    public synchronized long total() {
        return guardDuty.size() + securityHub.size() + cloudTrail.size();
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
