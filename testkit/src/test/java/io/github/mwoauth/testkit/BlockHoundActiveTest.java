package io.github.mwoauth.testkit;

import io.github.mwoauth.testsupport.BlockHoundAssertions;
import org.junit.jupiter.api.Test;

/** Every test run of this module has BlockHound installed (blockhound-junit-platform), not only NonBlockingTest. */
class BlockHoundActiveTest {

    @Test
    void sleepOnParallelSchedulerWhenAnyTestRunsThenBlockingCallError() {
        BlockHoundAssertions.assertInstalled();
    }
}
