package io.github.mwoauth.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/** Every test run of this module has BlockHound installed (blockhound-junit-platform), not only NonBlockingTest. */
class BlockHoundActiveTest {

    @Test
    void sleepOnParallelSchedulerWhenAnyTestRunsThenBlockingCallError() {
        StepVerifier.create(Mono.fromCallable(() -> {
            Thread.sleep(1);
            return "slept";
        }).subscribeOn(Schedulers.parallel()))
                .expectErrorSatisfies(e -> assertThat(e).hasMessageContaining("Blocking call"))
                .verify(Duration.ofSeconds(5));
    }
}
