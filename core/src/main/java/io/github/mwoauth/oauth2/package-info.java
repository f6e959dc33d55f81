/**
 * OAuth 2.0 with a wiki's Extension:OAuth ({@code rest.php/oauth2}): the authorization code grant with
 * {@code state} and PKCE, refreshes (single use, shared across concurrent requests and instances), the profile,
 * and {@link io.github.mwoauth.oauth2.OAuth2Login}, the login type that puts them together.
 */
@NullMarked
package io.github.mwoauth.oauth2;

import org.jspecify.annotations.NullMarked;
