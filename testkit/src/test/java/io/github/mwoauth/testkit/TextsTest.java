package io.github.mwoauth.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TextsTest {

    @Test
    void isoTimestampsAreTheApisFormWholeSecondsInUtc() {
        assertThat(Texts.isoTimestamp(Instant.parse("2026-11-28T03:12:33.987Z"))).isEqualTo("2026-11-28T03:12:33Z");
        assertThat(Texts.isoTimestamp(Instant.parse("2001-01-15T00:00:00Z"))).isEqualTo("2001-01-15T00:00:00Z");
    }

    @Test
    void isoTimestampsMatchJavasIsoInstantFormatAcrossTheYears() {
        SplittableRandom random = new SplittableRandom(20261203);
        long[] edges = {Instant.parse("1000-01-01T00:00:00Z").getEpochSecond(),
                Instant.parse("0999-12-31T23:59:59Z").getEpochSecond(),
                Instant.parse("9999-12-31T23:59:59Z").getEpochSecond(),
                Instant.parse("+10000-01-01T00:00:00Z").getEpochSecond(), -1, 0, 951_782_400 /* 2000-02-29 */};
        for (long second : edges) {
            assertSameAsJava(Instant.ofEpochSecond(second, 123_456_789));
        }
        for (int i = 0; i < 10_000; i++) {
            assertSameAsJava(Instant.ofEpochSecond(random.nextLong(-40_000_000_000L, 300_000_000_000L),
                    random.nextInt(1_000_000_000)));
        }
    }

    private static void assertSameAsJava(Instant t) {
        assertThat(Texts.isoTimestamp(t)).isEqualTo(DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(ChronoUnit.SECONDS)));
    }
}
