package io.github.mwoauth;

import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/** A {@link TokenStore} over one access token; the identity learnt by live checks is kept in memory. */
final class FixedTokenStore implements TokenStore {

    private final AtomicReference<@Nullable AuthorizedUser> user;

    FixedTokenStore(AccessToken token) {
        this.user = new AtomicReference<>(new AuthorizedUser(token, null));
    }

    @Override
    public Mono<AuthorizedUser> load() {
        return Mono.fromSupplier(user::get);
    }

    @Override
    public Mono<Void> saveIdentity(MediaWikiIdentity identity) {
        return Mono.fromRunnable(() -> user.updateAndGet(u -> u == null ? null : new AuthorizedUser(u.accessToken(), identity)));
    }

    @Override
    public Mono<Void> clear() {
        return Mono.fromRunnable(() -> user.set(null));
    }

    @Override
    public String toString() {
        return "TokenStore.fixed";
    }
}
