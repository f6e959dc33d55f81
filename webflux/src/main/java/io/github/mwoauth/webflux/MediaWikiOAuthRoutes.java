package io.github.mwoauth.webflux;

import io.github.mwoauth.MediaWikiIdentity;
import io.github.mwoauth.OAuth1Handshake;
import io.github.mwoauth.OAuth2Authorization;
import io.github.mwoauth.OAuth2Handshake;
import io.github.mwoauth.PendingAuthorization;
import io.github.mwoauth.ReactiveMediaWikiClient;
import io.github.mwoauth.UserCredentials;
import java.net.URI;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
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
 * wiki, {@code GET /oauth-callback} finishes it, {@code GET|POST /logout} forgets the user. The protocol is
 * {@link MediaWikiOAuthOptions#protocol()}: OAuth 1.0a ({@code oauth_token} and {@code oauth_verifier} on the
 * callback), or OAuth 2.0 (the authorization code grant with {@code state} and PKCE S256; the callback brings
 * {@code state} and {@code code}, or {@code error}). Non-blocking; every
 * failure becomes a page from the {@link LoginErrorRenderer} (HTML, or JSON for clients that prefer it).
 *
 * <pre>{@code
 * WebSessionTokenStore store = new WebSessionTokenStore(SessionSealer.fromBase64(key));
 * ReactiveMediaWikiClient client = ReactiveMediaWikiClient.builder()...tokenStore(store).build();
 * RouterFunction<ServerResponse> routes = MediaWikiOAuthRoutes.create(client, MediaWikiOAuthOptions.defaults());
 * }</pre>
 */
public final class MediaWikiOAuthRoutes {

    private final @Nullable OAuth1Handshake handshake;
    private final @Nullable OAuth2Handshake oauth2;
    private final WebSessionTokenStore store;
    private final MediaWikiOAuthOptions options;

    private MediaWikiOAuthRoutes(ReactiveMediaWikiClient client, WebSessionTokenStore store,
            MediaWikiOAuthOptions options) {
        Objects.requireNonNull(client, "client cannot be null");
        this.store = Objects.requireNonNull(store, "store cannot be null");
        this.options = Objects.requireNonNull(options, "options cannot be null");
        if (options.protocol() == OAuthProtocol.OAUTH2) {
            if (!client.hasOAuth2Client()) {
                throw new IllegalArgumentException("OAuth 2.0 login needs a client built with oauth2Client(id, secret)");
            }
            this.handshake = null;
            this.oauth2 = client.oauth2Handshake();
        } else {
            try {
                this.handshake = client.handshake();
            } catch (IllegalStateException e) {
                throw new IllegalArgumentException("OAuth 1.0a login needs a client built with consumer(key, secret)"
                        + "; for OAuth 2.0 set the protocol in the options", e);
            }
            this.oauth2 = null;
        }
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
        OAuth2Handshake h2 = oauth2;
        if (h2 != null) {
            return loginOAuth2(request, h2, next);
        }
        OAuth1Handshake h1 = Objects.requireNonNull(handshake);
        String callbackUrl = options.callbackUrl();
        return session(request)
                .flatMap(session -> (callbackUrl == null ? h1.initiate() : h1.initiate(callbackUrl))
                        .flatMap(pending -> {
                            store.addPending(session, pending.requestToken(), next, now(),
                                    options.maxPendingLogins(), options.pendingLifetime());
                            return save(session).thenReturn(pending);
                        }))
                .map(PendingAuthorization::authorizeUrl)
                .flatMap(MediaWikiOAuthRoutes::redirect)
                .onErrorResume(e -> error(request, LoginErrors.of(e, options.fullLoginPath())));
    }

    private Mono<ServerResponse> loginOAuth2(ServerRequest request, OAuth2Handshake h2, String next) {
        return session(request)
                .flatMap(session -> h2.authorize(options.redirectUri()).flatMap(pending -> {
                    store.addPendingOAuth2(session, pending, next, now(), options.maxPendingLogins(),
                            options.pendingLifetime());
                    return save(session).thenReturn(pending);
                }))
                .map(OAuth2Authorization::authorizeUrl)
                .flatMap(MediaWikiOAuthRoutes::redirect)
                .onErrorResume(e -> error(request, LoginErrors.of(e, options.fullLoginPath())));
    }

