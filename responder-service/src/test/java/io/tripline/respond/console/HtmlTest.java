package io.tripline.respond.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlTest {

    @Test
    void shouldEscapeEveryCharacterThatCanOpenMarkupOrLeaveAnAttribute() {
        assertThat(Html.esc("<img src=x onerror='alert(1)'>\"&"))
                .isEqualTo("&lt;img src=x onerror=&#39;alert(1)&#39;&gt;&quot;&amp;");
    }

    @Test
    void shouldRenderNullAsNothing() {
        assertThat(Html.esc(null)).isEmpty();
    }

    @Test
    void shouldEncodeIdsThatBecomePathSegments() {
        assertThat(Html.seg("inc/../a b?x=<1>")).isEqualTo("inc%2F..%2Fa%20b%3Fx%3D%3C1%3E");
    }

    @Test
    void shouldAllowNoScriptsInAnyPage() {
        assertThat(Html.CSP).startsWith("default-src 'none'").contains("style-src 'sha256-").doesNotContain("script-src");
    }
}
