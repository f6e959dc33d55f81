/** Test support shared by the peer apps' tests: a wiki with a contributor, and login.py as run.sh runs it. */
@NullMarked
package io.github.mwoauth.peers.testing;

import org.jspecify.annotations.NullMarked;
