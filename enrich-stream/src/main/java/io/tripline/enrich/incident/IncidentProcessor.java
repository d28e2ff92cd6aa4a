package io.tripline.enrich.incident;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.tripline.schema.v1.Incident;
import io.tripline.schema.v1.IncidentStatus;

/**
 * Correlates the signals of one account (the repartition key) per entity, in event time:
 * <ul>
 * <li>signals wait as <em>pending</em> until something may open an incident (a finding, a detection, a
 * catalogue event that opens alone, or a recognised chain); the incident opens {@code openDelay} of
 * stream time after the earliest such signal, so anything arriving out of order within that delay gives
 * the same incident, id included; pending signals that never open expire after the window;</li>
 * <li>an open incident takes every new signal of its entity (UPDATED when the content changes), closes
 * when all its findings are resolved, or after {@code quietPeriod} without signals (stream-time
 * punctuation driven by a due-time index, so replays close at the same point);</li>
 * <li>findings teach aliases (security groups and access keys belong to an instance or principal); pending
 * signals filed under an alias move to the entity when it is learnt;</li>
 * <li>a detection goes where the CloudTrail event it cites was filed (its target rather than its caller),
 * waiting for that event when it comes first.</li>
 * </ul>
 * Signals older than stream time minus their source's grace are <em>late</em>: they still update an open
 * incident, open one at once if they may open one, and are otherwise dropped (docs/scoring.md, "Late data").
 */
final class IncidentProcessor implements Processor<String, Signal, String, IncidentChange> {

    /** Link-store key prefixes: where an event was filed, and a detection waiting for its event. */
    private static final String EVIDENCE = "EVIDENCE:";
    private static final String PARKED = "PARKED:";
    private static final Logger LOG = LoggerFactory.getLogger(IncidentProcessor.class);

    private final IncidentSettings settings;
    private final IncidentAssembler assembler;
    private final IncidentOcsf ocsf;
    private ProcessorContext<String, IncidentChange> context;
    private IncidentStores stores;
    private final int cacheEntries;
    /**
     * Entities whose opening a detection postponed until the CloudTrail event it cites (which comes with the
     * same raw record, right behind it) has been filed: entity key to that event's id.
     */
    private final Map<String, String> deferred = new TreeMap<>();

    IncidentProcessor(IncidentSettings settings, String productVersion, int cacheEntries) {
        this.settings = settings;
        this.cacheEntries = cacheEntries;
        this.assembler = new IncidentAssembler(settings);
        this.ocsf = new IncidentOcsf(productVersion);
    }

    @Override
    public void init(ProcessorContext<String, IncidentChange> context) {
        this.context = context;
        this.stores = new IncidentStores(context, cacheEntries); // a re-initialised task starts with an empty cache
        context.schedule(Duration.ofMinutes(1), PunctuationType.STREAM_TIME, this::punctuate);
    }

    @Override
    public void process(Record<String, Signal> record) {
        Signal signal = record.value();
        String account = signal.accountId();
        long streamTime = context.currentStreamTimeMs();
        openDeferred(signal);
        boolean late = signal.time() < streamTime - settings.graceMillis(signal);
        String entity = resolve(account, signal.entity());
        String followed = Signal.DETECTION.equals(signal.kind()) ? evidenceEntity(account, signal) : null;
        if (followed != null) {
            entity = followed;
        }
        for (String alias : signal.aliases()) {
            if (!alias.equals(entity)) {
                link(account, alias, entity, signal.time());
            }
        }
        boolean awaitsEvent = Signal.DETECTION.equals(signal.kind()) && followed == null && !signal.evidence().isEmpty();
        file(account, entity, signal, streamTime, late, awaitsEvent ? signal.evidence().get(0) : null);
        if (Signal.EVENT.equals(signal.kind()) && signal.detail().containsKey("actorEntity")) {
            stores.temporaryLink(account + "|" + EVIDENCE + signal.id(), entity,
                    signal.time() + settings.window().toMillis() + settings.cloudTrailGrace().toMillis());
            followEvent(account, signal.id(), entity, streamTime);
        } else if (awaitsEvent) {
            // Detection and event come from the same CloudTrail record: the event follows within the grace, or never.
            stores.temporaryLink(account + "|" + PARKED + signal.evidence().get(0), entity + "\n" + signal.id(),
                    Math.max(signal.time(), streamTime) + settings.cloudTrailGrace().toMillis());
        }
    }

    /**
     * Files a signal with its entity. {@code deferOpen}: a detection whose event has not been seen yet must
     * not open an incident before that event (from the same CloudTrail record, right behind it) could move it.
     */
    private void file(String account, String entity, Signal signal, long streamTime, boolean late, String awaitedEvent) {
        String key = account + "|" + entity;
        IncidentState state = load(key);
        if (state == null) {
            if (late && !signal.opener()) {
                LOG.debug("late signal {} for {} beyond grace with nothing to join: dropped", signal.id(), key);
                return;
            }
            state = IncidentState.pending(account, entity);
        }
        if (state.open) {
            join(key, state, signal);
        } else {
            state.put(signal, settings.maxSignals(), settings.maxPerFact());
            schedulePending(key, state, streamTime, late && awaitedEvent == null, awaitedEvent);
        }
    }

