package io.github.mwoauth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/**
 * Every test run of this module has BlockHound installed: a blocking call on a non-blocking thread fails. The other
 * modules call the testkit's {@code BlockHoundAssertions.assertInstalled()}; core cannot use the testkit (which
 * depends on core), so this is its own copy of that check.
 */
class BlockHoundTests {

    @Test
    void blockingCallOnParallelSchedulerThenDetected() {
        StepVerifier.create(Mono.delay(Duration.ofMillis(1)).publishOn(Schedulers.parallel()).doOnNext(x -> {
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        })).expectErrorSatisfies(e -> assertThat(e).hasMessageContaining("Blocking call"))
                .verify(Duration.ofSeconds(5));
    }
}
