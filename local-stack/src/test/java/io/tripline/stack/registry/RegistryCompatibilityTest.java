package io.tripline.stack.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/** The compatibility rules of each level, on small record schemas. */
class RegistryCompatibilityTest {

    private static final Schema A = schema("{\"name\":\"a\",\"type\":\"string\"}");
    private static final Schema A_B_DEFAULT =
            schema("{\"name\":\"a\",\"type\":\"string\"},{\"name\":\"b\",\"type\":\"int\",\"default\":0}");
    private static final Schema A_B_REQUIRED =
            schema("{\"name\":\"a\",\"type\":\"string\"},{\"name\":\"b\",\"type\":\"int\"}");
    private static final Schema B_DEFAULT = schema("{\"name\":\"b\",\"type\":\"int\",\"default\":0}");
    private static final Schema A_AS_INT = schema("{\"name\":\"a\",\"type\":\"int\"}");

    @Test
    void shouldAcceptAnythingWhenLevelIsNone() {
        assertThat(check(A_AS_INT, CompatibilityLevel.NONE, A)).isEmpty();
    }

    @Test
    void shouldAcceptTheFirstSchemaOfASubjectAtEveryLevel() {
        for (CompatibilityLevel level : CompatibilityLevel.values()) {
            assertThat(check(A, level)).as(level.name()).isEmpty();
        }
    }

    @Test
    void shouldAcceptAFieldWithDefaultUnderFull() {
        assertThat(check(A_B_DEFAULT, CompatibilityLevel.FULL, A)).isEmpty();
    }

    @Test
    void shouldRefuseAFieldWithoutDefaultUnderBackward() {
        List<String> problems = check(A_B_REQUIRED, CompatibilityLevel.BACKWARD, A);

        assertThat(problems).isNotEmpty();
        assertThat(problems.get(0)).contains("READER_FIELD_MISSING_DEFAULT_VALUE").contains("'b'");
        assertThat(problems).contains("{oldSchemaVersion: 1}", "{compatibility: 'BACKWARD'}");
    }

    @Test
    void shouldAcceptAFieldWithoutDefaultUnderForward() {
        assertThat(check(A_B_REQUIRED, CompatibilityLevel.FORWARD, A)).isEmpty();
    }

    @Test
    void shouldAcceptRemovingARequiredFieldUnderBackwardButNotUnderForward() {
        assertThat(check(B_DEFAULT, CompatibilityLevel.BACKWARD, A_B_DEFAULT)).isEmpty();
        assertThat(check(B_DEFAULT, CompatibilityLevel.FORWARD, A_B_DEFAULT))
                .anySatisfy(m -> assertThat(m).contains("READER_FIELD_MISSING_DEFAULT_VALUE"));
        assertThat(check(B_DEFAULT, CompatibilityLevel.FULL, A_B_DEFAULT)).isNotEmpty();
    }

    @Test
    void shouldRefuseAChangedFieldTypeUnderBackward() {
        assertThat(check(A_AS_INT, CompatibilityLevel.BACKWARD, A))
                .anySatisfy(m -> assertThat(m).contains("TYPE_MISMATCH"));
    }

    @Test
    void shouldCheckOnlyTheLatestVersionUnlessTransitive() {
        // Reads v2 data (b present) but not v1 data (b missing, no default).
        assertThat(check(A_B_REQUIRED, CompatibilityLevel.BACKWARD, A, A_B_DEFAULT)).isEmpty();
        assertThat(check(A_B_REQUIRED, CompatibilityLevel.BACKWARD_TRANSITIVE, A, A_B_DEFAULT))
                .contains("{oldSchemaVersion: 1}");
    }

    @Test
    void shouldCheckEveryOldReaderWhenForwardTransitive() {
        Schema cRequired = schema("{\"name\":\"a\",\"type\":\"string\"},{\"name\":\"c\",\"type\":\"int\"}");
        Schema cDefault = schema(
                "{\"name\":\"a\",\"type\":\"string\"},{\"name\":\"c\",\"type\":\"int\",\"default\":1}");

        assertThat(check(A, CompatibilityLevel.FORWARD, cRequired, cDefault)).isEmpty();
        assertThat(check(A, CompatibilityLevel.FORWARD_TRANSITIVE, cRequired, cDefault))
                .contains("{oldSchemaVersion: 1}");
        assertThat(check(A, CompatibilityLevel.FULL, cRequired, cDefault)).isEmpty();
        assertThat(check(A, CompatibilityLevel.FULL_TRANSITIVE, cRequired, cDefault))
                .contains("{compatibility: 'FULL_TRANSITIVE'}");
    }

    @Test
    void shouldParseLevelsCaseInsensitivelyAndRejectUnknownOnes() {
        assertThat(CompatibilityLevel.parse("full_transitive")).contains(CompatibilityLevel.FULL_TRANSITIVE);
        assertThat(CompatibilityLevel.parse("SIDEWAYS")).isEmpty();
        assertThat(CompatibilityLevel.parse(null)).isEmpty();
    }

    private static List<String> check(Schema candidate, CompatibilityLevel level, Schema... previous) {
        List<CompatibilityChecker.Previous> versions = new ArrayList<>();
        for (int i = 0; i < previous.length; i++) {
            versions.add(new CompatibilityChecker.Previous(i + 1, previous[i]));
        }
        return CompatibilityChecker.check(candidate, versions, level);
    }

    private static Schema schema(String fields) {
        return new Schema.Parser().parse(
                "{\"type\":\"record\",\"name\":\"R\",\"namespace\":\"t\",\"fields\":[" + fields + "]}");
    }
}
