package io.github.mwoauth.webflux;

import io.github.mwoauth.RequestToken;
import java.time.Instant;
import java.util.Objects;

/**
 * A login waiting for the wiki's callback: the request token (its secret is sealed in the session), where to
 * go afterwards and when it began. {@link #toString()} never shows the secret.
 */
public record PendingHandshake(RequestToken requestToken, String next, Instant createdAt) {

    public PendingHandshake {
        Objects.requireNonNull(requestToken, "requestToken cannot be null");
        Objects.requireNonNull(next, "next cannot be null");
        Objects.requireNonNull(createdAt, "createdAt cannot be null");
    }
}
