package io.tripline.enrich.scoring;

import static io.tripline.enrich.scoring.ScoringFactorsTest.guardDuty;
import static io.tripline.enrich.scoring.ScoringFactorsTest.labelled;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.tripline.enrich.attack.Tactic;
import io.tripline.schema.v1.RiskLevel;
import io.tripline.schema.v1.SeverityLabel;

/** {@link RiskScorer}: the factors added up: the total, the clamp, resolved and sample members, and the level bands. */
class ScoringTotalsTest {

    private final RiskScorer scorer = new RiskScorer(ScoringModel.defaults());

    @Test
    void shouldScoreALoneHighFindingAtItsBasePoints() {
        RiskAssessment risk = scorer.score(List.of(guardDuty("g", 8.0, 0)), Map.of());
        assertThat(risk.score()).isEqualTo(50);
        assertThat(risk.level()).isEqualTo(RiskLevel.MEDIUM);
        assertThat(risk.factors()).extracting(RiskFactor::name).containsExactly("base-severity:high");
    }

    @Test
    void shouldAddTheFactorsInADocumentedOrderAndClampAtOneHundred() {
        RiskSignal finding = new RiskSignal("g", "GUARDDUTY", null, 9.5, 0, 64, false, false, List.of(Tactic.INITIAL_ACCESS),
                Map.of("Environment", "production"));
        RiskAssessment risk = scorer.score(List.of(finding,
                labelled("c", "CLOUDTRAIL", SeverityLabel.MEDIUM, 0, Tactic.PERSISTENCE, Tactic.PRIVILEGE_ESCALATION)),
                Map.of("some-chain", List.of("c", "g")));
        assertThat(risk.factors()).extracting(RiskFactor::name).containsExactly("base-severity:critical",
                "asset-criticality:Environment=production", "corroboration:CLOUDTRAIL+GUARDDUTY", "kill-chain",
                "recurrence:count=64", "chain:some-chain");
        assertThat(risk.factors().stream().mapToInt(RiskFactor::points).sum()).isEqualTo(127);
        assertThat(risk.score()).isEqualTo(100);
        assertThat(risk.level()).isEqualTo(RiskLevel.CRITICAL);
    }

    @Test
    void shouldIgnoreResolvedMembersWhileOthersAreActive() {
        RiskSignal resolved = new RiskSignal("r", "GUARDDUTY", null, 9.0, 0, 1, false, true, List.of(), Map.of());
        RiskAssessment risk = scorer.score(List.of(resolved, guardDuty("g", 2.0, 0)), Map.of());
        assertThat(risk.score()).isEqualTo(12);
    }

    @Test
    void shouldScoreSampleFindingsDownToAQuarter() {
        RiskSignal sample = new RiskSignal("s", "GUARDDUTY", null, 8.0, 0, 1, true, false, List.of(), Map.of());
        RiskAssessment risk = scorer.score(List.of(sample), Map.of());
        assertThat(risk.score()).isEqualTo(12);
        assertThat(risk.level()).isEqualTo(RiskLevel.INFO);
    }

    @Test
    void shouldLeaveSampleFindingsOutWhenRealSignalsArePresent() {
        RiskSignal sample = new RiskSignal("s", "GUARDDUTY", null, 9.0, 0, 1, true, false, List.of(), Map.of());
        RiskAssessment risk = scorer.score(List.of(sample, labelled("c", "CLOUDTRAIL", SeverityLabel.MEDIUM, 0)), Map.of());
        assertThat(risk.score()).isEqualTo(30);
        assertThat(risk.factors()).extracting(RiskFactor::name).doesNotContain("sample-findings");
    }

    @Test
    void shouldGiveTheSameAssessmentWhateverTheMemberOrder() {
        List<RiskSignal> members = List.of(guardDuty("a", 8.0, 0), labelled("b", "CLOUDTRAIL", SeverityLabel.HIGH, 0, Tactic.IMPACT),
                labelled("c", "SIGMA", SeverityLabel.HIGH, 0, Tactic.EXECUTION));
        List<RiskSignal> reversed = new java.util.ArrayList<>(members);
        java.util.Collections.reverse(reversed);
        assertThat(scorer.score(reversed, Map.of())).isEqualTo(scorer.score(members, Map.of()));
    }

    @Test
    void shouldMapScoresToLevelBandsAndOcsfRiskLevelIds() {
        assertThat(List.of(0, 19, 20, 39, 40, 69, 70, 89, 90, 100)).extracting(RiskLevels::of).containsExactly(
                RiskLevel.INFO, RiskLevel.INFO, RiskLevel.LOW, RiskLevel.LOW, RiskLevel.MEDIUM, RiskLevel.MEDIUM,
                RiskLevel.HIGH, RiskLevel.HIGH, RiskLevel.CRITICAL, RiskLevel.CRITICAL);
        assertThat(List.of(RiskLevel.INFO, RiskLevel.LOW, RiskLevel.MEDIUM, RiskLevel.HIGH, RiskLevel.CRITICAL))
                .extracting(RiskLevels::ocsfId).containsExactly(0, 1, 2, 3, 4);
    }
}
