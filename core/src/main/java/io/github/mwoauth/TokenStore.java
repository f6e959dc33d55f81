package io.github.mwoauth;

import java.util.Objects;
import reactor.core.publisher.Mono;

/**
 * Where {@link ReactiveMediaWikiClient} finds the credentials of the user it acts for. Fixed credentials serve
 * bots and owner-only consumers; a per-call store (the webflux module's WebSession store) reads the credentials
 * of the current request, typically from the Reactor {@link reactor.util.context.Context} of the subscription,
 * so implementations build their {@code Mono}s with {@link Mono#deferContextual}.
 */
public interface TokenStore {

    /** The current user's credentials and identity; empty when nobody is logged in. */
    Mono<AuthorizedUser> load();

    /** Remembers a freshly verified identity of the current user (after a live check). */
    Mono<Void> saveIdentity(MediaWikiIdentity identity);

    /**
     * Replaces the current user's credentials with refreshed ones (OAuth 2.0), keeping the identity, if the
     * store still holds {@code expected}; otherwise (another request stored newer ones, or the user logged out)
     * changes nothing. The default changes nothing at all, which suits stores of OAuth 1.0a tokens only; a store
     * of OAuth 2.0 tokens with refresh tokens must override it, since the wiki rotates refresh tokens.
     */
    default Mono<Void> replaceCredentials(UserCredentials expected, UserCredentials fresh) {
        return Mono.empty();
    }

    /** Forgets the current user's credentials and identity, after the wiki said they are no good. */
    Mono<Void> clear();

    /**
     * The current user as the backing store holds it now, read again: a store shared by several application
     * instances (a session in Redis) may meanwhile hold tokens another instance stored. The client calls it when
     * the wiki refuses to refresh OAuth 2.0 tokens, since another instance may have used the refresh token first.
     * The default reads nothing again: it answers {@link #load()}.
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
     * A store holding fixed credentials, for owner-only consumers, bots and tests: an OAuth 1.0a
     * {@link AccessToken} or an owner-only OAuth 2.0 access token ({@link OAuth2Tokens#ownerOnly(String)}).
     */
    static TokenStore fixed(UserCredentials credentials) {
        return new FixedTokenStore(Objects.requireNonNull(credentials, "credentials cannot be null"));
    }

    /** A store with no user at all: every call needing a user fails with {@link LoginRequiredException}. */
    static TokenStore none() {
        return NoTokenStore.INSTANCE;
    }
}
