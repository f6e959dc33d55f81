package io.github.mwoauth.kotlindemo

import io.github.mwoauth.testsupport.BlockHoundAssertions
import org.junit.jupiter.api.Test

/** This module's test runs have BlockHound installed, so the demo of [KotlinDemoFlowTests] runs under it. */
class BlockHoundActiveTests {

    @Test
    fun `sleeping on a parallel scheduler thread is reported as a blocking call`() {
        BlockHoundAssertions.assertInstalled()
    }
}
