package io.tripline.enrich.sigma;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static io.tripline.enrich.sigma.CorpusEvents.JSON;
import static io.tripline.enrich.sigma.CorpusEvents.json;
import static org.assertj.core.api.Assertions.assertThat;

/** Event-time correlation: thresholds, windows, out-of-order arrival, once-per-crossing, state. */
class SigmaCorrelationEvaluatorTest {

    private static final String PER_USER = "2eabbec1-56c6-4430-af0d-161317a854ec";
    private static final String PER_IP = "1eb08461-8697-4c4b-840b-9a8623ac8caa";
    private static final String BULK_SECRETS = "d67f7452-5cdc-464e-93c1-1173f1b6e684";
    private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");

    private static RuleSet pack;

    @BeforeAll
    static void load() {
        pack = new RuleLoader().addClasspathPack().build();
    }

    /** A tiny in-memory stand-in for the topology's state store: (rule id, group key) → state. */
    private static final class Driver {
        final RuleSet rules;
        final CorrelationEvaluator evaluator = new CorrelationEvaluator();
        final Map<String, CorrelationState> store = new TreeMap<>();
        final boolean roundTripState;

        Driver(RuleSet rules, boolean roundTripState) {
            this.rules = rules;
            this.roundTripState = roundTripState;
        }

        List<CorrelationHit> feed(JsonNode event) {
            List<CorrelationHit> hits = new ArrayList<>();
            Instant time = Instant.parse(event.get("eventTime").asText());
            String id = event.get("eventID").asText();
            for (SigmaMatch match : rules.match(event)) {
                for (CorrelationRule c : match.correlations()) {
                    String key = c.groupKey(match.rule(), event);
                    String storeKey = c.id() + "|" + key;
                    CorrelationState state = store.computeIfAbsent(storeKey, k -> new CorrelationState());
                    hits.addAll(evaluator.onMatch(c, key, match, event, time, id, state));
                    if (roundTripState) {
                        store.put(storeKey, roundTrip(state));
                    }
                }
            }
            return hits;
        }

        List<CorrelationHit> feedAll(List<JsonNode> events) {
            List<CorrelationHit> hits = new ArrayList<>();
            events.forEach(e -> hits.addAll(feed(e)));
            return hits;
        }
    }

