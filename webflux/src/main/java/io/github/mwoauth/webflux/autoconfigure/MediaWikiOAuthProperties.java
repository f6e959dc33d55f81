package io.github.mwoauth.webflux.autoconfigure;

import io.github.mwoauth.http.WikiHttp;
import io.github.mwoauth.webflux.SessionAccess;
import io.github.mwoauth.webflux.TouchThrottlingSessionRepository;
import io.github.mwoauth.webflux.WebSessionPendingLoginRepository;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/** Settings under {@code mediawiki.oauth}. */
@ConfigurationProperties("mediawiki.oauth")
public class MediaWikiOAuthProperties {

    private static final DataSize MIN_RESPONSE_BYTES = DataSize.ofKilobytes(1);
    private static final DataSize MAX_RESPONSE_BYTES = DataSize.ofGigabytes(2);

    /**
     * The wiki's script path, e.g. https://meta.wikimedia.org/w. With the credentials of one protocol
     * (oauth1.consumer-key or oauth2.client-id), this creates the login, the client and the routes.
     */
    private @Nullable String wiki;

    /**
     * The protocol users log in with: oauth1 (OAuth 1.0a) or oauth2 (OAuth 2.0, authorization code grant with state
     * and PKCE). Unset: the one whose credentials are set. Set, it must agree with them.
     */
    private @Nullable OAuthProtocol protocol;

    /** OAuth 1.0a: the consumer. */
    private final OAuth1LoginProperties oauth1 = new OAuth1LoginProperties();

    /** OAuth 2.0: the client. */
    private final OAuth2LoginProperties oauth2 = new OAuth2LoginProperties();

    /** How the client calls the Action API. */
    private final ApiProperties api = new ApiProperties();

    /** How the wiki's health indicator checks the wiki (with Spring Boot Actuator). */
    private final WikiHealthProperties health = new WikiHealthProperties();

    /** Your tool's part of the User-Agent: "<tool>/<version> (<contact>)". Wikimedia blocks requests without one. */
    private @Nullable String userAgent;

    /**
     * Base64 of the 256-bit key that seals tokens in the session; every instance must share it. Unset: a key is
     * generated at start-up, and logins do not survive a restart nor work across instances.
     */
    private @Nullable String sessionKey;

    /** Fail at start-up when no session key is set (recommended for more than one instance). */
    private boolean requireSessionKey;

    /** Prepended to the login, callback and logout paths, e.g. /auth. */
    private String prefix = "";

    /** The path that starts a login. */
    private String loginPath = "/login";

    /** The path the wiki sends users back to. */
    private String callbackPath = "/oauth-callback";

    /** The path that logs out (GET and POST). */
    private String logoutPath = "/logout";

    /** Where users go after login or logout when next is absent or not a safe same-site path. */
    private String defaultNext = "/";

    /** How many logins may wait for the wiki's callback in one session; the oldest is dropped. */
    private int maxPendingLogins = WebSessionPendingLoginRepository.DEFAULT_MAX_PENDING_LOGINS;

    /** How long a started login stays usable (the wiki keeps request tokens 600 seconds). */
    private Duration pendingLoginLifetime = WebSessionPendingLoginRepository.DEFAULT_LIFETIME;

    /** Send users who need to log in (LoginRequiredException in a GET handler) to the login path. */
    private boolean redirectToLogin = true;

    /** Store Spring Session's Redis values compactly (strings and numbers as text) to keep sessions small. */
    private boolean compactSessionSerializer;

    /** How long connecting to the wiki may take. */
    private Duration connectTimeout = WikiHttp.DEFAULT_CONNECT_TIMEOUT;

    /** How long one exchange with the wiki may take in all. */
    private Duration timeout = WikiHttp.DEFAULT_TIMEOUT;

    /**
     * The largest answer from the wiki read into memory, counted after gzip decompression; a larger one fails as
     * a malformed response (the login routes show 503). From 1KB to 2GB.
     */
    private DataSize maxResponseBytes = DataSize.ofBytes(WikiHttp.DEFAULT_MAX_RESPONSE_BYTES);

    /**
     * How long the login routes, and the client acting for a request's user, wait for the session store (Redis)
     * before answering 503. Keep {@code spring.data.redis.timeout} at or below it, so that the session save when a
     * response is sent, and the application's own session reads, are bounded too.
     */
    private Duration sessionStoreTimeout = SessionAccess.DEFAULT_TIMEOUT;

