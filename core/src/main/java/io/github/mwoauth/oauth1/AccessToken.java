package io.github.mwoauth.oauth1;

import io.github.mwoauth.login.UserCredentials;
import java.util.Objects;

/**
 * A user's OAuth 1.0a access token and secret, valid until the user revokes the grant.
 * {@link #toString()} never shows the secret.
 */
public record AccessToken(String key, String secret) implements UserCredentials {

    public AccessToken {
        Objects.requireNonNull(key, "key cannot be null");
        Objects.requireNonNull(secret, "secret cannot be null");
        if (key.isBlank()) {
            throw new IllegalArgumentException("access token cannot be blank");
        }
    }

    @Override
    public String toString() {
        return "AccessToken[key=" + key + ", secret=<hidden>]";
    }
}