    private static CorrelationState roundTrip(CorrelationState state) {
        try {
            String text = JSON.writeValueAsString(state);
            return JSON.readValue(text, CorrelationState.class);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static JsonNode failedLogin(String user, String ip, Duration offset, String id) {
        return json("""
                {"eventVersion":"1.08","eventID":"%s","eventTime":"%s","eventName":"ConsoleLogin",
                 "eventSource":"signin.amazonaws.com","sourceIPAddress":"%s",
                 "userIdentity":{"type":"IAMUser","accountId":"111122223333","arn":"arn:aws:iam::111122223333:user/%s"},
                 "responseElements":{"ConsoleLogin":"Failure"},"errorMessage":"Failed authentication"}
                """.formatted(id, T0.plus(offset), ip, user));
    }

    private static List<JsonNode> burst(String user, int n, Duration step) {
        List<JsonNode> events = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            events.add(failedLogin(user, "198.51.100." + (i + 1), step.multipliedBy(i), user + "-e" + i));
        }
        return events;
    }

    private static List<CorrelationHit> only(List<CorrelationHit> hits, String ruleId) {
        return hits.stream().filter(h -> h.rule().id().equals(ruleId)).toList();
    }

    @Test
    void shouldNotEmitTheBaseLoginFailureRuleOnItsOwn() {
        List<SigmaMatch> matches = pack.match(failedLogin("alice", "198.51.100.1", Duration.ZERO, "x"));
        assertThat(matches).singleElement().satisfies(m -> {
            assertThat(m.emitDetection()).isFalse();
            assertThat(m.correlations()).extracting(CorrelationRule::id).containsExactly(PER_IP, PER_USER);
        });
    }

    @Test
    void shouldFireOnceWhenFiveLoginFailuresOfOneUserFallWithinTenMinutes() {
        Driver driver = new Driver(pack, false);
        List<JsonNode> events = burst("alice", 7, Duration.ofMinutes(1));
        List<CorrelationHit> first4 = only(driver.feedAll(events.subList(0, 4)), PER_USER);
        List<CorrelationHit> fifth = only(driver.feed(events.get(4)), PER_USER);
        List<CorrelationHit> later = only(driver.feedAll(events.subList(5, 7)), PER_USER);

        assertThat(first4).isEmpty();
        assertThat(fifth).singleElement().satisfies(hit -> {
            assertThat(hit.groupKey()).isEqualTo("[\"arn:aws:iam::111122223333:user/alice\"]");
            assertThat(hit.eventIds()).containsExactly("alice-e0", "alice-e1", "alice-e2", "alice-e3", "alice-e4");
            assertThat(hit.firstEventTime()).isEqualTo(T0);
            assertThat(hit.lastEventTime()).isEqualTo(T0.plus(Duration.ofMinutes(4)));
            assertThat(hit.count()).isEqualTo(5);
        });
        assertThat(later).as("no re-fire on every further event").isEmpty();
    }

    @Test
    void shouldFireAgainOnlyAfterFiveFurtherFailures() {
        Driver driver = new Driver(pack, false);
        List<CorrelationHit> hits = only(driver.feedAll(burst("alice", 12, Duration.ofSeconds(30))), PER_USER);
        assertThat(hits).hasSize(2);
        assertThat(hits.get(1).eventIds()).containsExactly("alice-e5", "alice-e6", "alice-e7", "alice-e8", "alice-e9");
    }

    @Test
    void shouldNotFireWhenFailuresAreSpreadBeyondTheTimespan() {
        Driver driver = new Driver(pack, false);
        assertThat(only(driver.feedAll(burst("bob", 6, Duration.ofMinutes(3))), PER_USER)).isEmpty();
    }

    @Test
    void shouldGiveTheSameHitForShuffledArrivalWithinTheTimespan() {
        List<JsonNode> ordered = burst("carol", 5, Duration.ofMinutes(2));
        List<CorrelationHit> reference = only(new Driver(pack, false).feedAll(ordered), PER_USER);
        assertThat(reference).hasSize(1);
        Random random = new Random(42);
        for (int round = 0; round < 20; round++) {
            List<JsonNode> shuffled = new ArrayList<>(ordered);
            Collections.shuffle(shuffled, random);
            List<CorrelationHit> hits = only(new Driver(pack, false).feedAll(shuffled), PER_USER);
            assertThat(hits).singleElement().satisfies(h -> {
                assertThat(h.eventIds()).isEqualTo(reference.get(0).eventIds());
                assertThat(h.firstEventTime()).isEqualTo(reference.get(0).firstEventTime());
                assertThat(h.lastEventTime()).isEqualTo(reference.get(0).lastEventTime());
                assertThat(h.id()).isEqualTo(reference.get(0).id());
            });
        }
    }

    @Test
    void shouldBehaveIdenticallyWhenStateIsStoredAsJsonBetweenEvents() {
        List<JsonNode> events = burst("dave", 12, Duration.ofSeconds(40));
        List<CorrelationHit> inMemory = new Driver(pack, false).feedAll(events);
        List<CorrelationHit> viaJson = new Driver(pack, true).feedAll(events);
        assertThat(viaJson).extracting(CorrelationHit::id).isEqualTo(inMemory.stream().map(CorrelationHit::id).toList());
        assertThat(viaJson).isNotEmpty();
    }

    @Test
    void shouldCountADuplicateDeliveryOnlyOnce() {
        Driver driver = new Driver(pack, false);
        JsonNode e = failedLogin("erin", "198.51.100.9", Duration.ZERO, "same-id");
        for (int i = 0; i < 6; i++) {
            assertThat(only(driver.feed(e), PER_USER)).isEmpty();
        }
    }

    @Test
    void shouldDropEventsOlderThanTheTimespanBehindTheNewest() {
        Driver driver = new Driver(pack, false);
        driver.feed(failedLogin("frank", "198.51.100.1", Duration.ofHours(1), "new"));
        List<JsonNode> stale = burst("frank", 4, Duration.ofMinutes(1));
        assertThat(only(driver.feedAll(stale), PER_USER)).isEmpty();
    }

    @Test
    void shouldGroupBySourceIpAcrossUsers() {
        Driver driver = new Driver(pack, false);
        List<CorrelationHit> hits = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            hits.addAll(driver.feed(failedLogin("user" + i, "203.0.113.50", Duration.ofSeconds(10L * i), "spray" + i)));
        }
        assertThat(only(hits, PER_IP)).singleElement()
                .satisfies(h -> assertThat(h.groupKey()).isEqualTo("[\"203.0.113.50\"]"));
        assertThat(only(hits, PER_USER)).isEmpty();
    }

    private static JsonNode secretRead(String principal, String api, String name, int minute) {
        ObjectNode e = (ObjectNode) json("""
                {"eventID":"%s","eventTime":"%s","eventName":"%s","eventSource":"%s",
                 "userIdentity":{"type":"AssumedRole","arn":"%s"},"requestParameters":{}}
                """.formatted(api + name + minute, T0.plus(Duration.ofMinutes(minute)), api,
                api.startsWith("GetSecret") ? "secretsmanager.amazonaws.com" : "ssm.amazonaws.com", principal));
        ObjectNode params = (ObjectNode) e.get("requestParameters");
        if (api.startsWith("GetSecret")) {
            params.put("secretId", name);
        } else {
            params.put("name", name).put("withDecryption", true);
        }
        return e;
    }

