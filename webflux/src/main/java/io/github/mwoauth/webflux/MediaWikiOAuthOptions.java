package io.github.mwoauth.webflux;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Settings of the login routes. Immutable; start from {@link #defaults()} and derive with the {@code with*}
 * methods.
 *
 * @param prefix prepended to every path, e.g. {@code /auth} (empty by default)
 * @param loginPath the login path, {@code /login}
 * @param callbackPath the path the wiki sends users back to, {@code /oauth-callback}
 * @param logoutPath the logout path (GET and POST), {@code /logout}
 * @param defaultNext where to go after login or logout when {@code next} is absent or unsafe, {@code /}
 * @param callbackUrl the absolute callback URL sent at initiate, for consumers registered with "callback is
 *     prefix"; {@code null} sends {@code oob} and the wiki uses the registered callback
 * @param maxPendingLogins how many logins may wait for their callback per session (oldest dropped), 5
 * @param pendingLifetime how long a pending login stays usable; the wiki keeps request tokens 600 s
 * @param clock the time source for pending logins
 * @param errorRenderer how errors are shown
 * @param sessionStoreTimeout how long the routes wait for the session store (Redis) to load or save a session
 *     before answering 503 {@code session_store_unavailable}, 2 s
 * @param protocol OAuth 1.0a (the default) or OAuth 2.0
 * @param redirectUri OAuth 2.0: the {@code redirect_uri} sent to both authorize and the code exchange, which must
 *     equal the registered one; {@code null} sends it to neither and the wiki uses the registered one
 */
public record MediaWikiOAuthOptions(String prefix, String loginPath, String callbackPath, String logoutPath,
        String defaultNext, @Nullable String callbackUrl, int maxPendingLogins, Duration pendingLifetime,
        Clock clock, LoginErrorRenderer errorRenderer, Duration sessionStoreTimeout, OAuthProtocol protocol,
        @Nullable String redirectUri) {

    public MediaWikiOAuthOptions {
        prefix = normalizePrefix(Objects.requireNonNull(prefix, "prefix cannot be null"));
        requirePath(loginPath, "loginPath");
        requirePath(callbackPath, "callbackPath");
        requirePath(logoutPath, "logoutPath");
        if (NextPath.validate(defaultNext).isEmpty()) {
            throw new IllegalArgumentException("defaultNext must be a same-site path such as /, not " + defaultNext);
        }
        if (maxPendingLogins < 1) {
            throw new IllegalArgumentException("maxPendingLogins must be at least 1");
        }
        Objects.requireNonNull(pendingLifetime, "pendingLifetime cannot be null");
        if (pendingLifetime.isNegative() || pendingLifetime.isZero()) {
            throw new IllegalArgumentException("pendingLifetime must be positive");
        }
        Objects.requireNonNull(clock, "clock cannot be null");
        Objects.requireNonNull(errorRenderer, "errorRenderer cannot be null");
        Objects.requireNonNull(sessionStoreTimeout, "sessionStoreTimeout cannot be null");
        if (sessionStoreTimeout.isNegative() || sessionStoreTimeout.isZero()) {
            throw new IllegalArgumentException("sessionStoreTimeout must be positive");
        }
        Objects.requireNonNull(protocol, "protocol cannot be null");
    }

    public static MediaWikiOAuthOptions defaults() {
        return new MediaWikiOAuthOptions("", "/login", "/oauth-callback", "/logout", "/", null, 5,
                Duration.ofSeconds(600), Clock.systemUTC(), LoginErrorRenderer.standard(), Duration.ofSeconds(2),
                OAuthProtocol.OAUTH1, null);
    }

    public MediaWikiOAuthOptions withPrefix(String value) {
        return new MediaWikiOAuthOptions(value, loginPath, callbackPath, logoutPath, defaultNext, callbackUrl,
                maxPendingLogins, pendingLifetime, clock, errorRenderer, sessionStoreTimeout, protocol, redirectUri);
    }

    public MediaWikiOAuthOptions withPaths(String login, String callback, String logout) {
        return new MediaWikiOAuthOptions(prefix, login, callback, logout, defaultNext, callbackUrl, maxPendingLogins,
                pendingLifetime, clock, errorRenderer, sessionStoreTimeout, protocol, redirectUri);
    }

    public MediaWikiOAuthOptions withDefaultNext(String value) {
        return new MediaWikiOAuthOptions(prefix, loginPath, callbackPath, logoutPath, value, callbackUrl,
                maxPendingLogins, pendingLifetime, clock, errorRenderer, sessionStoreTimeout, protocol, redirectUri);
    }

    public MediaWikiOAuthOptions withCallbackUrl(@Nullable String value) {
        return new MediaWikiOAuthOptions(prefix, loginPath, callbackPath, logoutPath, defaultNext, value,
                maxPendingLogins, pendingLifetime, clock, errorRenderer, sessionStoreTimeout, protocol, redirectUri);
    }

    public MediaWikiOAuthOptions withPendingLogins(int max, Duration lifetime) {
        return new MediaWikiOAuthOptions(prefix, loginPath, callbackPath, logoutPath, defaultNext, callbackUrl, max,
                lifetime, clock, errorRenderer, sessionStoreTimeout, protocol, redirectUri);
    }

    public MediaWikiOAuthOptions withClock(Clock value) {
        return new MediaWikiOAuthOptions(prefix, loginPath, callbackPath, logoutPath, defaultNext, callbackUrl,
                maxPendingLogins, pendingLifetime, value, errorRenderer, sessionStoreTimeout, protocol, redirectUri);
    }

    public MediaWikiOAuthOptions withErrorRenderer(LoginErrorRenderer value) {
        return new MediaWikiOAuthOptions(prefix, loginPath, callbackPath, logoutPath, defaultNext, callbackUrl,
                maxPendingLogins, pendingLifetime, clock, value, sessionStoreTimeout, protocol, redirectUri);
    }

    public MediaWikiOAuthOptions withSessionStoreTimeout(Duration value) {
        return new MediaWikiOAuthOptions(prefix, loginPath, callbackPath, logoutPath, defaultNext, callbackUrl,
                maxPendingLogins, pendingLifetime, clock, errorRenderer, value, protocol, redirectUri);
    }

    /** The protocol of the login flow: OAuth 1.0a or OAuth 2.0 (the client needs an OAuth 2.0 client id). */
    public MediaWikiOAuthOptions withProtocol(OAuthProtocol value) {
        return new MediaWikiOAuthOptions(prefix, loginPath, callbackPath, logoutPath, defaultNext, callbackUrl,
                maxPendingLogins, pendingLifetime, clock, errorRenderer, sessionStoreTimeout, value, redirectUri);
    }

    /** OAuth 2.0: the {@code redirect_uri} to send to authorize and the code exchange, or {@code null} for neither. */
    public MediaWikiOAuthOptions withRedirectUri(@Nullable String value) {
        return new MediaWikiOAuthOptions(prefix, loginPath, callbackPath, logoutPath, defaultNext, callbackUrl,
                maxPendingLogins, pendingLifetime, clock, errorRenderer, sessionStoreTimeout, protocol, value);
    }

    /** The full login path, prefix included. */
    public String fullLoginPath() {
        return prefix + loginPath;
    }

    public String fullCallbackPath() {
        return prefix + callbackPath;
    }

    public String fullLogoutPath() {
        return prefix + logoutPath;
    }

    private static String normalizePrefix(String prefix) {
        String p = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        if (!p.isEmpty()) {
            requirePath(p, "prefix");
        }
        return p;
    }

    private static void requirePath(String path, String what) {
        Objects.requireNonNull(path, what + " cannot be null");
        if (!path.startsWith("/") || path.startsWith("//") || path.contains("?")) {
            throw new IllegalArgumentException(what + " must be a path starting with one /, not " + path);
        }
    }
}
