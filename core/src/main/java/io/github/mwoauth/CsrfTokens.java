package io.github.mwoauth;

import java.net.URI;
import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * CSRF tokens by user and wiki, in memory, at most {@code capacity} of them (beyond that, an arbitrary entry
 * makes room). A wiki's CSRF token for an OAuth user stays valid for as long as the user's grant, so each
 * instance asks once per user and wiki; a stale one costs one {@code badtoken} answer and one refetch.
 * Held here rather than in the session: writing it to the session would grow every session and write to Redis,
 * for a value any instance can get again with one request.
 */
final class CsrfTokens {

    /** A user (by access token key, which is public; never the secret) on a wiki. */
    record Key(String accessTokenKey, URI apiUrl) {
    }

    private final ConcurrentHashMap<Key, String> tokens = new ConcurrentHashMap<>();
    private final int capacity;

    CsrfTokens(int capacity) {
        this.capacity = capacity;
    }

    @Nullable String get(Key key) {
        return tokens.get(key);
    }

    void put(Key key, String token) {
        if (tokens.size() >= capacity && !tokens.containsKey(key)) {
            Iterator<Key> keys = tokens.keySet().iterator();
            if (keys.hasNext()) {
                tokens.remove(keys.next());
            }
        }
        tokens.put(key, token);
    }

    /** Forgets {@code token} (the wiki rejected it), unless another request already stored a newer one. */
    void forget(Key key, String token) {
        tokens.remove(key, token);
    }

    int size() {
        return tokens.size();
    }
}
