package io.github.mwoauth.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/**
 * This module's test runs have BlockHound installed (blockhound-junit-platform), so the demo started in-process
 * (DemoBrowserTests) runs under it: blocking on an event loop fails.
 */
class BlockHoundActiveTests {

    @Test
    void sleepOnParallelSchedulerWhenTestRunThenBlockingCallError() {
        StepVerifier.create(Mono.fromCallable(() -> {
            Thread.sleep(1);
            return "slept";
        }).subscribeOn(Schedulers.parallel()))
                .expectErrorSatisfies(e -> assertThat(e).hasMessageContaining("Blocking call"))
                .verify(Duration.ofSeconds(5));
    }
}
