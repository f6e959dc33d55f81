package io.github.mwoauth.oauth1;

import java.util.Objects;

/**
 * The consumer key and secret a wiki hands out when an OAuth 1.0a consumer is registered.
 * {@link #toString()} never shows the secret.
 */
public record ConsumerCredentials(String key, String secret) {

    public ConsumerCredentials {
        Objects.requireNonNull(key, "key cannot be null");
        Objects.requireNonNull(secret, "secret cannot be null");
        if (key.isBlank()) {
            throw new IllegalArgumentException("consumer key cannot be blank");
        }
        if (secret.isBlank()) {
            throw new IllegalArgumentException("consumer secret cannot be blank");
        }
    }

    @Override
    public String toString() {
        return "ConsumerCredentials[key=" + key + ", secret=<hidden>]";
    }
}
