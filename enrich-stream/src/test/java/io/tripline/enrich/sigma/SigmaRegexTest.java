package io.tripline.enrich.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.node.TextNode;

/**
 * The {@code |re} modifier searches the value; the one-pass shortcut for patterns that start with a
 * dot-run must give exactly the answer of a plain search.
 */
class SigmaRegexTest {

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource({
        "'.+:assumed-role/aws:.+', 'arn:aws:sts::111122223333:assumed-role/aws:ec2-instance/i-0abc'",
        "'.+:assumed-role/aws:.+', 'arn:aws:sts::111122223333:assumed-role/web-role/i-0abc'",
        "'.+:assumed-role/aws:.+', ':assumed-role/aws:x'",
        "'.*admin$', 'arn:aws:iam::1:user/admin'",
        "'.*admin$', 'arn:aws:iam::1:user/administrator'",
        "'.+x', 'x'",
        "'.+b', 'line one\\nab'",
        "'^arn:aws:iam::.*:root$', 'arn:aws:iam::111122223333:root'",
        "'^arn:aws:iam::.*:root$', 'arn:aws:iam::111122223333:user/root'",
        "'ab+c', 'abbbc'",
        "'ab*c', 'ac'",
        "'(admin|root)x', 'rootx'",
        "'a\\.b', 'a.b'",
    })
    void shouldAnswerLikeAPlainSearch(String expression, String text) {
        String value = text.replace("\\n", "\n");
        boolean search = Pattern.compile(expression).matcher(value).find();
        assertThat(ValueMatchers.regex(expression, 0).test(TextNode.valueOf(value), null)).isEqualTo(search);
    }

    @ParameterizedTest(name = "{0} requires {1}")
    @CsvSource({
        "'.+:assumed-role/aws:.+', ':assumed-role/aws:'",
        "'^arn:aws:iam::.*:root$', 'arn:aws:iam::'",
        "'ab+c', 'ab'",
        "'xyz*', 'xy'",
        "'(admin|root)x', ''",
        "'a\\.bcd', ''",
        "'[a-z]+', ''",
        "'ab?c', ''",
    })
    void shouldRequireOnlyTextEveryMatchContains(String expression, String literal) {
        assertThat(ValueMatchers.requiredLiteral(expression)).isEqualTo(literal.isEmpty() ? null : literal);
    }

    @ParameterizedTest(name = "case-insensitive {0}")
    @CsvSource({"'.+ASSUMED-ROLE/AWS:.+', 'arn:aws:sts::1:assumed-role/aws:x/y'"})
    void shouldKeepFlags(String expression, String text) {
        assertThat(ValueMatchers.regex(expression, Pattern.CASE_INSENSITIVE).test(TextNode.valueOf(text), null)).isTrue();
        assertThat(ValueMatchers.regex(expression, 0).test(TextNode.valueOf(text), null)).isFalse();
    }
}
