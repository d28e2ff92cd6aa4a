package io.tripline.core.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.SplittableRandom;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** AWS timestamps read without a DateTimeFormatter give exactly the instants Instant.parse gives. */
class JsonTimestampTest {

    @ParameterizedTest
    @ValueSource(strings = {"2021-01-24T04:55:45Z", "2026-11-28T23:59:59.9Z", "2024-02-29T00:00:00.123Z",
            "2000-02-29T12:30:01.123456789Z", "1970-01-01T00:00:00Z", "1969-12-31T23:59:59.000001Z", "0001-01-01T00:00:00Z",
            "9999-12-31T23:59:59.999999999Z", "2021-07-04T08:09:10.050Z"})
    void shouldReadTheAwsShapeAsInstantParseDoes(String text) {
        assertThat(Json.utcTimestamp(text)).isEqualTo(Instant.parse(text));
        assertThat(Json.requiredInstant(field(text), "test", "t")).isEqualTo(Instant.parse(text));
    }

    @Test
    void shouldReadRandomTimestampsAsInstantParseDoes() {
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < 20_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(-62_135_596_800L, 253_402_300_799L),
                    random.nextInt(4) == 0 ? 0 : random.nextInt(1_000_000_000));
            String text = instant.toString();
            assertThat(Json.utcTimestamp(text)).as(text).isEqualTo(Instant.parse(text));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"2021-02-29T00:00:00Z", "2021-13-01T00:00:00Z", "2021-00-01T00:00:00Z", "2021-01-00T00:00:00Z",
            "2021-04-31T00:00:00Z", "2021-01-01T24:00:00Z", "2021-01-01T00:60:00Z", "2021-01-01T00:00:60Z",
            "2021-01-01T00:00:00.Z", "2021-01-01T00:00:00.1234567890Z", "2021-01-01t00:00:00z", "2021-01-01T00:00:00+01:00",
            "+12021-01-01T00:00:00Z", "2021-01-01 00:00:00Z", "2021-1-01T00:00:00Z", "2021-01-01T00:00:0aZ",
            "2021-01-01T00:00:00.1a3Z", "20210101T000000Z"})
    void shouldLeaveEveryOtherShapeToInstantParse(String text) {
        assertThat(Json.utcTimestamp(text)).isNull();
    }

    @Test
    void shouldStillReadOffsetsLowerCaseAndDataLakeTimestampsAndRejectImpossibleDates() {
        assertThat(Json.requiredInstant(field("2021-01-01T01:00:00+01:00"), "test", "t")).isEqualTo(Instant.parse("2021-01-01T00:00:00Z"));
        assertThat(Json.requiredInstant(field("2021-01-01t00:00:00z"), "test", "t")).isEqualTo(Instant.parse("2021-01-01T00:00:00Z"));
        assertThat(Json.requiredInstant(field("2021-01-24 04:55:45.000"), "test", "t")).isEqualTo(Instant.parse("2021-01-24T04:55:45Z"));
        assertThatThrownBy(() -> Json.requiredInstant(field("2021-02-29T00:00:00Z"), "test", "t"))
                .isInstanceOf(NormalizationException.class).hasMessageContaining("is not a timestamp");
    }

    private static ObjectNode field(String text) {
        return JsonNodeFactory.instance.objectNode().put("t", text);
    }
}
