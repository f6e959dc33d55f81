package io.github.mwoauth.webflux;

import io.github.mwoauth.AccessToken;
import io.github.mwoauth.MediaWikiIdentity;
import io.github.mwoauth.OAuth1Handshake;
import io.github.mwoauth.PendingAuthorization;
import io.github.mwoauth.ReactiveMediaWikiClient;
import java.net.URI;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.WebSession;
import reactor.core.publisher.Mono;

/**
 * The login flow as WebFlux.fn routes: {@code GET /login?next=/x} starts a handshake and sends the user to the
 * wiki, {@code GET /oauth-callback} finishes it, {@code GET|POST /logout} forgets the user. Non-blocking; every
 * failure becomes a page from the {@link LoginErrorRenderer} (HTML, or JSON for clients that prefer it).
 *
 * <pre>{@code
 * WebSessionTokenStore store = new WebSessionTokenStore(SessionSealer.fromBase64(key));
 * ReactiveMediaWikiClient client = ReactiveMediaWikiClient.builder()...tokenStore(store).build();
 * RouterFunction<ServerResponse> routes = MediaWikiOAuthRoutes.create(client, MediaWikiOAuthOptions.defaults());
 * }</pre>
 */
public final class MediaWikiOAuthRoutes {

    private final OAuth1Handshake handshake;
    private final WebSessionTokenStore store;
    private final MediaWikiOAuthOptions options;

    private MediaWikiOAuthRoutes(ReactiveMediaWikiClient client, WebSessionTokenStore store,
            MediaWikiOAuthOptions options) {
        this.handshake = Objects.requireNonNull(client, "client cannot be null").handshake();
        this.store = Objects.requireNonNull(store, "store cannot be null");
        this.options = Objects.requireNonNull(options, "options cannot be null");
    }

    /**
     * The routes for a client whose token store is a {@link WebSessionTokenStore} (built with
     * {@code .tokenStore(store)}), so that logins land where {@code client.request(...)} looks.
     *
     * @throws IllegalArgumentException when the client's token store is not a {@link WebSessionTokenStore}
     */
    public static RouterFunction<ServerResponse> create(ReactiveMediaWikiClient client,
            MediaWikiOAuthOptions options) {
        Objects.requireNonNull(client, "client cannot be null");
        if (!(client.tokenStore() instanceof WebSessionTokenStore store)) {
            throw new IllegalArgumentException("the client's token store must be a WebSessionTokenStore, not "
                    + client.tokenStore() + "; build it with .tokenStore(new WebSessionTokenStore(sealer))");
        }
        return create(client, store, options);
    }

    /** The routes with default paths ({@code /login}, {@code /oauth-callback}, {@code /logout}) and settings. */
    public static RouterFunction<ServerResponse> create(ReactiveMediaWikiClient client, WebSessionTokenStore store) {
        return create(client, store, MediaWikiOAuthOptions.defaults());
    }

    /**
     * The routes.
     *
     * @param client the client whose consumer the handshake uses
     * @param store where the session keeps the user (the same store the client reads, for requests as the user)
     * @param options paths, callback URL and limits
     */
    public static RouterFunction<ServerResponse> create(ReactiveMediaWikiClient client, WebSessionTokenStore store,
            MediaWikiOAuthOptions options) {
        MediaWikiOAuthRoutes routes = new MediaWikiOAuthRoutes(client, store, options);
        return RouterFunctions.route()
                .GET(options.fullLoginPath(), routes::login)
                .GET(options.fullCallbackPath(), routes::callback)
                .route(RequestPredicates.path(options.fullLogoutPath())
                        .and(RequestPredicates.GET(options.fullLogoutPath())
                                .or(RequestPredicates.POST(options.fullLogoutPath()))), routes::logout)
                .build();
    }

    Mono<ServerResponse> login(ServerRequest request) {
        String next = NextPath.orDefault(request.queryParam("next").orElse(null), options.defaultNext());
        String callbackUrl = options.callbackUrl();
        return session(request)
                .flatMap(session -> (callbackUrl == null ? handshake.initiate() : handshake.initiate(callbackUrl))
                        .flatMap(pending -> {
                            store.addPending(session, pending.requestToken(), next, now(),
                                    options.maxPendingLogins(), options.pendingLifetime());
                            return save(session).thenReturn(pending);
                        }))
                .map(PendingAuthorization::authorizeUrl)
                .flatMap(MediaWikiOAuthRoutes::redirect)
                .onErrorResume(e -> error(request, LoginErrors.of(e, options.fullLoginPath())));
    }

