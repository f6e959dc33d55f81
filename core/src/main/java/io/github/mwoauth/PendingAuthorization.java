package io.github.mwoauth;

import java.net.URI;
import java.util.Objects;

/**
 * The outcome of the initiate step: the request token to keep until the callback, and the wiki page to send
 * the user to for consent.
 */
public record PendingAuthorization(RequestToken requestToken, URI authorizeUrl) {

    public PendingAuthorization {
        Objects.requireNonNull(requestToken, "requestToken cannot be null");
        Objects.requireNonNull(authorizeUrl, "authorizeUrl cannot be null");
    }
}