    /**
     * How old a Spring Session's stored last access time may get before a request that changes nothing in the
     * session writes it (and renews its expiry); changed sessions are saved at once. Sessions then expire between
     * the idle timeout minus this interval and the idle timeout after the last request. 0 writes on every request.
     */
    private Duration sessionTouchInterval = TouchThrottlingSessionRepository.DEFAULT_INTERVAL;

    public @Nullable OAuthProtocol getProtocol() {
        return protocol;
    }

    public void setProtocol(@Nullable OAuthProtocol protocol) {
        this.protocol = protocol;
    }

    public OAuth1LoginProperties getOauth1() {
        return oauth1;
    }

    public OAuth2LoginProperties getOauth2() {
        return oauth2;
    }

    public ApiProperties getApi() {
        return api;
    }

    public WikiHealthProperties getHealth() {
        return health;
    }

    public @Nullable String getWiki() {
        return wiki;
    }

    public void setWiki(@Nullable String wiki) {
        this.wiki = wiki;
    }

    public @Nullable String getUserAgent() {
        return userAgent;
    }

    public void setUserAgent(@Nullable String userAgent) {
        this.userAgent = userAgent;
    }

    public @Nullable String getSessionKey() {
        return sessionKey;
    }

    public void setSessionKey(@Nullable String sessionKey) {
        this.sessionKey = sessionKey;
    }

    public boolean isRequireSessionKey() {
        return requireSessionKey;
    }

    public void setRequireSessionKey(boolean requireSessionKey) {
        this.requireSessionKey = requireSessionKey;
    }

    public String getPrefix() {
        return prefix;
    }

    public void setPrefix(String prefix) {
        this.prefix = prefix;
    }

    public String getLoginPath() {
        return loginPath;
    }

    public void setLoginPath(String loginPath) {
        this.loginPath = loginPath;
    }

    public String getCallbackPath() {
        return callbackPath;
    }

    public void setCallbackPath(String callbackPath) {
        this.callbackPath = callbackPath;
    }

    public String getLogoutPath() {
        return logoutPath;
    }

    public void setLogoutPath(String logoutPath) {
        this.logoutPath = logoutPath;
    }

    public String getDefaultNext() {
        return defaultNext;
    }

    public void setDefaultNext(String defaultNext) {
        this.defaultNext = defaultNext;
    }

    public int getMaxPendingLogins() {
        return maxPendingLogins;
    }

    public void setMaxPendingLogins(int maxPendingLogins) {
        this.maxPendingLogins = maxPendingLogins;
    }

    public Duration getPendingLoginLifetime() {
        return pendingLoginLifetime;
    }

    public void setPendingLoginLifetime(Duration pendingLoginLifetime) {
        this.pendingLoginLifetime = pendingLoginLifetime;
    }

    public boolean isRedirectToLogin() {
        return redirectToLogin;
    }

    public void setRedirectToLogin(boolean redirectToLogin) {
        this.redirectToLogin = redirectToLogin;
    }

    public DataSize getMaxResponseBytes() {
        return maxResponseBytes;
    }

    public void setMaxResponseBytes(DataSize maxResponseBytes) {
        if (maxResponseBytes.compareTo(MIN_RESPONSE_BYTES) < 0 || maxResponseBytes.compareTo(MAX_RESPONSE_BYTES) > 0) {
            throw new IllegalArgumentException("mediawiki.oauth.max-response-bytes must be from 1KB to 2GB, not "
                    + maxResponseBytes);
        }
        this.maxResponseBytes = maxResponseBytes;
    }

    /** {@link #getMaxResponseBytes()} in bytes for the client; 2GB is one byte more than it can take, so 2GB - 1. */
    int maxResponseBytesAsInt() {
        return (int) Math.min(maxResponseBytes.toBytes(), Integer.MAX_VALUE);
    }

    public boolean isCompactSessionSerializer() {
        return compactSessionSerializer;
    }

    public void setCompactSessionSerializer(boolean compactSessionSerializer) {
        this.compactSessionSerializer = compactSessionSerializer;
    }

    public Duration getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public Duration getTimeout() {
        return timeout;
    }

    public void setTimeout(Duration timeout) {
        this.timeout = timeout;
    }

    public Duration getSessionStoreTimeout() {
        return sessionStoreTimeout;
    }

    public void setSessionStoreTimeout(Duration sessionStoreTimeout) {
        this.sessionStoreTimeout = sessionStoreTimeout;
    }

    public Duration getSessionTouchInterval() {
        return sessionTouchInterval;
    }

    public void setSessionTouchInterval(Duration sessionTouchInterval) {
        this.sessionTouchInterval = sessionTouchInterval;
    }
}