    Mono<ServerResponse> callback(ServerRequest request) {
        String token = request.queryParam("oauth_token").orElse("");
        String verifier = request.queryParam("oauth_verifier").orElse("");
        return session(request)
                .flatMap(session -> {
                    Optional<PendingHandshake> pending = token.isEmpty() ? Optional.empty()
                            : store.findPending(session, token, now(), options.pendingLifetime());
                    if (pending.isEmpty()) {
                        return error(request, LoginErrors.expired(options.fullLoginPath()));
                    }
                    return complete(session, pending.get(), token, verifier)
                            .onErrorResume(e -> forget(session, token)
                                    .then(error(request, LoginErrors.of(e, options.fullLoginPath()))));
                })
                .onErrorResume(e -> error(request, LoginErrors.of(e, options.fullLoginPath())));
    }

    private Mono<ServerResponse> complete(WebSession session, PendingHandshake pending, String token,
            String verifier) {
        return handshake.complete(pending.requestToken(), token, verifier)
                .flatMap(accessToken -> handshake.identify(accessToken).map(identity -> new Login(accessToken, identity)))
                .flatMap(login -> {
                    store.removePending(session, token, now(), options.pendingLifetime());
                    return bounded(session.changeSessionId())
                            .then(Mono.fromRunnable(() -> store.saveLogin(session, login.token(), login.identity())))
                            .then(save(session));
                })
                .then(redirect(URI.create(pending.next())));
    }

    /** Single use: a pending login that failed is gone too. Best effort; the original error is what counts. */
    private Mono<Void> forget(WebSession session, String token) {
        return Mono.fromRunnable(() -> store.removePending(session, token, now(), options.pendingLifetime()))
                .then(save(session))
                .onErrorResume(e -> Mono.empty());
    }

    Mono<ServerResponse> logout(ServerRequest request) {
        Mono<String> next = request.queryParam("next").map(Mono::just)
                .orElseGet(() -> request.method().matches("POST")
                        ? request.formData().mapNotNull(form -> form.getFirst("next"))
                        : Mono.empty());
        return next.defaultIfEmpty("")
                .map(value -> NextPath.orDefault(value, options.defaultNext()))
                .flatMap(target -> session(request)
                        .flatMap(session -> {
                            boolean loggedIn = store.hasUser(session);
                            store.clear(session);
                            return loggedIn ? bounded(session.changeSessionId()).then(save(session)) : Mono.empty();
                        })
                        .then(redirect(URI.create(target))))
                .onErrorResume(e -> error(request, LoginErrors.of(e, options.fullLoginPath())));
    }

    /** The request's session, within the session store timeout. */
    private Mono<WebSession> session(ServerRequest request) {
        return bounded(WebSessionTokenStore.session(request.exchange()));
    }

    /** A session store operation that gives up after the timeout, as a {@link SessionStoreUnavailableException}. */
    private <T> Mono<T> bounded(Mono<T> operation) {
        return operation.timeout(options.sessionStoreTimeout())
                .onErrorMap(e -> !(e instanceof SessionStoreUnavailableException), SessionStoreUnavailableException::new);
    }

    /**
     * Saves now, so that a failing session store shows as an error page rather than a lost login. Deferred:
     * Spring Session's Redis repository picks the key to check when {@code save()} is called, which must be
     * after a preceding {@code changeSessionId()} has run.
     */
    private Mono<Void> save(WebSession session) {
        return bounded(Mono.defer(() -> session.isStarted() ? session.save() : Mono.<Void>empty()));
    }

    private static Mono<ServerResponse> redirect(URI location) {
        return ServerResponse.status(HttpStatus.FOUND).location(location).cacheControl(CacheControl.noStore()).build();
    }

    private Mono<ServerResponse> error(ServerRequest request, LoginError error) {
        return options.errorRenderer().render(request, error);
    }

    private Instant now() {
        return options.clock().instant();
    }

    private record Login(AccessToken token, MediaWikiIdentity identity) {
    }
}
