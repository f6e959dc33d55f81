package io.github.mwoauth.securitydemo;

import io.github.mwoauth.testsupport.BlockHoundAssertions;
import org.junit.jupiter.api.Test;

/**
 * This module's test runs have BlockHound installed (blockhound-junit-platform), so the demo started in-process
 * by the browser tests runs under it, Spring Security's filters included: blocking on an event loop fails.
 */
class BlockHoundActiveTests {

    @Test
    void sleepOnParallelSchedulerWhenTestRunThenBlockingCallError() {
        BlockHoundAssertions.assertInstalled();
    }
}
