/**
 * A reactive MediaWiki OAuth client: the OAuth 1.0a handshake with a wiki's Extension:OAuth, identity
 * verification, and signed Action API calls through {@link io.github.mwoauth.ReactiveMediaWikiClient}.
 */
@NullMarked
package io.github.mwoauth;

import org.jspecify.annotations.NullMarked;
