package io.tripline.enrich.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.tripline.enrich.attack.Tactic;
import io.tripline.schema.v1.SeverityLabel;

/** Each factor of the risk model on its own, with the numbers docs/scoring.md promises. */
class ScoringFactorsTest {

    private static final long HOUR = 3_600_000L;
    private final ScoringModel model = ScoringModel.defaults();

    static RiskSignal guardDuty(String id, double severity, long time) {
        return new RiskSignal(id, "GUARDDUTY", null, severity, time, 1, false, false, List.of(), Map.of());
    }

    static RiskSignal labelled(String id, String source, SeverityLabel label, long time, Tactic... tactics) {
        return new RiskSignal(id, source, label, null, time, 1, false, false, List.of(tactics), Map.of());
    }

    @Test
    void shouldPlaceGuardDutySeverityInHalfOpenBands() {
        assertThat(ScoringFactors.band(guardDuty("a", 3.9, 0))).isEqualTo(SeverityLabel.LOW);
        assertThat(ScoringFactors.band(guardDuty("a", 4.0, 0))).isEqualTo(SeverityLabel.MEDIUM);
        assertThat(ScoringFactors.band(guardDuty("a", 6.9, 0))).isEqualTo(SeverityLabel.MEDIUM);
        assertThat(ScoringFactors.band(guardDuty("a", 7.0, 0))).isEqualTo(SeverityLabel.HIGH);
        assertThat(ScoringFactors.band(guardDuty("a", 8.9, 0))).isEqualTo(SeverityLabel.HIGH);
        assertThat(ScoringFactors.band(guardDuty("a", 9.0, 0))).isEqualTo(SeverityLabel.CRITICAL);
    }

    @Test
    void shouldPreferGuardDutysOwnValueOverTheLabelOfACopy() {
        RiskSignal copy = new RiskSignal("a", "GUARDDUTY", SeverityLabel.MEDIUM, 7.0, 0, 1, false, false, List.of(), Map.of());
        assertThat(ScoringFactors.band(copy)).isEqualTo(SeverityLabel.HIGH);
    }

    @Test
    void shouldTakeBasePointsFromAsffLabelsAndRuleLevels() {
        assertThat(ScoringFactors.basePoints(labelled("a", "SECURITY_HUB", SeverityLabel.CRITICAL, 0), model)).isEqualTo(70);
        assertThat(ScoringFactors.basePoints(labelled("a", "SIGMA", SeverityLabel.HIGH, 0), model)).isEqualTo(50);
        assertThat(ScoringFactors.basePoints(labelled("a", "SIGMA", SeverityLabel.MEDIUM, 0), model)).isEqualTo(30);
        assertThat(ScoringFactors.basePoints(labelled("a", "SIGMA", SeverityLabel.LOW, 0), model)).isEqualTo(12);
        assertThat(ScoringFactors.basePoints(labelled("a", "SIGMA", SeverityLabel.INFORMATIONAL, 0), model)).isEqualTo(3);
    }

    @Test
    void shouldHalveWeightEveryHalfLifeOfAgeRelativeToTheLatestEvent() {
        assertThat(ScoringFactors.decay(0, model)).isEqualTo(1.0);
        assertThat(ScoringFactors.decay(-5, model)).isEqualTo(1.0);
        assertThat(ScoringFactors.decay(24 * HOUR, model)).isEqualTo(0.5);
        assertThat(ScoringFactors.decay(48 * HOUR, model)).isEqualTo(0.25);
    }

    @Test
    void shouldReportBaseSeverityAndItsDecaySeparately() {
        List<RiskFactor> factors = ScoringFactors.base(List.of(guardDuty("old-high", 8.0, 0), guardDuty("new-low", 2.0, 48 * HOUR)),
                48 * HOUR, model);
        assertThat(factors).containsExactly(new RiskFactor("base-severity:high", 50, List.of("old-high")),
                new RiskFactor("age-decay", -37, List.of("old-high")));
    }

    @Test
    void shouldPickTheMemberWithTheHighestDecayedPoints() {
        List<RiskFactor> factors = ScoringFactors.base(List.of(guardDuty("old-high", 8.0, 0), guardDuty("new-medium", 5.0, 96 * HOUR)),
                96 * HOUR, model);
        assertThat(factors).containsExactly(new RiskFactor("base-severity:medium", 30, List.of("new-medium")));
    }

