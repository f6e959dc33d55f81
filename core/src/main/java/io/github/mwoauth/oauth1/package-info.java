/**
 * OAuth 1.0a with a wiki's Extension:OAuth: request signing per RFC 5849 (HMAC-SHA1, header form), the
 * handshake (initiate, authorize, token, identify), identity JWT verification, and
 * {@link io.github.mwoauth.oauth1.OAuth1Login}, the login type that puts them together.
 */
@NullMarked
package io.github.mwoauth.oauth1;

import org.jspecify.annotations.NullMarked;
