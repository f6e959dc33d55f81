package io.github.mwoauth.webflux;

import io.github.mwoauth.AccessToken;
import io.github.mwoauth.AuthorizedUser;
import io.github.mwoauth.MediaWikiIdentity;
import io.github.mwoauth.OAuth2Authorization;
import io.github.mwoauth.OAuth2Tokens;
import io.github.mwoauth.ReactiveMediaWikiClient;
import io.github.mwoauth.RequestToken;
import io.github.mwoauth.TokenStore;
import io.github.mwoauth.UserCredentials;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebSession;
import org.springframework.web.server.session.WebSessionStore;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

/**
 * Keeps the logged-in user of a {@link WebSession} (any store: Spring Session's Redis, the in-memory default)
 * in small sealed attributes: {@value #USER_ATTRIBUTE} (the OAuth 1.0a access token with its secret or the
 * OAuth 2.0 access and refresh tokens with the expiry, and who the user is, without the rights list),
 * {@value #PENDING_ATTRIBUTE} (OAuth 1.0a logins waiting for the wiki's callback, each with its request token
 * secret) and {@value #PENDING_OAUTH2_ATTRIBUTE} (OAuth 2.0 logins waiting, each with its state and PKCE
 * verifier). Token and identity share one attribute to keep a logged-in session
 * under 1 KB in Redis. A value that does not open (tampered, sealed with another key) counts as absent: the
 * user is simply not logged in.
 *
 * <p>As a {@link TokenStore} it acts for the session of the current request, which
 * {@link MediaWikiSessionWebFilter} puts in the Reactor {@link Context}; {@link #forSession(WebSession)} and
 * {@link #forExchange(ServerWebExchange)} bind it explicitly instead.
 *
 * <p>Several application instances may serve one session at the same time. Refreshed OAuth 2.0 tokens are
 * therefore saved to the session store at once, not only when the response is sent, and with the
 * {@linkplain #setSessionStore(WebSessionStore) session store} set, {@link #reload()} and
 * {@link #clearCredentials(UserCredentials)} read the session from the store again, so that an instance whose
 * refresh the wiki refused (the other instance used the refresh token first) takes the other's tokens rather
 * than logging the user out.
 */
public final class WebSessionTokenStore implements TokenStore {

    public static final String USER_ATTRIBUTE = "mwoauth.user";
    public static final String PENDING_ATTRIBUTE = "mwoauth.pending";
    public static final String PENDING_OAUTH2_ATTRIBUTE = "mwoauth.pending2";

    /** The Reactor context key under which the current {@link ServerWebExchange} is found. */
    public static final String EXCHANGE_CONTEXT_KEY = WebSessionTokenStore.class.getName() + ".EXCHANGE";

    /** Opened {@value #USER_ATTRIBUTE} values: at most this many logged-in users' sessions skip opening it again. */
    static final int OPENED_USERS = 2048;

    private static final Logger log = LoggerFactory.getLogger(WebSessionTokenStore.class);

    private final SessionSealer sealer;
    private final SealedValueCache<AuthorizedUser> users = new SealedValueCache<>(OPENED_USERS);
    private volatile @Nullable WebSessionStore sessionStore;
    private volatile @Nullable Duration sessionStoreTimeout;

    public WebSessionTokenStore(SessionSealer sealer) {
        this.sealer = Objects.requireNonNull(sealer, "sealer cannot be null");
    }

    /**
     * The store the application's sessions live in (the {@code WebSessionStore} of its
     * {@code DefaultWebSessionManager}: Spring Session's Redis store when instances share sessions), read again by
     * {@link #reload(WebSession)} and {@link #clearCredentials(WebSession, UserCredentials)}. Unset (the
     * default): those look at the request's session only, which suits a single instance. The Spring Boot
     * auto-configuration sets it.
     */
    public void setSessionStore(WebSessionStore sessionStore) {
        this.sessionStore = Objects.requireNonNull(sessionStore, "sessionStore cannot be null");
    }

