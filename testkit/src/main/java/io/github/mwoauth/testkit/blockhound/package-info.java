/** BlockHound integrations for applications' tests that run Redis-backed sessions with BlockHound installed. */
@NullMarked
package io.github.mwoauth.testkit.blockhound;

import org.jspecify.annotations.NullMarked;
