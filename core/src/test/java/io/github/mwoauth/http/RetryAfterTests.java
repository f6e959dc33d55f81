package io.github.mwoauth.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** {@code Retry-After} values as RFC 9110 defines them: delay-seconds or one of the three HTTP-date forms. */
class RetryAfterTests {

    private static final Instant NOW = Instant.parse("1994-11-06T08:49:00Z");

    private static Duration wait(String header) {
        RetryAfter parsed = RetryAfter.parse(header);
        assertThat(parsed).as(header).isNotNull();
        return parsed.delayFrom(NOW);
    }

    @Test
    void parseWhenDelaySecondsThenThatDelayWhateverTheClock() {
        assertThat(wait("0")).isZero();
        assertThat(wait(" 120 ")).isEqualTo(Duration.ofSeconds(120));
        assertThat(wait("99999999999999999999999")).as("too large for a long: as long as can be")
                .isEqualTo(Duration.ofSeconds(Long.MAX_VALUE));
    }

    @Test
    void parseWhenHttpDateInAnyOfTheThreeFormsThenTimeUntilIt() {
        assertThat(wait("Sun, 06 Nov 1994 08:49:37 GMT")).as("IMF-fixdate").isEqualTo(Duration.ofSeconds(37));
        assertThat(wait("Sunday, 06-Nov-94 08:49:37 GMT")).as("RFC 850").isEqualTo(Duration.ofSeconds(37));
        assertThat(wait("Sun Nov  6 08:49:37 1994")).as("asctime").isEqualTo(Duration.ofSeconds(37));
        assertThat(wait("Sun, 06 Nov 1994 08:48:00 GMT")).as("past").isZero();
    }

    @Test
    void parseWhenRfc850TwoDigitYearThenWithinFiftyYearsOfTheClock() {
        // "94" seen in 1994 is 1994, not 2094: a two-digit year more than 50 years ahead is the century before
        assertThat(RetryAfter.parse("Sunday, 06-Nov-94 08:49:37 GMT").delayFrom(NOW)).isEqualTo(Duration.ofSeconds(37));
        Instant in2030 = Instant.parse("2030-01-01T00:00:00Z");
        assertThat(RetryAfter.parse("Tuesday, 01-Jan-30 00:00:05 GMT").delayFrom(in2030)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void parseWhenNeitherSecondsNorDateThenNull() {
        assertThat(RetryAfter.parse(null)).isNull();
        assertThat(RetryAfter.parse("")).isNull();
        assertThat(RetryAfter.parse("-5")).isNull();
        assertThat(RetryAfter.parse("+5")).isNull();
        assertThat(RetryAfter.parse("1.5")).isNull();
        assertThat(RetryAfter.parse("soon")).isNull();
        assertThat(RetryAfter.parse("2026-11-28T12:00:00Z")).as("ISO 8601 is not an HTTP-date").isNull();
        assertThat(RetryAfter.parse("Sun, 06 Nov 1994 08:49:37 CET")).as("HTTP-dates are GMT").isNull();
        assertThat(RetryAfter.parse("Mon, 06 Nov 1994 08:49:37 GMT")).as("wrong weekday").isNull();
        assertThat(RetryAfter.parse("Sun, 31 Nov 1994 08:49:37 GMT")).as("no such day").isNull();
        assertThat(RetryAfter.parse("Sun, 06 Nov 1994 08:49:37 GMT" + " ".repeat(10) + "x".repeat(100))).isNull();
    }
}
