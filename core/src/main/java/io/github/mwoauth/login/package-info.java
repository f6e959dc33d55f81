/**
 * What every login protocol shares: {@link io.github.mwoauth.login.MediaWikiLogin}, the protocol as a type
 * (implemented by {@code oauth1.OAuth1Login} and {@code oauth2.OAuth2Login}), the pending login that waits for
 * the wiki's callback, and the {@link io.github.mwoauth.login.TokenStore} where the client finds a user's
 * credentials.
 */
@NullMarked
package io.github.mwoauth.login;

import org.jspecify.annotations.NullMarked;
