package io.github.mwoauth.login;

import io.github.mwoauth.MediaWikiIdentity;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/** A {@link TokenStore} over fixed credentials; the identity learnt by live checks is kept in memory. */
final class FixedTokenStore implements TokenStore {

    private final AtomicReference<@Nullable AuthorizedUser> user;

    FixedTokenStore(UserCredentials credentials) {
        this.user = new AtomicReference<>(new AuthorizedUser(credentials, null));
    }

    @Override
    public boolean isFixed() {
        return true;
    }

    @Override
    public Mono<AuthorizedUser> load() {
        return Mono.fromSupplier(user::get);
    }

    @Override
    public Mono<Void> saveIdentity(MediaWikiIdentity identity) {
        return Mono.fromRunnable(() -> user.updateAndGet(u -> u == null ? null : new AuthorizedUser(u.credentials(), identity)));
    }

    @Override
    public Mono<Void> replaceCredentials(UserCredentials expected, UserCredentials fresh) {
        return Mono.fromRunnable(() -> user.updateAndGet(u -> u != null && u.credentials().equals(expected)
                ? u.withCredentials(fresh) : u));
    }

    @Override
    public Mono<Void> clearCredentials(UserCredentials refused) {
        return Mono.fromRunnable(() -> user.updateAndGet(u -> u != null && u.credentials().equals(refused) ? null : u));
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
