package io.tripline.enrich.incident;

import java.time.Duration;
import java.util.List;

import io.tripline.enrich.scoring.ScoringModel;

/**
 * Correlation and scoring settings of the incident stage; all durations are event time.
 *
 * @param cloudTrailGrace      how late a CloudTrail event or detection may arrive and still correlate as if in order
 * @param findingGrace         the same for finding versions (GuardDuty updates arrive up to 6 h later)
 * @param openDelay            an incident opens this long (stream time) after its first opening signal, so signals
 *                             arriving out of order within it give the same incident, id included
 * @param window               how far apart (event time) signals of one entity may be and still join
 * @param quietPeriod          an open incident with no new signal for this long closes
 * @param loginFailures        console login failures that, followed by a success without MFA, form a chain
 * @param maxSignals           signals kept per entity; weak ones beyond are counted, not stored
 * @param maxPerFact           weak CloudTrail signals kept per fact (same call, caller and address); repeats are counted
 * @param internalCidrs        source networks that are not "outside" for instance credentials (NAT, VPC)
 * @param scoring              the risk model
 * @param publishInterval      zero: every visible change of an open incident is published at once; else updates are
 *                             coalesced, at most one UPDATED version per incident per interval of stream time
 *                             (docs/scoring.md, "Throughput")
 */
public record IncidentSettings(Duration cloudTrailGrace, Duration findingGrace, Duration openDelay, Duration window,
                               Duration quietPeriod, int loginFailures, int maxSignals, int maxPerFact, List<String> internalCidrs,
                               ScoringModel scoring, Duration publishInterval) {

    public IncidentSettings {
        internalCidrs = List.copyOf(internalCidrs);
        if (publishInterval.isNegative()) {
            throw new IllegalArgumentException("publishInterval must not be negative");
        }
        if (maxPerFact < loginFailures) {
            throw new IllegalArgumentException("maxPerFact must hold at least loginFailures failed logins");
        }
        if (quietPeriod.compareTo(window) > 0) {
            throw new IllegalArgumentException("quietPeriod must not exceed window");
        }
    }

    /** Settings that publish every change at once. */
    public IncidentSettings(Duration cloudTrailGrace, Duration findingGrace, Duration openDelay, Duration window,
                            Duration quietPeriod, int loginFailures, int maxSignals, int maxPerFact, List<String> internalCidrs,
                            ScoringModel scoring) {
        this(cloudTrailGrace, findingGrace, openDelay, window, quietPeriod, loginFailures, maxSignals, maxPerFact, internalCidrs,
                scoring, Duration.ZERO);
    }

    /** CloudTrail 15 min grace, GuardDuty 6 h, open after 15 min, 24 h window and quiet period, 200 signals per entity, 5 per repeated fact. */
    public static IncidentSettings defaults() {
        return new IncidentSettings(Duration.ofMinutes(15), Duration.ofHours(6), Duration.ofMinutes(15),
                Duration.ofHours(24), Duration.ofHours(24), 3, 200, 5, List.of(), ScoringModel.defaults());
    }

    /**
     * Settings for {@code tripline replay}: replay feeds records in event-time order, so nothing arrives out
     * of order and an open delay would only hold back the incidents of the input's last minutes (stream
     * time never passes them). Everything else is as in {@link #defaults()}.
     */
    public static IncidentSettings forReplay() {
        return defaults().withOpenDelay(Duration.ZERO);
    }

    public IncidentSettings withOpenDelay(Duration delay) {
        return new IncidentSettings(cloudTrailGrace, findingGrace, delay, window, quietPeriod, loginFailures, maxSignals,
                maxPerFact, internalCidrs, scoring, publishInterval);
    }

    public IncidentSettings withQuietPeriod(Duration quiet) {
        return new IncidentSettings(cloudTrailGrace, findingGrace, openDelay, window, quiet, loginFailures, maxSignals,
                maxPerFact, internalCidrs, scoring, publishInterval);
    }

    public IncidentSettings withPublishInterval(Duration interval) {
        return new IncidentSettings(cloudTrailGrace, findingGrace, openDelay, window, quietPeriod, loginFailures, maxSignals,
                maxPerFact, internalCidrs, scoring, interval);
    }

    /** Grace of a signal's source. */
    public long graceMillis(Signal signal) {
        return Signal.FINDING.equals(signal.kind()) ? findingGrace.toMillis() : cloudTrailGrace.toMillis();
    }
}
