package io.github.mwoauth.demo;

import io.github.mwoauth.testsupport.BlockHoundAssertions;
import org.junit.jupiter.api.Test;

/**
 * This module's test runs have BlockHound installed (blockhound-junit-platform), so the demo started in-process
 * (DemoBrowserTests) runs under it: blocking on an event loop fails.
 */
class BlockHoundActiveTests {

    @Test
    void sleepOnParallelSchedulerWhenTestRunThenBlockingCallError() {
        BlockHoundAssertions.assertInstalled();
    }
}
