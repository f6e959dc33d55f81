package io.github.mwoauth.testkit;

import io.github.mwoauth.oauth1.ConsumerCredentials;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A registered consumer as the wiki hands it to the developer. {@link #toString()} hides the secrets.
 *
 * @param name the application name
 * @param kind the consumer kind
 * @param key the consumer key, 32 hex
 * @param secret the consumer secret, 40 hex
 * @param callback the registered callback, {@code null} for owner-only consumers
 * @param grants the grants
 * @param ownerToken for owner-only consumers the access token (32 hex), else {@code null}
 * @param ownerSecret for owner-only consumers the access secret (40 hex), else {@code null}
 */
public record Consumer(String name, ConsumerKind kind, String key, String secret, @Nullable String callback,
        List<String> grants, @Nullable String ownerToken, @Nullable String ownerSecret) {

    public Consumer {
        grants = List.copyOf(grants);
    }

    /** The key and secret as the client library takes them. */
    public ConsumerCredentials credentials() {
        return new ConsumerCredentials(key, secret);
    }

    /** Whether the grants are only {@code mwoauth-authonly} / {@code mwoauth-authonlyprivate}. */
    public boolean identityOnly() {
        return !grants.isEmpty() && grants.stream()
                .allMatch(g -> g.equals("mwoauth-authonly") || g.equals("mwoauth-authonlyprivate"));
    }

    @Override
    public String toString() {
        return "Consumer[name=" + name + ", kind=" + kind + ", key=" + key + ", callback=" + callback
                + ", grants=" + grants + ", secrets=<hidden>]";
    }
}