    /**
     * A detection is evidence about the CloudTrail event it cites: when that event was filed under its
     * target (a security group, an instance, the account) rather than its caller, the detection goes there too.
     */
    private String evidenceEntity(String account, Signal detection) {
        for (String eventId : detection.evidence()) {
            String entity = stores.link(account + "|" + EVIDENCE + eventId);
            if (entity != null) {
                return entity;
            }
        }
        return null;
    }

    /** The event came after a detection citing it: a still pending detection moves to the event's entity. */
    private void followEvent(String account, String eventId, String entity, long streamTime) {
        String parkedKey = account + "|" + PARKED + eventId;
        String parked = stores.link(parkedKey);
        if (parked == null) {
            return;
        }
        stores.unlink(parkedKey);
        String detectionEntity = parked.substring(0, parked.indexOf('\n'));
        String detectionId = parked.substring(parked.indexOf('\n') + 1);
        String key = account + "|" + detectionEntity;
        IncidentState state = load(key);
        if (detectionEntity.equals(entity) || state == null || state.open) {
            return; // already opened where it was filed: it stays (docs/scoring.md)
        }
        Signal detection = state.remove(detectionId);
        if (detection == null) {
            return;
        }
        if (state.signals.isEmpty()) {
            unschedule(state);
            remove(key);
        } else {
            schedulePending(key, state, streamTime, false, null);
        }
        file(account, entity, detection, streamTime, false, null);
    }

    private void join(String key, IncidentState state, Signal signal) {
        if (signal.time() < state.firstSeen() - settings.window().toMillis()) {
            LOG.debug("signal {} predates incident {} by more than the window: not joined", signal.id(), state.incidentId);
            return;
        }
        if (!state.put(signal, settings.maxSignals(), settings.maxPerFact())) {
            save(key, state);
            return;
        }
        state.updatedAt = Math.max(state.updatedAt, signal.time());
        if (state.allFindingsClosed()) {
            close(key, state, true);
            return;
        }
        long interval = settings.publishInterval().toMillis();
        if (interval == 0) {
            publish(state);
        } else if (!state.dirty) {
            // Coalesced: published at the next multiple of the interval in stream time, with whatever joined by then.
            state.dirty = true;
            stores.schedulePublish(key, (context.currentStreamTimeMs() / interval + 1) * interval);
        }
        reschedule(key, state, state.lastSeen() + settings.quietPeriod().toMillis());
        save(key, state);
    }

    /** Publishes an UPDATED version when something an analyst sees changed since the last one. */
    private void publish(IncidentState state) {
        state.dirty = false;
        state.version++;
        Incident candidate = assembler.build(state, IncidentStatus.UPDATED);
        String fingerprint = IncidentAssembler.fingerprint(candidate);
        if (fingerprint.equals(state.fingerprint)) {
            state.version--; // nothing an analyst would see changed: no new version
        } else {
            state.fingerprint = fingerprint;
            emit(candidate, state, false);
        }
    }

    private void schedulePending(String key, IncidentState state, long streamTime, boolean late, String awaitedEvent) {
        Long openAt = openAt(state);
        if (openAt == null) {
            long expiry = state.lastSeen() + settings.window().toMillis() + settings.cloudTrailGrace().toMillis();
            reschedule(key, state, expiry);
            save(key, state);
            return;
        }
        long openDue = openAt + settings.openDelay().toMillis();
        if ((late || openDue <= streamTime) && awaitedEvent == null) {
            open(key, state);
        } else {
            reschedule(key, state, openDue);
            save(key, state);
            if (openDue <= streamTime && awaitedEvent != null) {
                deferred.put(key, awaitedEvent);
            }
        }
    }

    /**
     * Opens what a detection held back, unless {@code next} is the event it waits for or another detection
     * of that event (several rules may hit one record): those are part of the same raw record.
     */
    private void openDeferred(Signal next) {
        if (deferred.isEmpty()) {
            return;
        }
        long streamTime = context.currentStreamTimeMs();
        for (Map.Entry<String, String> entry : List.copyOf(deferred.entrySet())) {
            String awaited = entry.getValue();
            if (awaited.equals(next.id()) || next.evidence().contains(awaited)) {
                continue;
            }
            deferred.remove(entry.getKey());
            IncidentState state = load(entry.getKey());
            if (state != null && !state.open && state.due >= 0 && state.due <= streamTime && openAt(state) != null) {
                unschedule(state);
                open(entry.getKey(), state);
            }
        }
    }

