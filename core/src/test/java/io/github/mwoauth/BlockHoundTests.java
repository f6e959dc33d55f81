package io.github.mwoauth;

import io.github.mwoauth.testsupport.BlockHoundAssertions;
import org.junit.jupiter.api.Test;

/** Every test run of this module has BlockHound installed: a blocking call on a non-blocking thread fails. */
class BlockHoundTests {

    @Test
    void blockHoundWhenTestsRunThenInstalled() {
        BlockHoundAssertions.assertInstalled();
    }
}
