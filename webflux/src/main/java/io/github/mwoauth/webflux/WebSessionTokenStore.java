package io.github.mwoauth.webflux;

import io.github.mwoauth.MediaWikiIdentity;
import io.github.mwoauth.login.AuthorizedUser;
import io.github.mwoauth.login.TokenStore;
import io.github.mwoauth.login.UserCredentials;
import java.util.Objects;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebSession;
import reactor.core.publisher.Mono;

/**
 * The {@link TokenStore} of a web application: the user of the current request, kept in its {@link WebSession}
 * by a {@link WebSessionCredentialsRepository}. The session is the one of the exchange that
 * {@link MediaWikiSessionWebFilter} put in the Reactor context (reached within the session-store timeout);
 * {@link #forExchange(ServerWebExchange)} and {@link #forSession(WebSession)} bind one explicitly instead.
 */
public final class WebSessionTokenStore implements TokenStore {

    private final WebSessionCredentialsRepository users;
    private final Mono<WebSession> session;

    /** The store acting for the session of the current request. */
    public WebSessionTokenStore(WebSessionCredentialsRepository users) {
        this(users, users.access().currentSession());
    }

    private WebSessionTokenStore(WebSessionCredentialsRepository users, Mono<WebSession> session) {
        this.users = Objects.requireNonNull(users, "users cannot be null");
        this.session = session;
    }

    /** This store bound to one exchange's session rather than to the Reactor context. */
    public TokenStore forExchange(ServerWebExchange exchange) {
        Objects.requireNonNull(exchange, "exchange cannot be null");
        return new WebSessionTokenStore(users, Mono.defer(() -> users.access().session(exchange)));
    }

    /** This store bound to one session rather than to the Reactor context. */
    public TokenStore forSession(WebSession session) {
        Objects.requireNonNull(session, "session cannot be null");
        return new WebSessionTokenStore(users, Mono.just(session));
    }

    @Override
    public Mono<AuthorizedUser> load() {
        return session.flatMap(s -> Mono.justOrEmpty(users.user(s)));
    }

    @Override
    public Mono<Void> saveIdentity(MediaWikiIdentity identity) {
        Objects.requireNonNull(identity, "identity cannot be null");
        return session.doOnNext(s -> users.saveIdentity(s, identity)).then();
    }

    @Override
    public Mono<Void> replaceCredentials(UserCredentials expected, UserCredentials fresh) {
        return session.flatMap(s -> users.replaceCredentials(s, expected, fresh));
    }

    @Override
    public Mono<Void> clear() {
        return session.doOnNext(users::clear).then();
    }

    @Override
    public Mono<AuthorizedUser> reload() {
        return session.flatMap(users::reload);
    }

    @Override
    public Mono<Void> clearCredentials(UserCredentials refused) {
        return session.flatMap(s -> users.clearCredentials(s, refused));
    }

    @Override
    public String toString() {
        return "WebSessionTokenStore";
    }
}
