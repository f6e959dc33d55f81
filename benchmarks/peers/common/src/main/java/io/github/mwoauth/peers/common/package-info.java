/** What the benchmark's peer apps share: the demo's pages, written once. */
@NullMarked
package io.github.mwoauth.peers.common;

import org.jspecify.annotations.NullMarked;