    @Test
    void shouldAddCorroborationPerExtraSourceUpToTheCap() {
        assertThat(ScoringFactors.corroboration(List.of(guardDuty("a", 5, 0), guardDuty("b", 5, 0)), model)).isNull();
        RiskFactor two = ScoringFactors.corroboration(List.of(guardDuty("g", 5, 0),
                labelled("c", "CLOUDTRAIL", SeverityLabel.LOW, 0)), model);
        assertThat(two).isEqualTo(new RiskFactor("corroboration:CLOUDTRAIL+GUARDDUTY", 10, List.of("c", "g")));
        RiskFactor four = ScoringFactors.corroboration(List.of(guardDuty("g", 5, 0), labelled("c", "CLOUDTRAIL", SeverityLabel.LOW, 0),
                labelled("s", "SIGMA", SeverityLabel.LOW, 0), labelled("h", "SECURITY_HUB", SeverityLabel.LOW, 0)), model);
        assertThat(four.points()).isEqualTo(20);
    }

    @Test
    void shouldAddKillChainPointsPerExtraTacticUpToTheCap() {
        assertThat(ScoringFactors.killChain(List.of(labelled("a", "SIGMA", SeverityLabel.LOW, 0, Tactic.PERSISTENCE)), model)).isNull();
        RiskFactor three = ScoringFactors.killChain(List.of(labelled("a", "SIGMA", SeverityLabel.LOW, 0, Tactic.PERSISTENCE),
                labelled("b", "SIGMA", SeverityLabel.LOW, 0, Tactic.INITIAL_ACCESS, Tactic.EXFILTRATION)), model);
        assertThat(three).isEqualTo(new RiskFactor("kill-chain", 12, List.of("TA0001", "TA0003", "TA0010")));
        RiskFactor many = ScoringFactors.killChain(List.of(labelled("a", "SIGMA", SeverityLabel.LOW, 0, Tactic.values())), model);
        assertThat(many.points()).isEqualTo(24);
    }

    @Test
    void shouldAddAssetCriticalityFromTagsCaseInsensitivelyUpToTheCap() {
        RiskSignal prod = new RiskSignal("p", "GUARDDUTY", null, 5.0, 0, 1, false, false, List.of(),
                Map.of("environment", "Production", "DataClassification", "PII"));
        List<RiskFactor> factors = ScoringFactors.criticality(List.of(prod), model);
        assertThat(factors).containsExactly(new RiskFactor("asset-criticality:Environment=production", 10, List.of("p")),
                new RiskFactor("asset-criticality:DataClassification=pii", 5, List.of("p")));
        RiskSignal dev = new RiskSignal("d", "GUARDDUTY", null, 5.0, 0, 1, false, false, List.of(), Map.of("Environment", "dev"));
        assertThat(ScoringFactors.criticality(List.of(dev), model)).isEmpty();
    }

    @Test
    void shouldAddRecurrencePerDoublingOfGuardDutysCountUpToTheCap() {
        assertThat(ScoringFactors.recurrence(List.of(counted(1)), model)).isNull();
        assertThat(ScoringFactors.recurrence(List.of(counted(2)), model).points()).isEqualTo(2);
        assertThat(ScoringFactors.recurrence(List.of(counted(12)), model).points()).isEqualTo(6);
        assertThat(ScoringFactors.recurrence(List.of(counted(40)), model).points()).isEqualTo(10);
        assertThat(ScoringFactors.recurrence(List.of(counted(100_000)), model).points()).isEqualTo(10);
    }

    @Test
    void shouldAddFixedPointsPerRecognisedChainInNameOrder() {
        List<RiskFactor> factors = ScoringFactors.chains(Map.of("b-chain", List.of("x"), "a-chain", List.of("y")), model);
        assertThat(factors).extracting(RiskFactor::name).containsExactly("chain:a-chain", "chain:b-chain");
        assertThat(factors).extracting(RiskFactor::points).containsOnly(15);
    }

    @Test
    void shouldLeaveAQuarterOfTheSubtotalForSampleFindings() {
        assertThat(ScoringFactors.sample(60, List.of(guardDuty("s", 8, 0)), model))
                .isEqualTo(new RiskFactor("sample-findings", -45, List.of("s")));
        assertThat(ScoringFactors.sample(0, List.of(guardDuty("s", 8, 0)), model)).isNull();
    }

    private static RiskSignal counted(long count) {
        return new RiskSignal("c", "GUARDDUTY", null, 5.0, 0, count, false, false, List.of(), Map.of());
    }
}
