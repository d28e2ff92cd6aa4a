package io.tripline.enrich.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Suppression settings: defaults, overrides by level and rule id, and errors that name the key. */
class SuppressionTest {

    @Test
    void shouldOverrideTheDefaultsByLevelAndByRule() {
        Suppression suppression = Suppression.from(Map.of("low", "2h", "Medium", "PT5M", "rule.abc", "0s"));

        assertThat(suppression.byLevel()).containsEntry("low", Duration.ofHours(2)).containsEntry("medium", Duration.ofMinutes(5))
                .containsEntry("informational", Duration.ofHours(1));
        assertThat(suppression.byRule()).containsEntry("abc", Duration.ZERO);
        assertThat(suppression.active()).isTrue();
        assertThat(suppression.longest()).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void shouldBeInactiveWhenEveryWindowIsZero() {
        assertThat(Suppression.none().active()).isFalse();
        assertThat(Suppression.from(Map.of("low", "0s", "informational", "0s")).active()).isFalse();
        assertThat(Suppression.defaults().active()).isTrue();
    }

    @Test
    void shouldNameTheKeyOfABadValue() {
        assertThatThrownBy(() -> Suppression.from(Map.of("low", "soon")))
                .hasMessageContaining("tripline.enrich.suppress.low").hasMessageContaining("soon");
        assertThatThrownBy(() -> Suppression.from(Map.of("loud", "1h")))
                .hasMessageContaining("tripline.enrich.suppress.loud").hasMessageContaining("unknown level");
        assertThatThrownBy(() -> Suppression.from(Map.of("rule.abc", "-PT1H")))
                .hasMessageContaining("tripline.enrich.suppress.rule.abc").hasMessageContaining("negative");
    }
}
