package io.github.mwoauth.webflux;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mwoauth.testsupport.BlockHoundAssertions;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import reactor.blockhound.integration.BlockHoundIntegration;

/** This module's test runs have BlockHound installed (blockhound-junit-platform): blocking on an event loop fails. */
class BlockHoundActiveTests {

    @Test
    void sleepOnParallelSchedulerWhenTestRunThenBlockingCallError() {
        BlockHoundAssertions.assertInstalled();
    }

    @Test
    void redisLocksIntegrationWhenTestkitOnClassPathThenFoundByBlockHound() {
        assertThat(ServiceLoader.load(BlockHoundIntegration.class).stream().map(p -> p.type().getName()))
                .contains("io.github.mwoauth.testkit.blockhound.RedisBlockHoundIntegration");
    }
}
