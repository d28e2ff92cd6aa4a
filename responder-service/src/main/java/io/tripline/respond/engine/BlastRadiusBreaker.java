package io.tripline.respond.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.tripline.respond.action.ActionHandler;
import io.tripline.respond.aws.AccountClients;
import io.tripline.respond.config.BreakerConfig;
import io.tripline.respond.ledger.Ledger;
import io.tripline.respond.playbook.ActionTypes;
import io.tripline.schema.v1.RemediationAction;
import jakarta.inject.Singleton;

/**
 * The blast-radius breaker: counts, from the ledger, the actions executed in the last hour per account
 * and region (notifications do not count) and the distinct instances of a tag-defined fleet touched;
 * an action that would go beyond either cap is held for a person to approve. Counting from the ledger
 * means the caps survive restarts.
 */
@Singleton
public class BlastRadiusBreaker {

    public static final String EXECUTED_AT = "executed-at";
    public static final String FLEET = "fleet";
    private static final Duration WINDOW = Duration.ofHours(1);

    private final BreakerConfig config;
    private final Ledger ledger;
    private final Clock clock;

    public BlastRadiusBreaker(BreakerConfig config, Ledger ledger, Clock clock) {
        this.config = config;
        this.ledger = ledger;
        this.clock = clock;
    }

    /**
     * Why {@code action} must be held, or empty if it may run. Records its fleet into {@code details}
     * so later checks count it.
     */
    public Optional<String> check(RemediationAction action, ActionHandler handler, AccountClients aws,
                                  Map<String, String> details) {
        if (ActionTypes.NOTIFY.equals(action.getActionType())) {
            return Optional.empty();
        }
        Instant since = clock.instant().minus(WINDOW);
        long executed = ledger.all().stream().filter(a -> recent(a, since))
                .filter(a -> Objects.equals(a.getAccountId(), action.getAccountId()) && Objects.equals(a.getRegion(), action.getRegion()))
                .count();
        if (executed + 1 > config.getMaxPerHour()) {
            return Optional.of("blast-radius breaker: " + executed + " actions executed in " + action.getAccountId() + "/"
                    + action.getRegion() + " in the last hour (cap " + config.getMaxPerHour() + ")");
        }
        String fleetTag = config.getFleetTag();
        if (fleetTag != null && !fleetTag.isBlank() && aws != null) {
            String value = handler.targetTags(aws, action.getTarget()).get(fleetTag);
            if (value != null) {
                int size = handler.fleetSize(aws, fleetTag, value);
                if (size > 0) {
                    String fleet = fleetTag + "=" + value;
                    details.put(FLEET, fleet);
                    long touched = ledger.all().stream().filter(a -> recent(a, since))
                            .filter(a -> fleet.equals(a.getDetails().get(FLEET)))
                            .filter(a -> !a.getTarget().equals(action.getTarget()))
                            .map(RemediationAction::getTarget).distinct().count();
                    long cap = (long) Math.floor(size * config.getFleetMaxPercent() / 100.0);
                    if (touched + 1 > cap) {
                        return Optional.of("blast-radius breaker: " + (touched + 1) + " of " + size + " instances of fleet "
                                + fleet + " would be touched within an hour (cap " + config.getFleetMaxPercent() + " % = " + cap + ")");
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static boolean recent(RemediationAction a, Instant since) {
        String at = a.getDetails().get(EXECUTED_AT);
        return at != null && !ActionTypes.NOTIFY.equals(a.getActionType()) && Instant.parse(at).isAfter(since);
    }
}
