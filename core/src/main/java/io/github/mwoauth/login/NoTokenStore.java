package io.github.mwoauth.login;

import io.github.mwoauth.MediaWikiIdentity;
import reactor.core.publisher.Mono;

/** The {@link TokenStore} of a client that acts for nobody. */
enum NoTokenStore implements TokenStore {
    INSTANCE;

    @Override
    public Mono<AuthorizedUser> load() {
        return Mono.empty();
    }

    @Override
    public Mono<Void> saveIdentity(MediaWikiIdentity identity) {
        return Mono.empty();
    }

    @Override
    public Mono<Void> clear() {
        return Mono.empty();
    }
}
