package io.tripline.enrich.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.tripline.core.normalize.Json;

/**
 * The correlation punctuator skips a stored state without parsing it when {@link CorrelationState#pruneFrom}
 * says pruning cannot change it: that must hold for every state, and the read must match the parsed state.
 */
class CorrelationStateTest {

    private final CorrelationEvaluator evaluator = new CorrelationEvaluator();
    private final CorrelationRule rule = new RuleLoader().addClasspathPack().build().correlations().get(0);

    @Test
    void shouldReadWhenPruningCanFirstChangeAStateAndNeverSkipAChange() throws JsonProcessingException {
        Random random = new Random(20261129);
        for (int i = 0; i < 2_000; i++) {
            CorrelationState state = randomState(random);
            String json = Json.MAPPER.writeValueAsString(state);
            long from = CorrelationState.pruneFrom(json);
            Long expected = state.getEntries().isEmpty() ? state.getNewestEventTimeMillis() : Long.valueOf(state.getEntries().get(0).eventTimeMillis());
            assertThat(from).as(json).isEqualTo(expected == null ? CorrelationState.UNKNOWN : expected);

            long cutoff = (from == CorrelationState.UNKNOWN ? 1_780_000_000_000L : from) + random.nextInt(200_000) - 100_000;
            Instant watermark = Instant.ofEpochMilli(cutoff + rule.timespan().toMillis());
            CorrelationState pruned = Json.MAPPER.readValue(json, CorrelationState.class);
            boolean deletable = evaluator.prune(rule, pruned, watermark);
            if (from != CorrelationState.UNKNOWN && from >= cutoff) {
                assertThat(deletable).as("skipped %s at cutoff %d", json, cutoff).isFalse();
                assertThat(Json.MAPPER.writeValueAsString(pruned)).as("skipped %s at cutoff %d", json, cutoff).isEqualTo(json);
            }
        }
    }

    @Test
    void shouldAnswerUnknownForTextItDoesNotRecognise() {
        for (String text : List.of("", "{}", "{\"entries\":[],\"newestEventTimeMillis\":null}", "{\"entries\":[{\"t\":12x",
                "{\"entries\":[{\"t\":99999999999999999999,\"id\":\"a\"}]}", " {\"entries\":[]}", "{\"entries\":[{\"t\":")) {
            assertThat(CorrelationState.pruneFrom(text)).as(text).isEqualTo(CorrelationState.UNKNOWN);
        }
        assertThat(CorrelationState.pruneFrom("{\"entries\":[{\"t\":-5,\"id\":\"a\"}]}")).isEqualTo(-5);
    }

    private static CorrelationState randomState(Random random) {
        CorrelationState state = new CorrelationState();
        List<CorrelationState.Entry> entries = new ArrayList<>();
        int n = random.nextInt(4);
        long base = 1_780_000_000_000L + random.nextInt(1_000_000);
        for (int i = 0; i < n; i++) {
            entries.add(new CorrelationState.Entry(base + random.nextInt(600_000), "ev-" + random.nextInt(1000),
                    "rule-" + random.nextInt(3), random.nextBoolean() ? null : "v\"" + i));
        }
        state.setEntries(entries);
        state.setNewestEventTimeMillis(n == 0 && random.nextInt(4) == 0 ? null : base + 700_000);
        if (n > 0 && random.nextBoolean()) {
            state.setConsumedThrough(state.getEntries().get(0));
        }
        return state;
    }
}
