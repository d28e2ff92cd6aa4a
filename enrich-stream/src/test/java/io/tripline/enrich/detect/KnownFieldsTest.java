package io.tripline.enrich.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.tripline.core.normalize.Json;
import io.tripline.core.normalize.NormalizationException;
import io.tripline.core.normalize.Normalizers;
import io.tripline.core.normalize.SourceItem;
import io.tripline.core.normalize.SourceKind;
import io.tripline.core.normalize.SourceShapes;
import io.tripline.core.testing.Corpus;
import io.tripline.enrich.sigma.CorrelationRule;
import io.tripline.enrich.sigma.RuleLoader;
import io.tripline.enrich.sigma.RuleSet;
import io.tripline.enrich.sigma.SigmaMatch;
import io.tripline.schema.v1.TrailEvent;

/**
 * The match processor evaluates rules on a record's typed fields when the candidate rules read nothing else
 * ({@link KnownFields}), and parses the record otherwise. That must find exactly what evaluating the whole
 * record finds, with the same group keys: checked on every CloudTrail record of the corpus and every SigmaHQ
 * case, with the full pack.
 */
class KnownFieldsTest {

    private final Normalizers normalizers = new Normalizers();

    @Test
    void shouldMatchFromTheTypedFieldsExactlyWhatTheWholeRecordMatches() throws IOException {
        RuleSet rules = fullPack();
        List<TrailEvent> events = corpusEvents();
        AtomicInteger parsed = new AtomicInteger();
        int hits = 0;
        RuleSet.KnownFields known = rules.knownFields(KnownFields.NAMES);
        for (TrailEvent event : events) {
            RuleSet.Matches partial = rules.match(known, KnownFields.of(event), () -> {
                parsed.incrementAndGet();
                return rules.parse(event.getRaw());
            });
            JsonNode whole = Json.parse(event.getRaw());
            List<SigmaMatch> expected = rules.match(whole);
            assertThat(partial.matches()).as("hits on %s", event.getRaw()).isEqualTo(expected);
            for (SigmaMatch match : expected) {
                for (CorrelationRule correlation : match.correlations()) {
                    assertThat(correlation.groupKey(match.rule(), partial.record())).as("%s on %s", correlation.id(), event.getEventId())
                            .isEqualTo(correlation.groupKey(match.rule(), whole));
                }
            }
            hits += expected.size();
        }
        assertThat(events).hasSizeGreaterThan(300);
        assertThat(hits).isGreaterThan(100);
        assertThat(parsed.get()).as("records parsed").isPositive().isLessThan(events.size());
    }

    @Test
    void shouldLeaveOutWhatTheJsonMayHaveHeldInAnotherShape() {
        TrailEvent event = normalizers.cloudTrail().normalize(Json.parse("""
                {"eventID":"e-2","eventTime":"2026-11-01T10:00:00Z","eventSource":"s3.amazonaws.com","eventName":"GetObject",
                 "awsRegion":"us-east-1","userAgent":["TruffleHog"],"errorCode":"","eventType":123,
                 "recipientAccountId":111122223333,"sourceIPAddress":"198.51.100.7",
                 "userIdentity":{"type":"IAMUser","accountId":"111122223333","arn":"arn:aws:iam::111122223333:user/carol"}}"""));

        String[] values = KnownFields.of(event);

        List<String> known = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null) {
                known.add(KnownFields.NAMES.get(i));
            }
        }
        assertThat(known).containsExactlyInAnyOrder("eventID", "eventSource", "eventName", "awsRegion",
                "sourceIPAddress", "userIdentity.type", "userIdentity.arn");
        assertThat(values[KnownFields.NAMES.indexOf("userIdentity.arn")]).isEqualTo("arn:aws:iam::111122223333:user/carol");
    }

    @Test
    void shouldTellTheTextOfJsonNumbersAndBooleans() {
        for (String literal : List.of("0", "-1", "123", "1.5", "-0.0", "1e10", "2.5E-3", "true", "false")) {
            assertThat(KnownFields.scalarLiteral(literal)).as(literal).isTrue();
        }
        for (String text : List.of("198.51.100.7", "1.", ".5", "1e", "-", "12a", "True", "arn:aws:iam::1:root", "1-2")) {
            assertThat(KnownFields.scalarLiteral(text)).as(text).isFalse();
        }
    }

    private List<TrailEvent> corpusEvents() throws IOException {
        List<JsonNode> records = new ArrayList<>();
        for (String file : Corpus.files("cloudtrail")) {
            for (Corpus.Line line : Corpus.lines(file)) {
                try {
                    SourceShapes.unwrap(line.json()).stream().filter(i -> i.kind() == SourceKind.CLOUDTRAIL)
                            .map(SourceItem::json).forEach(records::add);
                } catch (NormalizationException e) {
                    // not a record shape: ingest dead-letters it
                }
            }
        }
        try (InputStream in = getClass().getResourceAsStream("/sigmahq-cases.jsonl")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    records.add(Json.parse(line).get("event"));
                }
            }
        }
        List<TrailEvent> events = new ArrayList<>();
        for (JsonNode record : records) {
            try {
                events.add(normalizers.cloudTrail().normalize(record));
            } catch (NormalizationException e) {
                // a rule-test fragment that is no whole CloudTrail record
            }
        }
        return events;
    }

    private static RuleSet fullPack() {
        RuleLoader loader = new RuleLoader(Map.of("Legitimate_Countries", List.of("DE"),
                "Legitimate_IP_Ranges", List.of("198.51.100.*"))).addClasspathPack();
        for (Corpus.Line rule : Corpus.lines("reference/sigma_aws_rules.jsonl")) {
            loader.addDocument(rule.toString(), rule.json());
        }
        return loader.build();
    }
}
