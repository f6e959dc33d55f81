package io.github.mwoauth.login;

import io.github.mwoauth.MediaWikiIdentity;
import java.util.Objects;
import reactor.core.publisher.Mono;

/**
 * Where {@code ReactiveMediaWikiClient} finds the user it acts for. Fixed credentials serve bots and owner-only
 * consumers; a per-call store (the webflux module's WebSession store) reads the user of the current request,
 * typically from the Reactor {@link reactor.util.context.Context} of the subscription, so implementations build
 * their {@code Mono}s with {@link Mono#deferContextual}.
 *
 * <p>The conditional methods ({@link #replaceCredentials}, {@link #clearCredentials}) and {@link #reload()} serve
 * refreshable credentials, which a {@link MediaWikiLogin} replaces while requests run: they change the store only
 * if it still holds the credentials the caller saw, so that a request never undoes what another one stored.
 */
public interface TokenStore {

    /** The current user's credentials and identity; empty when nobody is logged in. */
    Mono<AuthorizedUser> load();

    /** Remembers a freshly verified identity of the current user (after a live check). */
    Mono<Void> saveIdentity(MediaWikiIdentity identity);

    /**
     * Replaces the current user's credentials with refreshed ones, keeping the identity, if the store still holds
     * {@code expected}; otherwise (another request stored newer ones, or the user logged out) changes nothing.
     * The default changes nothing at all, which suits stores of credentials that are never refreshed; a store of
     * refreshable credentials must override it, since the wiki rotates refresh tokens.
     */
    default Mono<Void> replaceCredentials(UserCredentials expected, UserCredentials fresh) {
        return Mono.empty();
    }

    /** Forgets the current user's credentials and identity, after the wiki said they are no good. */
    Mono<Void> clear();

    /**
     * The current user as the backing store holds it now, read again: a store shared by several application
     * instances (a session in Redis) may meanwhile hold credentials another instance stored. The default reads
     * nothing again: it answers {@link #load()}.
     */
    default Mono<AuthorizedUser> reload() {
        return load();
    }

    /**
     * Forgets the current user's credentials and identity if the store still holds {@code refused}, the
     * credentials the wiki refused; credentials stored meanwhile (another instance refreshed them, the user logged
     * in again) stay. The default clears whatever the store holds ({@link #clear()}).
     */
    default Mono<Void> clearCredentials(UserCredentials refused) {
        return clear();
    }

    /**
     * Whether this store always acts for the same user (a bot, a batch job) rather than for the user of each web
     * request; the client then yields to replica lag by default ({@code maxlag}), as Wikimedia asks of bots.
     */
    default boolean isFixed() {
        return false;
    }

    /** A store holding fixed credentials, for owner-only consumers, bots and tests. */
    static TokenStore fixed(UserCredentials credentials) {
        return new FixedTokenStore(Objects.requireNonNull(credentials, "credentials cannot be null"));
    }

    /** A store with no user at all: every call needing a user fails with {@code LoginRequiredException}. */
    static TokenStore none() {
        return NoTokenStore.INSTANCE;
    }
}
