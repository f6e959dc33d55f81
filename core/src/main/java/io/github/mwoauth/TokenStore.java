package io.github.mwoauth;

import java.util.Objects;
import reactor.core.publisher.Mono;

/**
 * Where {@link ReactiveMediaWikiClient} finds the access token of the user it acts for. A fixed token serves
 * bots and owner-only consumers; a per-call store (the webflux module's WebSession store) reads the token of
 * the current request, typically from the Reactor {@link reactor.util.context.Context} of the subscription,
 * so implementations build their {@code Mono}s with {@link Mono#deferContextual}.
 */
public interface TokenStore {

    /** The current user's token and identity; empty when nobody is logged in. */
    Mono<AuthorizedUser> load();

    /** Remembers a freshly verified identity of the current user (after a live check). */
    Mono<Void> saveIdentity(MediaWikiIdentity identity);

    /** Forgets the current user's token and identity, after the wiki said the grant is gone. */
    Mono<Void> clear();

    /** A store holding one fixed access token, for owner-only consumers, bots and tests. */
    static TokenStore fixed(AccessToken accessToken) {
        return new FixedTokenStore(Objects.requireNonNull(accessToken, "accessToken cannot be null"));
    }

    /** A store with no user at all: every call needing a user fails with {@link LoginRequiredException}. */
    static TokenStore none() {
        return NoTokenStore.INSTANCE;
    }
}