    @Test
    void shouldCountDistinctSecretsAndParametersPerPrincipalThroughAliases() {
        String arn = "arn:aws:sts::111122223333:assumed-role/app/i-0abc";
        Driver repeated = new Driver(pack, false);
        for (int i = 0; i < 8; i++) {
            assertThat(only(repeated.feed(secretRead(arn, "GetSecretValue", "db-password", i)), BULK_SECRETS)).isEmpty();
        }
        Driver harvesting = new Driver(pack, false);
        List<CorrelationHit> hits = new ArrayList<>();
        hits.addAll(harvesting.feed(secretRead(arn, "GetSecretValue", "prod/db", 0)));
        hits.addAll(harvesting.feed(secretRead(arn, "GetSecretValue", "prod/api-key", 1)));
        hits.addAll(harvesting.feed(secretRead(arn, "GetParameter", "/prod/token", 2)));
        hits.addAll(harvesting.feed(secretRead(arn, "GetSecretValue", "prod/db", 3)));
        hits.addAll(harvesting.feed(secretRead(arn, "GetParameter", "/prod/ssh-key", 4)));
        assertThat(only(hits, BULK_SECRETS)).isEmpty();
        hits.addAll(harvesting.feed(secretRead(arn, "GetSecretValue", "prod/stripe", 5)));
        assertThat(only(hits, BULK_SECRETS)).singleElement().satisfies(h -> assertThat(h.count()).isEqualTo(5));
    }

    private static final String TEMPORAL = """
            title: Key created then trail stopped
            name: key
            id: 00000000-0000-0000-0000-00000000e001
            logsource: {product: aws, service: cloudtrail}
            detection:
              sel: {eventName: CreateAccessKey}
              condition: sel
            ---
            title: Trail stopped
            name: stop
            id: 00000000-0000-0000-0000-00000000e002
            logsource: {product: aws, service: cloudtrail}
            detection:
              sel: {eventName: StopLogging}
              condition: sel
            ---
            title: Ordered
            id: 00000000-0000-0000-0000-00000000e003
            correlation:
              type: temporal_ordered
              rules: [key, stop]
              group-by: [userIdentity.arn]
              timespan: 1h
            ---
            title: Unordered
            id: 00000000-0000-0000-0000-00000000e004
            correlation:
              type: temporal
              rules: [key, stop]
              group-by: [userIdentity.arn]
              timespan: 1h
            """;

    private static JsonNode call(String name, int minute) {
        return json("""
                {"eventID":"%s","eventTime":"%s","eventName":"%s","userIdentity":{"arn":"arn:aws:iam::1:user/x"}}
                """.formatted(name + minute, T0.plus(Duration.ofMinutes(minute)), name));
    }

    @Test
    void shouldRespectEventTimeOrderForTemporalOrderedButNotForTemporal() {
        RuleSet rules = SigmaTestRules.ruleSet(TEMPORAL);
        assertThat(rules.report().problems()).isEmpty();
        List<CorrelationHit> inOrder = new Driver(rules, false).feedAll(List.of(call("CreateAccessKey", 1), call("StopLogging", 5)));
        assertThat(inOrder).extracting(h -> h.rule().title()).containsExactlyInAnyOrder("Ordered", "Unordered");
        List<CorrelationHit> reversed = new Driver(rules, false).feedAll(List.of(call("StopLogging", 1), call("CreateAccessKey", 5)));
        assertThat(reversed).extracting(h -> h.rule().title()).containsExactly("Unordered");
        // arrival order does not matter, event time does
        List<CorrelationHit> lateArrival = new Driver(rules, false).feedAll(List.of(call("StopLogging", 5), call("CreateAccessKey", 1)));
        assertThat(lateArrival).extracting(h -> h.rule().title()).containsExactlyInAnyOrder("Ordered", "Unordered");
    }

    @Test
    void shouldLetTheStoreDeleteStateOnceTheWatermarkPassedTheTimespan() {
        CorrelationRule perUser = pack.correlation(PER_USER).orElseThrow();
        Driver driver = new Driver(pack, false);
        driver.feedAll(burst("gina", 2, Duration.ofMinutes(1)));
        CorrelationState state = driver.store.get(PER_USER + "|[\"arn:aws:iam::111122223333:user/gina\"]");
        CorrelationEvaluator evaluator = new CorrelationEvaluator();
        assertThat(evaluator.prune(perUser, state, T0.plus(Duration.ofMinutes(5)))).isFalse();
        assertThat(state.getEntries()).hasSize(2);
        assertThat(evaluator.prune(perUser, state, T0.plus(Duration.ofMinutes(30)))).isTrue();
        assertThat(state.getEntries()).isEmpty();
    }

    @Test
    void shouldStoreByteIdenticalStateWhateverTheArrivalOrder() throws Exception {
        List<JsonNode> events = burst("hank", 4, Duration.ofMinutes(1));
        List<JsonNode> reversed = new ArrayList<>(events);
        Collections.reverse(reversed);
        Driver ordered = new Driver(pack, false);
        ordered.feedAll(events);
        Driver backwards = new Driver(pack, false);
        backwards.feedAll(reversed);
        String key = PER_USER + "|[\"arn:aws:iam::111122223333:user/hank\"]";
        String a = JSON.writeValueAsString(ordered.store.get(key));
        String b = JSON.writeValueAsString(backwards.store.get(key));
        assertThat(a).isEqualTo(b).startsWith("{\"entries\":[{\"t\":");
    }
}
