package io.tripline.core.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.tripline.core.testing.HostileJson;

/** The read limits of {@link Json#MAPPER} refuse hostile documents with a reason instead of exhausting the stack or memory. */
class JsonReadLimitsTest {

    @Test
    void shouldRefuseATenThousandDeepDocumentWithAClearReason() {
        for (boolean objects : new boolean[] {true, false}) {
            String deep = HostileJson.nested(HostileJson.DEEP, objects, true);

            assertThatThrownBy(() -> Json.parse(deep))
                    .isInstanceOf(NormalizationException.class)
                    .hasMessageContaining("not valid JSON")
                    .hasMessageContaining("nesting depth")
                    .hasMessageContaining(String.valueOf(Json.MAX_NESTING));
        }
    }

    @Test
    void shouldAcceptNestingUpToTheLimit() {
        assertThat(Json.parse(HostileJson.nested(Json.MAX_NESTING - 1, true, true)).isObject()).isTrue();
    }

    @Test
    void shouldRefuseAStringPastTheLimit() {
        String huge = "{\"eventName\":\"" + "A".repeat(Json.MAX_STRING + 1) + "\"}";

        assertThatThrownBy(() -> Json.parse(huge)).isInstanceOf(NormalizationException.class)
                .hasMessageContaining("String value length").hasMessageContaining(String.valueOf(Json.MAX_STRING));
    }

    @Test
    void shouldRefuseANumberPastTheLimit() {
        String number = "{\"severity\":" + "9".repeat(Json.MAX_NUMBER + 1) + "}";

        assertThatThrownBy(() -> Json.parse(number)).isInstanceOf(NormalizationException.class)
                .hasMessageContaining("Number value length");
    }

    @Test
    void shouldSetEveryLimitDeliberately() {
        assertThat(Json.MAPPER.getFactory().streamReadConstraints().getMaxDocumentLength()).isEqualTo(Json.MAX_DOCUMENT);
        assertThat(Json.MAPPER.getFactory().streamReadConstraints().getMaxNestingDepth()).isEqualTo(Json.MAX_NESTING);
    }
}
