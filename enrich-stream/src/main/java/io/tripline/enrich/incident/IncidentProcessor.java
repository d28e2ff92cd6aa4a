package io.tripline.enrich.incident;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
 * <li>a detection goes where the CloudTrail event it cites was filed (its target rather than its caller):
 * the topology delivers an event's signal before any detection citing it (EnrichTopology), so where a
 * detection lands never depends on what else is open or due when it arrives.</li>
 * </ul>
 * Signals older than the newest event time the task has seen from their own source (findings; CloudTrail
 * events and detections) through the same upstream partition, minus that source's grace, are <em>late</em>: they
 * still update an open incident, open one at once if they may open one, and are otherwise dropped
 * (docs/scoring.md, "Late data"). Measured per source and partition rather than against stream time, because
 * the inputs reach the stage at different paces: while enrich catches up on a backlog, findings run ahead of the
 * CloudTrail records of the same hour, and one CloudTrail partition ahead of another, and stream time with them.
 */
final class IncidentProcessor implements Processor<String, Signal, String, IncidentChange> {

    /** Link-store key prefix: where an event filed under its target rather than its caller was filed. */
    private static final String EVIDENCE = "EVIDENCE:";
    private static final Logger LOG = LoggerFactory.getLogger(IncidentProcessor.class);
    private static final String FINDING_MARK = "newest-finding";
    private static final String CLOUDTRAIL_MARK = "newest-cloudtrail";
    private static final long MINUTE = 60_000;

    private final IncidentSettings settings;
    private final IncidentAssembler assembler;
    /** Renders each version as OCSF; null when the topology publishes no OCSF. */
    private final IncidentOcsf ocsf;
    private ProcessorContext<String, IncidentChange> context;
    private IncidentStores stores;
    private final int cacheEntries;
    private LateSignalMetrics metrics;
    /**
     * Per source (findings, CloudTrail) and upstream partition ({@link SignalOrigin}): the newest event time seen
     * and the minute of it last stored, read from the stores when first needed.
     */
    private final Map<String, long[]> newest = new HashMap<>();

    IncidentProcessor(IncidentSettings settings, String productVersion, int cacheEntries, boolean publishOcsf) {
        this.settings = settings;
        this.cacheEntries = cacheEntries;
        this.assembler = new IncidentAssembler(settings);
        this.ocsf = publishOcsf ? new IncidentOcsf(productVersion) : null;
    }

    @Override
    public void init(ProcessorContext<String, IncidentChange> context) {
        this.context = context;
        this.stores = new IncidentStores(context, cacheEntries); // a re-initialised task starts with an empty cache
        this.metrics = new LateSignalMetrics(context);
        newest.clear(); // read again from the stores, which a re-initialised task may have restored
        context.schedule(Duration.ofMinutes(1), PunctuationType.STREAM_TIME, this::punctuate);
    }

    @Override
    public void process(Record<String, Signal> record) {
        Signal signal = record.value();
        String account = signal.accountId();
        long streamTime = context.currentStreamTimeMs();
        boolean late = late(signal, SignalOrigin.of(record.headers()));
        metrics.signal(late);
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
        file(account, entity, signal, streamTime, late);
        if (Signal.EVENT.equals(signal.kind()) && signal.detail().containsKey("actorEntity")) {
            // Its detections come right behind it (same raw record), or later for a correlation rule: the link
            // outlives both the window and the grace of the event, whatever stream time is now.
            stores.temporaryLink(account + "|" + EVIDENCE + signal.id(), entity,
                    Math.max(signal.time(), streamTime) + settings.window().toMillis() + settings.cloudTrailGrace().toMillis());
        }
    }

    /**
     * Whether the signal is older than the newest event time seen from its source through the same upstream
     * partition, minus the source's grace; moves that newest time on, storing it a minute at a time (a store write
     * per minute of event time, not per signal). Within one partition records keep the order they arrived in, so
     * only a record that arrived late is judged late there; across partitions, which Kafka Streams works through at
     * different paces while it catches up, a partition running ahead says nothing about the others.
     */
    private boolean late(Signal signal, String origin) {
        String mark = (Signal.FINDING.equals(signal.kind()) ? FINDING_MARK : CLOUDTRAIL_MARK)
                + (origin.isEmpty() ? "" : "@" + origin);
        long[] seen = newest.computeIfAbsent(mark, name -> {
            // Restored to the minute: after a restart a signal may be judged up to a minute less late.
            long stored = stores.mark(name);
            return new long[] {stored, stored == Long.MIN_VALUE ? Long.MIN_VALUE : stored / MINUTE};
        });
        long time = signal.time();
        boolean late = seen[0] != Long.MIN_VALUE && time < seen[0] - settings.graceMillis(signal);
        if (time > seen[0]) {
            seen[0] = time;
            if (time / MINUTE > seen[1]) {
                seen[1] = time / MINUTE;
                stores.mark(mark, seen[1] * MINUTE);
            }
        }
        return late;
    }

    private void file(String account, String entity, Signal signal, long streamTime, boolean late) {
        String key = account + "|" + entity;
        IncidentState state = load(key);
        if (state == null) {
            if (late && !signal.opener()) {
                LOG.debug("late signal {} for {} beyond grace with nothing to join: dropped", signal.id(), key);
                metrics.dropped();
                return;
            }
            state = IncidentState.pending(account, entity);
        }
        if (state.open) {
            join(key, state, signal);
        } else {
            state.put(signal, settings.maxSignals(), settings.maxPerFact());
            schedulePending(key, state, streamTime, late);
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

    private void schedulePending(String key, IncidentState state, long streamTime, boolean late) {
        Long openAt = openAt(state);
        if (openAt == null) {
            long expiry = state.lastSeen() + settings.window().toMillis() + settings.cloudTrailGrace().toMillis();
            reschedule(key, state, expiry);
            save(key, state);
            return;
        }
        long openDue = openAt + settings.openDelay().toMillis();
        if (late || openDue <= streamTime) {
            open(key, state);
        } else {
            reschedule(key, state, openDue);
            save(key, state);
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
        if (state == null || state.scheduledAt() != at) {
            return; // superseded by an earlier reschedule
        }
        if (state.due > at) {
            // moved later since the entry was written: the punctuation picks it up again when it is due
            stores.rearm(key, state);
            save(key, state);
            return;
        }
        state.due = -1;
        state.scheduled = -1;
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
        if (metrics != null) {
            metrics.close();
        }
    }

    private String resolve(String account, String entity) {
        String linked = stores.link(account + "|" + entity);
        return linked == null ? entity : linked;
    }

    private void emit(Incident incident, IncidentState state, boolean resolved) {
        String json = null;
        if (ocsf != null) {
            List<Signal> members = state.ordered(); // the incident's members, in its order
            List<RelatedEvents> relatedEvents = new ArrayList<>(members.size());
            for (Signal member : members) {
                relatedEvents.add(MemberFacts.of(state, member).relatedEvents(member));
            }
            json = ocsf.map(incident, relatedEvents, resolved);
        }
        context.forward(new Record<>(incident.getIncidentId(), new IncidentChange(incident, json),
                incident.getUpdatedAt().toEpochMilli()));
    }
}
