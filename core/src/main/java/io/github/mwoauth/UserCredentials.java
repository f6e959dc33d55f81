package io.github.mwoauth;

/**
 * What authorizes API calls as a user: an OAuth 1.0a {@link AccessToken} (token and secret, signing each
 * request) or OAuth 2.0 {@link OAuth2Tokens} (a bearer access token, with a refresh token for web logins).
 * A {@link TokenStore} holds one of them per user. {@code toString()} of both never shows a secret.
 */
public sealed interface UserCredentials permits AccessToken, OAuth2Tokens {
}
