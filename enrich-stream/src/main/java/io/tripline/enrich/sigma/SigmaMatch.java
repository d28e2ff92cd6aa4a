package io.tripline.enrich.sigma;

import java.util.List;

/**
 * One rule that matched one event.
 *
 * @param rule         the detection rule
 * @param emitDetection whether this match should be published as a detection on its own: false
 *                     when the rule is only referenced by correlation rules with
 *                     {@code generate: false} (the Sigma default), so base rules of a burst
 *                     correlation do not alert on every single event
 * @param correlations the correlation rules that aggregate this rule, sorted by id; feed each to
 *                     {@link CorrelationEvaluator}
 */
public record SigmaMatch(SigmaRule rule, boolean emitDetection, List<CorrelationRule> correlations) {

    public SigmaMatch {
        correlations = List.copyOf(correlations);
    }

    /** Shortcut for {@code rule().id()}. */
    public String ruleId() {
        return rule.id();
    }
}
