package io.github.mwoauth.login;

/**
 * What authorizes API calls as a user, as one {@link MediaWikiLogin} type issues it: an OAuth 1.0a access token
 * (token and secret, signing each request) or OAuth 2.0 tokens (a bearer access token, with a refresh token for
 * web logins). A {@link TokenStore} holds one per user; only the login type that issued them reads them.
 * {@code toString()} of every implementation hides the secrets.
 */
public interface UserCredentials {
}
