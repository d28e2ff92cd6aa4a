package io.tripline.enrich.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.tripline.core.normalize.Json;
import io.tripline.enrich.attack.Tactic;
import io.tripline.schema.v1.Incident;
import io.tripline.schema.v1.IncidentEntity;
import io.tripline.schema.v1.IncidentStatus;
import io.tripline.schema.v1.RiskFactor;
import io.tripline.schema.v1.RiskLevel;

/**
 * {@link IncidentOcsf} writes its JSON as text; SIEMs and replays compare it byte for byte, so it must be exactly
 * what Jackson's generator wrote for the same incident ({@link ReferenceIncidentOcsf}): checked over thousands of
 * generated incidents whose strings need every kind of JSON escape, with nulls, empty lists and every lifecycle step.
 */
class IncidentOcsfTextTest {

    /** Characters the strings are drawn from: plain text, everything JSON escapes, and what it passes through as is. */
    private static final String ALPHABET = "abcXYZ019 -_:/.@|,{}[]\"\\\u0000\u0001\b\t\n\u000b\f\r\u001f\u007f"
            + "\u00e9\u20ac\u2028\u2029\ud83d\ude00\ud800\udfff\ufffd";
    private static final String[] KINDS = {Signal.FINDING, Signal.DETECTION, Signal.EVENT};
    private static final String[] SOURCES = {"GUARDDUTY", "SECURITY_HUB", "SIGMA", "CLOUDTRAIL", null, "Odd \"source\"\n"};

    @Test
    void shouldWriteTheSameTextAsJacksonsGeneratorForEveryIncident() {
        Random random = new Random(20261129);
        int escaped = 0;
        for (int i = 0; i < 3_000; i++) {
            String version = i % 7 == 0 ? text(random) : "1.2." + i;
            IncidentOcsf fast = new IncidentOcsf(version);
            ReferenceIncidentOcsf reference = new ReferenceIncidentOcsf(version);
            Map<String, Signal> members = new LinkedHashMap<>();
            Incident incident = incident(random, members);
            boolean resolved = random.nextBoolean();

            String expected = reference.map(incident, members, resolved);

            assertThat(fast.map(incident, members, resolved)).as("incident %d", i).isEqualTo(expected);
            escaped += expected.contains("\\u00") && expected.contains("\\\"") ? 1 : 0;
        }
        assertThat(escaped).as("incidents whose text needed control and quote escapes").isGreaterThan(1_000);
    }

    @Test
    void shouldWriteEachEvidenceUidOnceEvenWhenDifferentUidsShareAHash() {
        // "Aa" and "BB" have the same String hash, and so do all their concatenations of equal length
        List<String> uids = List.of("AaAa", "AaBB", "BBAa", "BBBB", "AaAa", "BBBB", "Aa", "BB", "Aa");
        Map<String, Signal> members = new LinkedHashMap<>();
        List<String> ids = new ArrayList<>();
        for (int m = 0; m < uids.size(); m++) {
            String id = "member-" + m;
            members.put(id, new Signal(id, Signal.DETECTION, "SIGMA", "111122223333", "us-east-1", m, 0, 0,
                    "ACCOUNT:111122223333", null, "name", "title", null, "HIGH", null, 1, false, false, true, null,
                    List.of(uids.get(m), uids.get((m + 3) % uids.size())), null, null));
            ids.add(id);
        }
        Incident incident = Incident.newBuilder(incident(new Random(3), new LinkedHashMap<>())).setMembers(ids).build();

        String text = new IncidentOcsf("1").map(incident, members, false);

        assertThat(text).isEqualTo(new ReferenceIncidentOcsf("1").map(incident, members, false));
        assertThat(Json.parse(text).path("finding_info").path("related_events")).extracting(e -> e.get("uid").asText())
                .containsExactly("AaAa", "BBBB", "AaBB", "BBAa", "Aa", "BB");
    }

    @Test
    void shouldWriteTextThatParsesBackToTheIncidentsValues() {
        Random random = new Random(7);
        Map<String, Signal> members = new LinkedHashMap<>();
        Incident incident = incident(random, members);

        var json = Json.parse(new IncidentOcsf("9.9").map(incident, members, false));

        assertThat(json.path("finding_info").path("title").asText()).isEqualTo(incident.getTitle());
        assertThat(json.path("metadata").path("uid").asText()).isEqualTo(incident.getIncidentId() + "@" + incident.getVersion());
        assertThat(json.path("count").asInt()).isEqualTo(incident.getMembers().size());
    }

