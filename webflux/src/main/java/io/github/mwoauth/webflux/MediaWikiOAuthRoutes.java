package io.github.mwoauth.webflux;

import io.github.mwoauth.MediaWikiIdentity;
import io.github.mwoauth.login.AuthorizedUser;
import io.github.mwoauth.login.LoginRedirect;
import io.github.mwoauth.login.MediaWikiLogin;
import io.github.mwoauth.login.PendingLogin;
import java.net.URI;
import java.util.Map;
import java.util.Objects;
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
 * The login flow as WebFlux.fn routes, one flow for every protocol: {@code GET /login?next=/x} starts a login
 * and sends the user to the wiki, {@code GET /oauth-callback} finishes it, {@code GET|POST /logout} forgets the
 * user. What differs between OAuth 1.0a and OAuth 2.0 is the {@link MediaWikiLogin}'s business. Non-blocking;
 * every failure becomes a page from the {@link LoginErrorRenderer} (HTML, or JSON for clients that prefer it).
 *
 * <pre>{@code
 * MediaWikiLogin login = OAuth1Login.builder().wiki(wiki).consumer(key, secret).userAgent(ua).build();
 * WebSessionCredentialsRepository users = new WebSessionCredentialsRepository(sealer, login, SessionAccess.defaults());
 * RouterFunction<ServerResponse> routes = MediaWikiOAuthRoutes.create(login, users,
 *         new WebSessionPendingLoginRepository(sealer), MediaWikiOAuthOptions.defaults());
 * }</pre>
 */
public final class MediaWikiOAuthRoutes {

    private final MediaWikiLogin login;
    private final WebSessionCredentialsRepository users;
    private final PendingLoginRepository pendingLogins;
    private final SessionAccess sessions;
    private final MediaWikiOAuthOptions options;

    private MediaWikiOAuthRoutes(MediaWikiLogin login, WebSessionCredentialsRepository users,
            PendingLoginRepository pendingLogins, MediaWikiOAuthOptions options) {
        this.login = Objects.requireNonNull(login, "login cannot be null");
        this.users = Objects.requireNonNull(users, "users cannot be null");
        this.pendingLogins = Objects.requireNonNull(pendingLogins, "pendingLogins cannot be null");
        this.sessions = users.access();
        this.options = Objects.requireNonNull(options, "options cannot be null");
    }

    /**
     * The routes.
     *
     * @param login how users log in (its credentials land where {@code users} keeps them)
     * @param users where the session keeps the user (the repository the client's token store reads)
     * @param pendingLogins where logins wait for the wiki's callback
     * @param options paths and how errors are shown
     */
    public static RouterFunction<ServerResponse> create(MediaWikiLogin login, WebSessionCredentialsRepository users,
            PendingLoginRepository pendingLogins, MediaWikiOAuthOptions options) {
        MediaWikiOAuthRoutes routes = new MediaWikiOAuthRoutes(login, users, pendingLogins, options);
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
        return sessions.session(request.exchange())
                .flatMap(session -> login.start()
                        .flatMap(redirect -> pendingLogins.save(session, redirect, next)
                                .then(sessions.save(session))
                                .thenReturn(redirect)))
                .map(LoginRedirect::authorizeUrl)
                .flatMap(MediaWikiOAuthRoutes::redirect)
                .onErrorResume(e -> error(request, LoginErrors.of(e, options.fullLoginPath())));
    }

    /**
     * The callback: the key parameter must name a pending login of this session (else a 403 page and nothing
     * changes); the pending login is used up whatever follows. On success the session id is rotated (fixation),
     * the user sealed in the session, the session saved now, and the browser sent to {@code next}. The
     * options' {@link LoginApprover} may refuse the user first (an error page, nothing stored).
     */
    Mono<ServerResponse> callback(ServerRequest request) {
        String key = request.queryParam(login.callbackKeyParameter()).orElse("");
        Map<String, String> callback = request.queryParams().toSingleValueMap();
        return sessions.session(request.exchange())
                .flatMap(session -> (key.isEmpty() ? Mono.<PendingLogin>empty() : pendingLogins.load(session, key))
                        .flatMap(pending -> login.complete(pending, callback)
                                .flatMap(user -> approve(request, user)
                                        .then(Mono.defer(() -> finish(session, key, user, pending.next()))))
                                .onErrorResume(e -> forget(session, key)
                                        .then(error(request, LoginErrors.of(e, options.fullLoginPath())))))
                        .switchIfEmpty(Mono.defer(() -> error(request, LoginErrors.expired(options.fullLoginPath())))))
                .onErrorResume(e -> error(request, LoginErrors.of(e, options.fullLoginPath())));
    }

    /** The application's {@link LoginApprover} on the user's identity (a user without one is not asked). */
    private Mono<Void> approve(ServerRequest request, AuthorizedUser user) {
        MediaWikiIdentity identity = user.identity();
        return identity == null ? Mono.empty() : Mono.defer(() -> options.loginApprover().approve(request, identity));
    }

    private Mono<ServerResponse> finish(WebSession session, String key, AuthorizedUser user, String next) {
        return pendingLogins.remove(session, key)
                .then(sessions.bounded(session.changeSessionId()))
                .then(Mono.fromRunnable(() -> users.save(session, user)))
                .then(sessions.save(session))
                .then(redirect(URI.create(next)));
    }

    /** Single use: a pending login that failed is gone too. Best effort; the original error is what counts. */
    private Mono<Void> forget(WebSession session, String key) {
        return pendingLogins.remove(session, key).then(sessions.save(session)).onErrorResume(e -> Mono.empty());
    }

    Mono<ServerResponse> logout(ServerRequest request) {
        Mono<String> next = request.queryParam("next").map(Mono::just)
                .orElseGet(() -> request.method().matches("POST")
                        ? request.formData().mapNotNull(form -> form.getFirst("next"))
                        : Mono.empty());
        return next.defaultIfEmpty("")
                .map(value -> NextPath.orDefault(value, options.defaultNext()))
                .flatMap(target -> sessions.session(request.exchange())
                        .flatMap(users::logout)
                        .then(redirect(URI.create(target))))
                .onErrorResume(e -> error(request, LoginErrors.of(e, options.fullLoginPath())));
    }

    private static Mono<ServerResponse> redirect(URI location) {
        return ServerResponse.status(HttpStatus.FOUND).location(location).cacheControl(CacheControl.noStore()).build();
    }

    private Mono<ServerResponse> error(ServerRequest request, LoginError error) {
        return options.errorRenderer().render(request, error);
    }
}
