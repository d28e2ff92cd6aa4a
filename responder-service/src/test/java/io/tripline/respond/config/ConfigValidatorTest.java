package io.tripline.respond.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.micronaut.context.ApplicationContext;
import io.tripline.respond.playbook.Playbooks;

/** Invalid configuration stops the context at start, naming the key; valid configuration starts. */
class ConfigValidatorTest {

    private static Map<String, Object> valid() {
        Map<String, Object> p = new HashMap<>();
        p.put("tripline.respond.api.token", "a-token-of-sufficient-length");
        return p;
    }

    private static void assertRefused(String key, Object value, String expectedKey) {
        Map<String, Object> p = valid();
        p.put(key, value);
        assertThatThrownBy(() -> ApplicationContext.run(p).close())
                .hasStackTraceContaining("invalid configuration " + expectedKey);
    }

    @Test
    void shouldStartWithDefaultsAndTheShippedPlaybooks() {
        try (ApplicationContext context = ApplicationContext.run(valid())) {
            assertThat(context.getBean(RespondConfig.class).getMode()).isEqualTo("dry-run");
            assertThat(context.getBean(ApiConfig.class).getHost()).isEqualTo("127.0.0.1");
            assertThat(context.getBean(Playbooks.class).all()).hasSize(4);
        }
    }

    @Test
    void shouldRefuseInvalidSettingsNamingTheKey() {
        assertRefused("tripline.respond.mode", "yolo", "tripline.respond.mode");
        assertRefused("tripline.respond.api.token", "short", "tripline.respond.api.token");
        assertRefused("tripline.respond.exempt-tag", "no-equals-sign", "tripline.respond.exempt-tag");
        assertRefused("tripline.respond.breaker.fleet-max-percent", 150, "tripline.respond.breaker.fleet-max-percent");
        assertRefused("tripline.respond.accounts", List.of(Map.of("id", "12345")), "tripline.respond.accounts[0].id");
    }

    @Test
    void shouldRefuseAnInvalidPlaybookNamingFileAndLine() throws Exception {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("playbook", ".yaml");
        java.nio.file.Files.writeString(file, "name: broken\nmode: auto\nmatch: {minRiskScore: 10}\nactions: [nuke]\n");
        Map<String, Object> p = valid();
        p.put("tripline.respond.playbooks", List.of(file.toString()));

        assertThatThrownBy(() -> ApplicationContext.run(p).close())
                .hasStackTraceContaining("invalid playbook " + file + ":4").hasStackTraceContaining("unknown action 'nuke'");
    }
}
