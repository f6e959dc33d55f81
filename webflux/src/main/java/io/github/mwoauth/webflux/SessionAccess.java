package io.github.mwoauth.webflux;

import java.time.Duration;
import java.util.Objects;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebSession;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

/**
 * How the library reaches the request's {@link WebSession}: bounded in time, so that a session store (Redis) that
 * is down or stalls gives a {@link SessionStoreUnavailableException} (a 503 page) within the bound rather than a
 * hang. The one home of the session-store timeout, shared by the login routes, the credentials repository and the
 * token store. Also where the current exchange is found in a Reactor {@link Context}, which
 * {@link MediaWikiSessionWebFilter} fills for every request.
 */
public final class SessionAccess {

    /** How long the session store may take, unless configured otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);

    /** The Reactor context key under which the current {@link ServerWebExchange} is found. */
    public static final String EXCHANGE_CONTEXT_KEY = SessionAccess.class.getName() + ".EXCHANGE";

    /** The exchange attribute holding its session once loaded. */
    private static final String LOADED_ATTRIBUTE = SessionAccess.class.getName() + ".LOADED";

    private final Duration timeout;

    /**
     * @param timeout how long a session store operation (load, save, read again) may take before it fails with
     *     {@link SessionStoreUnavailableException}
     */
    public SessionAccess(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout cannot be null");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
        this.timeout = timeout;
    }

    /** Access with the {@linkplain #DEFAULT_TIMEOUT default timeout}. */
    public static SessionAccess defaults() {
        return new SessionAccess(DEFAULT_TIMEOUT);
    }

    public Duration timeout() {
        return timeout;
    }

    /** A Reactor context holding {@code exchange}, for code that subscribes outside the filter. */
    public static Context withExchange(Context context, ServerWebExchange exchange) {
        return context.put(EXCHANGE_CONTEXT_KEY, exchange);
    }

    /** The session of the exchange in the Reactor context, bounded in time; empty outside a request. */
    public Mono<WebSession> currentSession() {
        return Mono.deferContextual(context -> context.<ServerWebExchange>getOrEmpty(EXCHANGE_CONTEXT_KEY)
                .map(this::session)
                .orElseGet(Mono::empty));
    }

    /** The exchange's session, bounded in time; once loaded, at hand for the rest of the exchange. */
    public Mono<WebSession> session(ServerWebExchange exchange) {
        // a page reads it several times (who the user is, then the credentials for a call): after the first, the
        // session is there, and bounding it again would schedule and cancel a timer for nothing
        WebSession loaded = exchange.getAttribute(LOADED_ATTRIBUTE);
        if (loaded != null) {
            return Mono.just(loaded);
        }
        return bounded(exchange.getSession()).doOnNext(session -> exchange.getAttributes().put(LOADED_ATTRIBUTE,
                session));
    }

    /** Saves {@code session} now, if it was started, bounded in time. */
    public Mono<Void> save(WebSession session) {
        // deferred: Spring Session's Redis repository picks the key to write when save() is called, which must be
        // after a preceding changeSessionId() has run
        return bounded(Mono.defer(() -> session.isStarted() ? session.save() : Mono.<Void>empty()));
    }

    /**
     * {@code operation} given up after the timeout; every failure of it, the timeout included, becomes a
     * {@link SessionStoreUnavailableException}.
     */
    public <T> Mono<T> bounded(Mono<T> operation) {
        // named: Reactor's timeout describes its source by name on every subscription, and an unnamed one makes it
        // walk the whole upstream chain for one
        return operation.name("session store").timeout(timeout)
                .onErrorMap(e -> !(e instanceof SessionStoreUnavailableException), SessionStoreUnavailableException::new);
    }

    @Override
    public String toString() {
        return "SessionAccess[timeout=" + timeout + "]";
    }
}
