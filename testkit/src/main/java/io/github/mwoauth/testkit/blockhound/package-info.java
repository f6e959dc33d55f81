/**
 * BlockHound support for applications' tests: {@link io.github.mwoauth.testkit.blockhound.BlockHoundAssertions}
 * proves BlockHound is installed in a test JVM, and {@link
 * io.github.mwoauth.testkit.blockhound.RedisBlockHoundIntegration} lets Redis-backed sessions run with it.
 */
@NullMarked
package io.github.mwoauth.testkit.blockhound;

import org.jspecify.annotations.NullMarked;