    /** When the pending signals first could open an incident: the earliest opener, or when a chain completed. */
    private Long openAt(IncidentState state) {
        Long earliest = null;
        for (Signal signal : state.all()) {
            if (signal.opener() && !signal.closed()) {
                earliest = earliest == null ? signal.time() : Math.min(earliest, signal.time());
            }
        }
        if (earliest != null) {
            return earliest;
        }
        Map<Chains.Chain, List<String>> chains = Chains.recognise(state.all(), settings.loginFailures());
        return chains.values().stream().flatMap(List::stream).map(id -> state.signals.get(id).time())
                .max(Long::compare).orElse(null);
    }

    private void open(String key, IncidentState state) {
        long horizon = state.lastSeen() - settings.window().toMillis();
        state.prune(horizon);
        state.open = true;
        state.version = 1;
        state.incidentId = IncidentAssembler.incidentId(state);
        state.updatedAt = state.lastSeen();
        Incident incident = assembler.build(state, IncidentStatus.OPEN);
        state.fingerprint = IncidentAssembler.fingerprint(incident);
        emit(incident, state, false);
        if (state.allFindingsClosed()) {
            close(key, state, true);
            return;
        }
        reschedule(key, state, state.lastSeen() + settings.quietPeriod().toMillis());
        save(key, state);
    }

    private void close(String key, IncidentState state, boolean resolved) {
        state.version++;
        emit(assembler.build(state, IncidentStatus.CLOSED), state, resolved);
        unschedule(state);
        remove(key);
    }

    private void punctuate(long streamTime) {
        // Opening an incident schedules its quiet-period close, which may already be due: repeat until nothing is.
        List<KeyValue<Long, String>> dueNow = stores.takeDue(streamTime);
        while (!dueNow.isEmpty()) {
            dueNow.forEach(entry -> fire(entry.key, entry.value));
            dueNow = stores.takeDue(streamTime);
        }
    }

    private void fire(long at, String key) {
        String published = IncidentStores.publishing(key);
        if (published != null) {
            IncidentState state = load(published);
            if (state != null && state.open && state.dirty) { // else closed (with its changes) or opened anew since
                publish(state);
                save(published, state);
            }
            return;
        }
        IncidentState state = load(key);
        if (state == null || state.due != at) {
            return; // superseded by a later reschedule
        }
        state.due = -1;
        if (state.open) {
            state.updatedAt = Math.max(state.updatedAt, at);
            close(key, state, false);
        } else if (openAt(state) != null) {
            open(key, state);
        } else {
            remove(key);
        }
    }

    /**
     * Links an alias (a security group, an access key) to its entity until window + CloudTrail grace after the
     * latest signal that taught it, rounded up to a quarter of the window: most signals repeat a link already
     * known, and writing it again for each would only grow the changelog, so it is extended at most once per
     * quarter window of event time. The expiry is the latest of all such signals' whatever their order, so links
     * end at the same point in any order.
     */
    private void link(String account, String alias, String entity, long time) {
        String aliasKey = account + "|" + alias;
        long step = Math.max(1, settings.window().toMillis() / 4);
        long until = Math.floorDiv(time, step) * step + step + settings.window().toMillis() + settings.cloudTrailGrace().toMillis();
        long known = stores.linkedUntil(aliasKey, entity);
        if (known < 0) {
            stores.entityLink(aliasKey, entity, until);
            adopt(account, alias, entity);
        } else if (known < until) { // also gives a link written before links expired its expiry
            stores.entityLink(aliasKey, entity, until);
        }
    }

    /** Pending signals filed under an alias (say a security group) move to the entity it belongs to. */
    private void adopt(String account, String alias, String entity) {
        String aliasKey = account + "|" + alias;
        IncidentState orphan = load(aliasKey);
        if (orphan == null || orphan.open) {
            return;
        }
        String key = account + "|" + entity;
        IncidentState target = load(key);
        if (target == null) {
            target = IncidentState.pending(account, entity);
        }
        for (Signal signal : orphan.all()) {
            target.put(signal, settings.maxSignals(), settings.maxPerFact());
        }
        unschedule(orphan);
        remove(aliasKey);
        save(key, target);
    }

    private IncidentState load(String key) {
        return stores.load(key);
    }

    private void save(String key, IncidentState state) {
        stores.save(key, state);
    }

    private void remove(String key) {
        stores.remove(key);
    }

    private void reschedule(String key, IncidentState state, long at) {
        stores.reschedule(key, state, at);
    }

    private void unschedule(IncidentState state) {
        stores.unschedule(state);
    }

    @Override
    public void close() {
        if (stores != null) {
            stores.clearCache();
        }
    }

    private String resolve(String account, String entity) {
        String linked = stores.link(account + "|" + entity);
        return linked == null ? entity : linked;
    }

    private void emit(Incident incident, IncidentState state, boolean resolved) {
        String json = ocsf.map(incident, state.all(), resolved);
        context.forward(new Record<>(incident.getIncidentId(), new IncidentChange(incident, json),
                incident.getUpdatedAt().toEpochMilli()));
    }
}
