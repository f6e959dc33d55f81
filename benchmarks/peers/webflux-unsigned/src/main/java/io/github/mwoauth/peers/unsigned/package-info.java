/** The same-stack limit (d2): the demo's stack without the library, making the demo's api.php call unsigned. */
@NullMarked
package io.github.mwoauth.peers.unsigned;

import org.jspecify.annotations.NullMarked;
