package io.github.mwoauth.oauth2;

import io.github.mwoauth.MediaWikiIdentity;
import io.github.mwoauth.login.AuthorizedUser;
import io.github.mwoauth.login.TokenStore;
import io.github.mwoauth.login.UserCredentials;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * The credentials of an owner-only OAuth 2.0 client (a bot) by the {@code client_credentials} grant: the access
 * token is fetched from the token endpoint on first use, shared by concurrent callers, and fetched again once it
 * expires (within {@link OAuth2Login#TOKEN_EXPIRY_SKEW}) or after the wiki refused it. Always the same user: the
 * client's owner.
 */
public final class ClientCredentialsTokenStore implements TokenStore {

    private final Mono<OAuth2Tokens> tokens;
    private final AtomicReference<@Nullable OAuth2Tokens> last = new AtomicReference<>();
    private final AtomicReference<@Nullable OAuth2Tokens> refused = new AtomicReference<>();
    private final AtomicReference<@Nullable MediaWikiIdentity> identity = new AtomicReference<>();

    /**
     * A store fetching its tokens with {@code handshake}, whose client id and secret are an owner-only client's.
     *
     * @param clock the clock by which the tokens expire
     */
    public ClientCredentialsTokenStore(OAuth2Handshake handshake, Clock clock) {
        this.tokens = Mono.defer(handshake::clientCredentials)
                .doOnNext(fresh -> {
                    last.set(fresh);
                    identity.set(null);
                })
                .cacheInvalidateIf(held -> held.isExpired(clock, OAuth2Login.TOKEN_EXPIRY_SKEW)
                        || held.equals(refused.get()));
    }

    @Override
    public boolean isFixed() {
        return true;
    }

    @Override
    public Mono<AuthorizedUser> load() {
        return tokens.map(held -> new AuthorizedUser(held, identity.get()));
    }

    @Override
    public Mono<Void> saveIdentity(MediaWikiIdentity verified) {
        return Mono.fromRunnable(() -> identity.set(verified));
    }

    /** The wiki refused these tokens: the next {@link #load()} fetches new ones. */
    @Override
    public Mono<Void> clearCredentials(UserCredentials credentials) {
        return Mono.fromRunnable(() -> {
            if (credentials instanceof OAuth2Tokens held) {
                refused.set(held);
            }
        });
    }

    @Override
    public Mono<Void> clear() {
        return Mono.fromRunnable(() -> refused.set(last.get()));
    }

    @Override
    public String toString() {
        return "ClientCredentialsTokenStore";
    }
}