    Mono<ServerResponse> callback(ServerRequest request) {
        OAuth2Handshake h2 = oauth2;
        if (h2 != null) {
            return callbackOAuth2(request, h2);
        }
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
        OAuth1Handshake h1 = Objects.requireNonNull(handshake);
        return finish(session, h1.complete(pending.requestToken(), token, verifier)
                .flatMap(accessToken -> h1.identify(accessToken).map(identity -> new Login(accessToken, identity))),
                () -> store.removePending(session, token, now(), options.pendingLifetime()), pending.next());
    }

    /**
     * The OAuth 2.0 callback: {@code state} must name a pending login of this session (else the same 403 as an
     * unknown {@code oauth_token}); it is used up whatever follows. {@code error} (the user pressed Cancel) gives
     * a page saying so, no {@code code} a 400 page; otherwise the code is exchanged with the pending PKCE verifier.
     */
    private Mono<ServerResponse> callbackOAuth2(ServerRequest request, OAuth2Handshake h2) {
        String state = request.queryParam("state").orElse("");
        String code = request.queryParam("code").orElse("");
        Optional<String> refused = request.queryParam("error");
        return session(request)
                .flatMap(session -> {
                    Optional<PendingOAuth2Login> pending = state.isEmpty() ? Optional.empty()
                            : store.findPendingOAuth2(session, state, now(), options.pendingLifetime());
                    if (pending.isEmpty()) {
                        return error(request, LoginErrors.expired(options.fullLoginPath()));
                    }
                    if (refused.isPresent()) {
                        return forgetOAuth2(session, state)
                                .then(error(request, LoginErrors.denied(refused.get(), options.fullLoginPath())));
                    }
                    if (code.isEmpty()) {
                        return forgetOAuth2(session, state)
                                .then(error(request, LoginErrors.missingCode(options.fullLoginPath())));
                    }
                    OAuth2Authorization authorization = new OAuth2Authorization(h2.authorizeEndpoint(),
                            pending.get().state(), pending.get().codeVerifier(), options.redirectUri());
                    return finish(session, h2.exchange(authorization, state, code)
                                    .flatMap(tokens -> h2.profile(tokens).map(identity -> new Login(tokens, identity))),
                            () -> store.removePendingOAuth2(session, state, now(), options.pendingLifetime()),
                            pending.get().next())
                            .onErrorResume(e -> forgetOAuth2(session, state)
                                    .then(error(request, LoginErrors.of(e, options.fullLoginPath()))));
                })
                .onErrorResume(e -> error(request, LoginErrors.of(e, options.fullLoginPath())));
    }

    /**
     * The end of both flows: the pending login used up, the session id rotated (fixation), the credentials and
     * identity sealed in the session, saved now, then the redirect to {@code next}.
     */
    private Mono<ServerResponse> finish(WebSession session, Mono<Login> login, Runnable usePending, String next) {
        return login
                .flatMap(done -> {
                    usePending.run();
                    return bounded(session.changeSessionId())
                            .then(Mono.fromRunnable(() -> store.saveLogin(session, done.token(), done.identity())))
                            .then(save(session));
                })
                .then(redirect(URI.create(next)));
    }

    /** Single use: a pending login that failed is gone too. Best effort; the original error is what counts. */
    private Mono<Void> forget(WebSession session, String token) {
        return forget(session, () -> store.removePending(session, token, now(), options.pendingLifetime()));
    }

    private Mono<Void> forgetOAuth2(WebSession session, String state) {
        return forget(session, () -> store.removePendingOAuth2(session, state, now(), options.pendingLifetime()));
    }

    private Mono<Void> forget(WebSession session, Runnable removePending) {
        return Mono.fromRunnable(removePending).then(save(session)).onErrorResume(e -> Mono.empty());
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

    private record Login(UserCredentials token, MediaWikiIdentity identity) {
    }
}
