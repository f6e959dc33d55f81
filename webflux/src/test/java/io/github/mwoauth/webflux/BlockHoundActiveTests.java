package io.github.mwoauth.webflux;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import reactor.blockhound.integration.BlockHoundIntegration;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/** This module's test runs have BlockHound installed (blockhound-junit-platform): blocking on an event loop fails. */
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

    @Test
    void redisLocksIntegrationWhenTestkitOnClassPathThenFoundByBlockHound() {
        assertThat(ServiceLoader.load(BlockHoundIntegration.class).stream().map(p -> p.type().getName()))
                .contains("io.github.mwoauth.testkit.blockhound.RedisBlockHoundIntegration");
    }
}
