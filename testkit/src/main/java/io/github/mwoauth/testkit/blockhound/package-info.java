/**
 * BlockHound support for applications' tests: {@link
 * io.github.mwoauth.testkit.blockhound.RedisBlockHoundIntegration} lets Redis-backed sessions run with it.
 */
@NullMarked
package io.github.mwoauth.testkit.blockhound;

import org.jspecify.annotations.NullMarked;
