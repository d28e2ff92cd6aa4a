package io.tripline.enrich.sigma;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/rules.md must equal what {@link RulesDocGenerator} renders from the pack. The page is only
 * rewritten when asked explicitly with {@code -Dtripline.updateRulesDoc=true}.
 */
class SigmaRulesDocTest {

    private static final Path PAGE = Path.of("..", "docs", "rules.md");

    @Test
    void shouldKeepTheRulesPageInSyncWithThePack() throws IOException {
        String expected = RulesDocGenerator.render(new RuleLoader().addClasspathPack().build());
        if (Boolean.getBoolean("tripline.updateRulesDoc")) {
            Files.createDirectories(PAGE.getParent());
            Files.writeString(PAGE, expected, StandardCharsets.UTF_8);
        }
        assertThat(PAGE).as("docs/rules.md exists").exists();
        assertThat(Files.readString(PAGE, StandardCharsets.UTF_8))
                .as("docs/rules.md is stale: rerun with -Dtripline.updateRulesDoc=true and review the diff")
                .isEqualTo(expected);
    }
}
