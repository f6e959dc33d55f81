package io.github.mwoauth.oauth1;

import java.util.Objects;

/**
 * A temporary credential of the handshake (RFC 5849 §2.1), valid on the wiki for 600 seconds between
 * initiate and the token exchange. {@link #toString()} never shows the secret.
 */
public record RequestToken(String key, String secret) {

    public RequestToken {
        Objects.requireNonNull(key, "key cannot be null");
        Objects.requireNonNull(secret, "secret cannot be null");
    }

    @Override
    public String toString() {
        return "RequestToken[key=" + key + ", secret=<hidden>]";
    }
}