    /**
     * How long this store waits for the session store to load the request's session, or to read it again, before
     * failing with {@link SessionStoreUnavailableException} (which {@link MediaWikiSessionWebFilter} answers with its
     * 503 page). Unset (the default): as long as the session store's own client waits ({@code
     * spring.data.redis.timeout} for Spring Session's Redis store). The Spring Boot auto-configuration sets it to
     * {@code mediawiki.oauth.session-store-timeout}.
     */
    public void setSessionStoreTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout cannot be null");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
        this.sessionStoreTimeout = timeout;
    }

    /** The timeout set by {@link #setSessionStoreTimeout(Duration)}; empty when unset. */
    public Optional<Duration> sessionStoreTimeout() {
        return Optional.ofNullable(sessionStoreTimeout);
    }

    /** {@code operation} given up after {@link #setSessionStoreTimeout(Duration) the timeout}, if one is set. */
    private <T> Mono<T> bounded(Mono<T> operation) {
        Duration timeout = sessionStoreTimeout;
        return timeout == null ? operation : operation.timeout(timeout)
                .onErrorMap(TimeoutException.class, SessionStoreUnavailableException::new);
    }

    /** The session of the current request, bounded in time; empty outside a request. */
    private Mono<WebSession> boundedSession() {
        return bounded(currentSession());
    }

    /** A Reactor context holding {@code exchange}, for code that subscribes outside the filter. */
    public static Context withExchange(Context context, ServerWebExchange exchange) {
        return context.put(EXCHANGE_CONTEXT_KEY, exchange);
    }

    /** The session of the current request, from the Reactor context; empty outside a request. */
    public static Mono<WebSession> currentSession() {
        return Mono.deferContextual(WebSessionTokenStore::sessionOf);
    }

    private static Mono<WebSession> sessionOf(ContextView context) {
        return context.<ServerWebExchange>getOrEmpty(EXCHANGE_CONTEXT_KEY)
                .map(WebSessionTokenStore::session)
                .orElseGet(Mono::empty);
    }

    /** The exchange's session; a failing session store surfaces as {@link SessionStoreUnavailableException}. */
    public static Mono<WebSession> session(ServerWebExchange exchange) {
        return exchange.getSession().onErrorMap(e -> !(e instanceof SessionStoreUnavailableException),
                SessionStoreUnavailableException::new);
    }

    @Override
    public Mono<AuthorizedUser> load() {
        return boundedSession().flatMap(this::load);
    }

    @Override
    public Mono<Void> saveIdentity(MediaWikiIdentity identity) {
        Objects.requireNonNull(identity, "identity cannot be null");
        return boundedSession().doOnNext(session -> saveIdentity(session, identity)).then();
    }

    @Override
    public Mono<Void> replaceCredentials(UserCredentials expected, UserCredentials fresh) {
        return boundedSession().flatMap(session -> replaceAndSave(session, expected, fresh));
    }

    @Override
    public Mono<Void> clear() {
        return boundedSession().doOnNext(this::clear).then();
    }

    @Override
    public Mono<AuthorizedUser> reload() {
        return boundedSession().flatMap(this::reload);
    }

    @Override
    public Mono<Void> clearCredentials(UserCredentials refused) {
        return boundedSession().flatMap(session -> clearCredentials(session, refused));
    }

    /** This store bound to one session rather than to the Reactor context. */
    public TokenStore forSession(WebSession session) {
        Objects.requireNonNull(session, "session cannot be null");
        return new Bound(Mono.just(session));
    }

    /** This store bound to one exchange's session rather than to the Reactor context. */
    public TokenStore forExchange(ServerWebExchange exchange) {
        Objects.requireNonNull(exchange, "exchange cannot be null");
        return new Bound(Mono.defer(() -> bounded(session(exchange))));
    }

    /** {@code client} acting for the user of this exchange, for code that prefers explicit binding. */
    public ReactiveMediaWikiClient clientFor(ReactiveMediaWikiClient client, ServerWebExchange exchange) {
        return client.withTokenStore(forExchange(exchange));
    }

    /** The session's user; empty when nobody is logged in or the sealed token does not open. */
    public Mono<AuthorizedUser> load(WebSession session) {
        return Mono.fromSupplier(() -> user(session).orElse(null));
    }

    /** The session's user, now. */
    public Optional<AuthorizedUser> user(WebSession session) {
        return session.getAttributes().get(USER_ATTRIBUTE) instanceof String sealed
                ? users.open(sealed, s -> sealer.open(USER_ATTRIBUTE, s).flatMap(SessionCodec::user))
                : Optional.empty();
    }

    /** Whether the session holds a user (sealed; not checked here whether it opens). */
    public boolean hasUser(WebSession session) {
        return session.getAttributes().containsKey(USER_ATTRIBUTE);
    }

    /** Stores a completed login (OAuth 1.0a access token or OAuth 2.0 tokens). The caller rotates the session id first. */
    public void saveLogin(WebSession session, UserCredentials token, MediaWikiIdentity identity) {
        Objects.requireNonNull(token, "token cannot be null");
        Objects.requireNonNull(identity, "identity cannot be null");
        writeUser(session, token, identity);
    }

    /** Replaces the stored identity, if a user is logged in. */
    public void saveIdentity(WebSession session, MediaWikiIdentity identity) {
        Objects.requireNonNull(identity, "identity cannot be null");
        user(session).ifPresent(user -> writeUser(session, user.credentials(), identity));
    }

    /**
     * Stores refreshed credentials, identity kept, if the session still holds {@code expected}. The session is
     * not saved here; {@link #replaceCredentials(UserCredentials, UserCredentials)} saves it at once.
     */
    public void replaceCredentials(WebSession session, UserCredentials expected, UserCredentials fresh) {
        replace(session, expected, fresh);
    }

    private boolean replace(WebSession session, UserCredentials expected, UserCredentials fresh) {
        Objects.requireNonNull(fresh, "fresh cannot be null");
        Optional<AuthorizedUser> current = user(session).filter(user -> user.credentials().equals(expected));
        current.ifPresent(user -> writeUser(session, fresh, user.identity()));
        return current.isPresent();
    }

    /**
     * Stores refreshed credentials as {@link #replaceCredentials(WebSession, UserCredentials, UserCredentials)}
     * does and saves the session now rather than when the response is sent: the refresh token just used is gone
     * at the wiki, and another instance serving the same session must find the new tokens as soon as possible. A
     * failed save is logged; the save when the response is sent tries again.
     */
    private Mono<Void> replaceAndSave(WebSession session, UserCredentials expected, UserCredentials fresh) {
        return replace(session, expected, fresh) ? saveNow(session) : Mono.empty();
    }

    private Mono<Void> saveNow(WebSession session) {
        return bounded(Mono.defer(() -> session.isStarted() ? session.save() : Mono.<Void>empty()))
                .onErrorResume(e -> {
                    log.warn("Saving the session at once failed; it is saved again when the response is sent: {}",
                            e.toString());
                    return Mono.empty();
                });
    }

    /**
     * The session's user as the session store holds it now (see {@link #setSessionStore(WebSessionStore)}): the
     * session is read again from the store, and the request's session is left as it is. Without a session store,
     * or when the store no longer has the session, the request's session answers.
     */
    public Mono<AuthorizedUser> reload(WebSession session) {
        WebSessionStore sessions = sessionStore;
        if (sessions == null) {
            return load(session);
        }
        return bounded(sessions.retrieveSession(session.getId()))
                .map(stored -> user(stored))
                .switchIfEmpty(Mono.fromSupplier(() -> user(session)))
                .flatMap(Mono::justOrEmpty);
    }

    /**
     * Forgets the user's token and identity if the session still holds {@code refused}: in the request's session,
     * and, with a {@linkplain #setSessionStore(WebSessionStore) session store}, as the store holds it now (read
     * again just before). Credentials another instance stored meanwhile are left alone, and the request's session
     * then stays as it is, so that saving it does not undo theirs. Saved at once when cleared.
     *
     * <p>Spring Session has no conditional write: an instance that stores new tokens between this read and the
     * save still loses them. The window is one round trip to the store.
     */
    public Mono<Void> clearCredentials(WebSession session, UserCredentials refused) {
        Objects.requireNonNull(refused, "refused cannot be null");
        if (!user(session).map(user -> user.credentials().equals(refused)).orElse(false)) {
            return Mono.empty();
        }
        return reload(session)
                .map(stored -> stored.credentials().equals(refused))
                .defaultIfEmpty(true)
                .flatMap(stillRefused -> {
                    if (!stillRefused) {
                        return Mono.empty();
                    }
                    clear(session);
                    return saveNow(session);
                });
    }

    /** Forgets the user's token and identity (pending logins stay). */
    public void clear(WebSession session) {
        session.getAttributes().remove(USER_ATTRIBUTE);
    }

    private void writeUser(WebSession session, UserCredentials token, @Nullable MediaWikiIdentity identity) {
        String user = SessionCodec.user(token, identity);
        // OAuth 2.0 tokens are long base64url and hex text: compressed, the session is about a third smaller
        session.getAttributes().put(USER_ATTRIBUTE, token instanceof OAuth2Tokens
                ? sealer.sealCompressed(USER_ATTRIBUTE, user) : sealer.seal(USER_ATTRIBUTE, user));
    }

    /**
     * Remembers a pending login, dropping expired ones and, beyond {@code max}, the oldest.
     *
     * @param lifetime how long a pending login stays usable (the wiki keeps request tokens 600 s)
     */
    public void addPending(WebSession session, RequestToken requestToken, String next, Instant now, int max,
            Duration lifetime) {
        OAUTH1.add(this, session, new PendingHandshake(requestToken, next, now), now, max, lifetime);
    }

    /** The pending login of request token {@code key}, if present and not expired. Changes nothing. */
    public Optional<PendingHandshake> findPending(WebSession session, String key, Instant now, Duration lifetime) {
        return OAUTH1.find(this, session, key, now, lifetime);
    }

    /** Removes the pending login of request token {@code key} (single use), and any expired ones. */
    public void removePending(WebSession session, String key, Instant now, Duration lifetime) {
        OAUTH1.remove(this, session, key, now, lifetime);
    }

    /**
     * Remembers a pending OAuth 2.0 login (its state and PKCE verifier), dropping expired ones and, beyond
     * {@code max}, the oldest.
     */
    public void addPendingOAuth2(WebSession session, OAuth2Authorization authorization, String next, Instant now,
            int max, Duration lifetime) {
        OAUTH2.add(this, session, new PendingOAuth2Login(authorization.state(), authorization.codeVerifier(), next,
                now), now, max, lifetime);
    }

    /** The pending OAuth 2.0 login of {@code state}, if present and not expired. Changes nothing. */
    public Optional<PendingOAuth2Login> findPendingOAuth2(WebSession session, String state, Instant now,
            Duration lifetime) {
        return OAUTH2.find(this, session, state, now, lifetime);
    }

    /** Removes the pending OAuth 2.0 login of {@code state} (single use), and any expired ones. */
    public void removePendingOAuth2(WebSession session, String state, Instant now, Duration lifetime) {
        OAUTH2.remove(this, session, state, now, lifetime);
    }

    private static final Pending<PendingHandshake> OAUTH1 = new Pending<>(PENDING_ATTRIBUTE, SessionCodec::pending,
            SessionCodec::pending, p -> p.requestToken().key(), PendingHandshake::createdAt);

    private static final Pending<PendingOAuth2Login> OAUTH2 = new Pending<>(PENDING_OAUTH2_ATTRIBUTE,
            SessionCodec::pendingOAuth2, SessionCodec::pendingOAuth2, PendingOAuth2Login::state,
            PendingOAuth2Login::createdAt);

    /** One attribute of pending logins: a short list, sealed, looked up by key in constant time. */
    private record Pending<T>(String attribute, Function<String, List<T>> decode, Function<List<T>, String> encode,
            Function<T, String> key, Function<T, Instant> createdAt) {

        void add(WebSessionTokenStore store, WebSession session, T entry, Instant now, int max, Duration lifetime) {
            List<T> entries = new ArrayList<>(live(store, session, now, lifetime));
            entries.add(entry);
            entries.sort(Comparator.comparing(createdAt));
            while (entries.size() > max) {
                entries.remove(0);
            }
            write(store, session, entries);
        }

        Optional<T> find(WebSessionTokenStore store, WebSession session, String wanted, Instant now,
                Duration lifetime) {
            return live(store, session, now, lifetime).stream().filter(p -> matches(p, wanted)).findFirst();
        }

        void remove(WebSessionTokenStore store, WebSession session, String wanted, Instant now, Duration lifetime) {
            List<T> entries = new ArrayList<>(live(store, session, now, lifetime));
            entries.removeIf(p -> matches(p, wanted));
            write(store, session, entries);
        }

        private boolean matches(T entry, String wanted) {
            return MessageDigest.isEqual(key.apply(entry).getBytes(StandardCharsets.UTF_8),
                    wanted.getBytes(StandardCharsets.UTF_8));
        }

        private List<T> live(WebSessionTokenStore store, WebSession session, Instant now, Duration lifetime) {
            Instant oldest = now.minus(lifetime);
            return store.opened(session.getAttributes(), attribute).map(decode).orElseGet(List::of).stream()
                    .filter(p -> createdAt.apply(p).isAfter(oldest) && !createdAt.apply(p).isAfter(now.plusSeconds(60)))
                    .toList();
        }

        private void write(WebSessionTokenStore store, WebSession session, List<T> entries) {
            if (entries.isEmpty()) {
                session.getAttributes().remove(attribute);
            } else {
                session.getAttributes().put(attribute, store.sealer.seal(attribute, encode.apply(entries)));
            }
        }
    }

    private Optional<String> opened(Map<String, Object> attributes, String name) {
        return attributes.get(name) instanceof String sealed ? sealer.open(name, sealed) : Optional.empty();
    }

    @Override
    public String toString() {
        return "WebSessionTokenStore";
    }

    /** The store bound to one session. */
    private final class Bound implements TokenStore {

        private final Mono<WebSession> session;

        Bound(Mono<WebSession> session) {
            this.session = session;
        }

        @Override
        public Mono<AuthorizedUser> load() {
            return session.flatMap(WebSessionTokenStore.this::load);
        }

        @Override
        public Mono<Void> saveIdentity(MediaWikiIdentity identity) {
            return session.doOnNext(s -> WebSessionTokenStore.this.saveIdentity(s, identity)).then();
        }

        @Override
        public Mono<Void> replaceCredentials(UserCredentials expected, UserCredentials fresh) {
            return session.flatMap(s -> replaceAndSave(s, expected, fresh));
        }

        @Override
        public Mono<AuthorizedUser> reload() {
            return session.flatMap(WebSessionTokenStore.this::reload);
        }

        @Override
        public Mono<Void> clearCredentials(UserCredentials refused) {
            return session.flatMap(s -> WebSessionTokenStore.this.clearCredentials(s, refused));
        }

        @Override
        public Mono<Void> clear() {
            return session.doOnNext(WebSessionTokenStore.this::clear).then();
        }
    }
}
