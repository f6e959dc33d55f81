package io.github.mwoauth;

import io.github.mwoauth.support.BoundedCache;
import java.net.URI;
import org.jspecify.annotations.Nullable;

/**
 * CSRF tokens by user and wiki, in memory, at most {@code capacity} of them (beyond that, an arbitrary entry
 * makes room). A wiki's CSRF token for an OAuth user stays valid for as long as the user's grant, so each
 * instance asks once per user and wiki; a stale one costs one {@code badtoken} answer and one refetch.
 * Held here rather than in the session: writing it to the session would grow every session and write to Redis,
 * for a value any instance can get again with one request.
 */
final class CsrfTokens {

    /** A user (by the login's user key, never a secret) on a wiki. */
    record Key(String userKey, URI apiUrl) {
    }

    private final BoundedCache<Key, String> tokens;

    CsrfTokens(int capacity) {
        this.tokens = new BoundedCache<>(capacity);
    }

    @Nullable String get(Key key) {
        return tokens.get(key);
    }

    void put(Key key, String token) {
        tokens.put(key, token);
    }

    /** Forgets {@code token} (the wiki rejected it), unless another request already stored a newer one. */
    void forget(Key key, String token) {
        tokens.remove(key, token);
    }
}
