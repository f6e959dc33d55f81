package io.github.mwoauth.login;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;

/**
 * A started login: the wiki page to send the user to, and what to keep until the wiki calls back.
 * {@link #toString()} hides the secret.
 *
 * @param authorizeUrl where the user grants (or refuses) access
 * @param key what the callback names the login by (OAuth 1.0a: the request token; OAuth 2.0: {@code state})
 * @param secret what completing the login needs and nobody else may see (OAuth 1.0a: the request token secret;
 *     OAuth 2.0: the PKCE code verifier)
 */
public record LoginRedirect(URI authorizeUrl, String key, String secret) {

    public LoginRedirect {
        Objects.requireNonNull(authorizeUrl, "authorizeUrl cannot be null");
        Objects.requireNonNull(key, "key cannot be null");
        Objects.requireNonNull(secret, "secret cannot be null");
    }

    /** What to keep for this login, which returns the user to {@code next}, started at {@code now}. */
    public PendingLogin pending(String next, Instant now) {
        return new PendingLogin(key, secret, next, now);
    }

    @Override
    public String toString() {
        return "LoginRedirect[authorizeUrl=<hidden>, key=<hidden>, secret=<hidden>]";
    }
}
