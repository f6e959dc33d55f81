package io.github.mwoauth.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The concurrency probe, small: every call completes, concurrently (not one after another), on few threads. */
class ConcurrencyProbeTests {

    @Test
    void probeWhenManyCallsWaitOnSlowWikiThenAllCompleteConcurrentlyOnFewThreads() {
        ConcurrencyProbe.Result result = ConcurrencyProbe.run(500, Duration.ofMillis(200));
        System.out.println("smoke concurrency " + result.describe());

        assertThat(result.completed()).isEqualTo(500);
        assertThat(result.failed()).isZero();
        // one after another, 500 x 200 ms would take 100 s; generous for a busy 2-core CI machine
        assertThat(result.elapsed()).isLessThan(Duration.ofSeconds(30));
        assertThat(result.peakThreads()).isLessThan(result.threadsBefore() + 50);
    }
}
