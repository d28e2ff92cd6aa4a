package io.tripline.core.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.tripline.core.registry.InMemorySchemaRegistry;
import io.tripline.core.serde.SerdeConfig;
import io.tripline.core.testing.Corpus;
import io.tripline.core.testing.FuzzRun;
import io.tripline.core.testing.HostileJson;
import io.tripline.core.topic.Topics;

/**
 * The one door every path shares (ingest, replay): hostile JSON derived from each source's corpus either
 * normalizes into a record the Avro serializer accepts, or fails with a {@link NormalizationException}
 * that says why — never another exception, never a StackOverflowError.
 */
class NormalizersFuzzTest {

    private final Normalizers normalizers = new Normalizers();
    private final Map<String, Object> serde = Map.of(SerdeConfig.CLIENT, new InMemorySchemaRegistry());

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"cloudtrail", "guardduty", "securityhub"})
    void shouldNormalizeOrRejectEveryHostileRecordWithAReason(String source) {
        FuzzRun run = FuzzRun.of("normalizers." + source);
        HostileJson inputs = new HostileJson(run.random(), HostileJson.corpusSamples(Corpus.files(source)));
        List<String> unexpected = new ArrayList<>();
        for (int i = 0; i < FuzzRun.count(); i++) {
            HostileJson.Input input = inputs.next();
            run.count("inputs");
            try {
                for (SourceItem item : SourceShapes.unwrap(Json.parse(input.text()))) {
                    SpecificRecord record = normalizers.normalize(item);
                    serialize(item.kind(), record);
                    run.count("normalized");
                }
            } catch (NormalizationException rejected) {
                assertThat(rejected.getMessage()).isNotBlank();
                run.count("rejected");
            } catch (RuntimeException | StackOverflowError e) {
                unexpected.add(input.kind() + " #" + i + ": " + e);
            }
        }
        run.report();
        assertThat(unexpected).as("failures other than NormalizationException in " + run.reproduce()).isEmpty();
        assertThat(run.get("rejected")).isPositive();
        assertThat(run.get("normalized")).as("hostile but well-formed records still normalize").isPositive();
    }

    private void serialize(SourceKind kind, SpecificRecord record) {
        var topic = switch (kind) {
            case CLOUDTRAIL -> Topics.RAW_CLOUDTRAIL;
            case GUARDDUTY -> Topics.RAW_GUARDDUTY;
            case SECURITYHUB -> Topics.RAW_SECURITYHUB;
        };
        @SuppressWarnings("unchecked")
        var serializer = ((io.tripline.core.topic.Topic<String, SpecificRecord>) (io.tripline.core.topic.Topic<?, ?>) topic)
                .valueSerde(serde).serializer();
        assertThat(serializer.serialize(topic.name(), record)).isNotEmpty();
    }
}