    private static Incident incident(Random random, Map<String, Signal> members) {
        List<String> ids = new ArrayList<>();
        List<String> pool = new ArrayList<>(); // evidence ids, some shared between members (each is written once)
        int size = random.nextInt(6) == 0 ? 0 : 1 + random.nextInt(30);
        for (int m = 0; m < size; m++) {
            String id = random.nextInt(5) == 0 ? text(random) : "member-" + m;
            if (members.containsKey(id)) {
                continue;
            }
            List<String> evidence = new ArrayList<>();
            int cited = random.nextInt(4);
            for (int e = 0; e < cited; e++) {
                String uid = !pool.isEmpty() && random.nextBoolean() ? pool.get(random.nextInt(pool.size()))
                        : random.nextBoolean() ? id : text(random);
                evidence.add(uid);
                pool.add(uid);
            }
            String kind = KINDS[random.nextInt(KINDS.length)];
            members.put(id, new Signal(id, kind, SOURCES[random.nextInt(SOURCES.length)], "111122223333", "us-east-1",
                    1_000L * m, 0, 0, "ACCOUNT:111122223333", null, "name", "title", null, "HIGH", null, 1, false, false,
                    false, null, evidence, null, null));
            ids.add(id);
        }
        List<String> tactics = new ArrayList<>();
        for (Tactic tactic : Tactic.values()) {
            if (random.nextInt(4) == 0) {
                // the assembler's titles, and now and then another spelling the OCSF writer must still resolve
                tactics.add(random.nextInt(5) == 0 ? tactic.name().toLowerCase(java.util.Locale.ROOT) : tactic.title());
            }
        }
        List<RiskFactor> factors = new ArrayList<>();
        for (int f = random.nextInt(5); f > 0; f--) {
            List<String> evidence = new ArrayList<>();
            for (int e = random.nextInt(4); e > 0; e--) {
                evidence.add(random.nextBoolean() && !ids.isEmpty() ? ids.get(random.nextInt(ids.size())) : text(random));
            }
            factors.add(new RiskFactor(text(random), random.nextInt(201) - 100, evidence));
        }
        List<String> playbooks = new ArrayList<>();
        for (int p = random.nextInt(4); p > 0; p--) {
            playbooks.add(text(random));
        }
        long updated = random.nextInt(10) == 0 ? -random.nextInt(1_000_000) : 1_770_000_000_000L + random.nextInt(1 << 30);
        return Incident.newBuilder()
                .setIncidentId(random.nextInt(4) == 0 ? text(random) : "inc-" + Long.toHexString(random.nextLong()))
                .setVersion(1 + random.nextInt(500))
                .setTitle(text(random))
                .setEntity(new IncidentEntity(text(random), text(random)))
                .setAccountId(random.nextInt(8) == 0 ? null : text(random))
                .setRegion(random.nextInt(4) == 0 ? null : text(random))
                .setFirstSeen(Instant.ofEpochMilli(updated - random.nextInt(1 << 20)))
                .setLastSeen(Instant.ofEpochMilli(updated))
                .setMembers(ids)
                .setEventMembers(List.of())
                .setTactics(tactics)
                .setRiskScore(random.nextInt(101))
                .setRiskLevel(RiskLevel.values()[random.nextInt(RiskLevel.values().length)])
                .setFactors(factors)
                .setPlaybooks(playbooks)
                .setStatus(IncidentStatus.values()[random.nextInt(IncidentStatus.values().length)])
                .setUpdatedAt(Instant.ofEpochMilli(updated))
                .build();
    }

    /** A string of 0 to 24 characters, half of them plain, the rest from the whole alphabet. */
    private static String text(Random random) {
        StringBuilder out = new StringBuilder();
        for (int n = random.nextInt(25); n > 0; n--) {
            out.append(random.nextBoolean() ? (char) ('a' + random.nextInt(26)) : ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return out.toString();
    }
}
