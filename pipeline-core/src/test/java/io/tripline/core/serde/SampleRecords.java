package io.tripline.core.serde;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

import org.apache.avro.specific.SpecificRecord;

import io.tripline.core.normalize.NormalizationException;
import io.tripline.core.normalize.Normalizers;
import io.tripline.core.normalize.SourceItem;
import io.tripline.core.normalize.SourceShapes;
import io.tripline.core.testing.Corpus;
import io.tripline.schema.v1.ActionMode;
import io.tripline.schema.v1.ActionState;
import io.tripline.schema.v1.Detection;
import io.tripline.schema.v1.Entity;
import io.tripline.schema.v1.EntityType;
import io.tripline.schema.v1.Incident;
import io.tripline.schema.v1.IncidentEntity;
import io.tripline.schema.v1.IncidentStatus;
import io.tripline.schema.v1.RemediationAction;
import io.tripline.schema.v1.RiskFactor;
import io.tripline.schema.v1.RiskLevel;
import io.tripline.schema.v1.RuleLevel;

/**
 * Records shaped like the ones Tripline produces (ids, ARNs, event-time Instants, Incidents with many members),
 * deterministic per index, and the records the normalizers make of the sample corpus.
 */
final class SampleRecords {

    static final Instant AT = Instant.parse("2026-11-01T10:00:00.123Z");

    private SampleRecords() {
    }

    static Detection detection(int index) {
        return Detection.newBuilder()
                .setDetectionId(String.format("det-%08x", index))
                .setRuleId("aws_console_login_without_mfa")
                .setRuleTitle("Console login without MFA \u2014 \uD834\uDD1E")
                .setLevel(RuleLevel.values()[index % RuleLevel.values().length])
                .setTags(List.of("attack.t1078", "attack.initial_access"))
                .setEntity(Entity.newBuilder().setType(EntityType.PRINCIPAL).setId(principal(index)).build())
                .setAccountId("111122223333")
                .setRegion(index % 3 == 0 ? null : "eu-west-1")
                .setEventTime(AT.plusMillis(index))
                .setFirstEventTime(index % 2 == 0 ? null : AT.minusSeconds(3600))
                .setEvidence(eventIds(index, 1 + index % 4))
                .setCorrelation(index % 5 == 0 ? "event_count" : null)
                .build();
    }

    static Incident incident(int index, int members) {
        List<String> ids = eventIds(index, members);
        return Incident.newBuilder()
                .setIncidentId(String.format("inc-%08x", index))
                .setVersion(1 + index % 9)
                .setTitle("Credential misuse by " + principal(index))
                .setEntity(IncidentEntity.newBuilder().setType("PRINCIPAL").setId(principal(index)).build())
                .setAccountId("111122223333")
                .setRegion("eu-west-1")
                .setFirstSeen(AT.minusSeconds(7200))
                .setLastSeen(AT.plusMillis(index))
                .setMembers(ids)
                .setEventMembers(ids.subList(0, members / 2))
                .setTactics(List.of("initial-access", "persistence", "defense-evasion"))
                .setRiskScore(40 + index % 60)
                .setRiskLevel(RiskLevel.HIGH)
                .setFactors(List.of(
                        RiskFactor.newBuilder().setName("critical finding").setPoints(40).setEvidence(ids.subList(0, 1)).build(),
                        RiskFactor.newBuilder().setName("kill chain").setPoints(20).setEvidence(ids.subList(1, Math.min(4, members))).build()))
                .setPlaybooks(List.of("disable-access-key"))
                .setStatus(IncidentStatus.UPDATED)
                .setUpdatedAt(AT.plusMillis(index))
                .build();
    }

    static RemediationAction action() {
        return RemediationAction.newBuilder()
                .setActionId("a-1")
                .setIncidentId("inc-1")
                .setActionType("quarantine-instance")
                .setTarget("i-0abc")
                .setState(ActionState.PROPOSED)
                .setMode(ActionMode.DRY_RUN)
                .setCreatedAt(AT)
                .setUpdatedAt(AT)
                .build();
    }

    /** Every record the normalizers make of the corpus files of {@code source} (cloudtrail, guardduty, securityhub). */
    static List<SpecificRecord> corpus(String source) {
        Normalizers normalizers = new Normalizers();
        List<SpecificRecord> records = new ArrayList<>();
        for (String file : Corpus.files(source)) {
            for (Corpus.Line line : Corpus.lines(file)) {
                try {
                    for (SourceItem item : SourceShapes.unwrap(line.json())) {
                        records.add(normalizers.normalize(item));
                    }
                } catch (NormalizationException notInADocumentedShape) {
                    // The corpus holds placeholders and partial records on purpose; they have no record to write.
                }
            }
        }
        return records;
    }

    /** {@code size} records made by {@code record} from their index. */
    static List<SpecificRecord> pool(int size, IntFunction<SpecificRecord> record) {
        List<SpecificRecord> pool = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            pool.add(record.apply(i));
        }
        return pool;
    }

    /** The SecurityFindings the normalizers make of the GuardDuty and Security Hub corpus files. */
    static List<SpecificRecord> findings() {
        List<SpecificRecord> findings = new ArrayList<>(corpus("guardduty"));
        findings.addAll(corpus("securityhub"));
        return findings;
    }

    private static String principal(int index) {
        return "arn:aws:iam::111122223333:user/analyst-" + index % 97;
    }

    private static List<String> eventIds(int index, int count) {
        return IntStream.range(0, count).mapToObj(i -> String.format("0f3c6a1e-4d2b-4c77-%04x-%012d", index & 0xffff, i)).toList();
    }
}
