package io.github.mwoauth.webflux.autoconfigure;

import io.github.mwoauth.http.WikiHttp;
import io.github.mwoauth.oauth1.IdentityVerifier;
import io.github.mwoauth.webflux.SessionAccess;
import io.github.mwoauth.webflux.WebSessionPendingLoginRepository;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/** Settings under {@code mediawiki.oauth}. */
@ConfigurationProperties("mediawiki.oauth")
public class MediaWikiOAuthProperties {

    private static final DataSize MIN_RESPONSE_BYTES = DataSize.ofKilobytes(1);
    private static final DataSize MAX_RESPONSE_BYTES = DataSize.ofGigabytes(2);

    /** The wiki's script path, e.g. https://meta.wikimedia.org/w. With the consumer key, this creates the client. */
    private @Nullable String wiki;

    /**
     * The protocol users log in with: oauth1 (OAuth 1.0a, the default) or oauth2 (OAuth 2.0, authorization code
     * grant with state and PKCE). The consumer key and secret are then those of a consumer registered for it.
     */
    private OAuthProtocol protocol = OAuthProtocol.OAUTH1;

    /**
     * The key the wiki gave when the consumer was registered: the OAuth 1.0a consumer key, or with
     * protocol=oauth2 the OAuth 2.0 client application key (client id).
     */
    private @Nullable String consumerKey;

    /**
     * The secret that goes with the consumer key (the OAuth 2.0 client application secret). Required for OAuth
     * 1.0a; leave it unset for a public (non-confidential) OAuth 2.0 client.
     */
    private @Nullable String consumerSecret;

    /**
     * OAuth 2.0: the redirect_uri sent to both the authorize and the token endpoints; it must equal the one
     * registered (the app's callback URL). Unset: sent to neither, and the wiki uses the registered one.
     */
    private @Nullable String redirectUri;

    /** Your tool's part of the User-Agent: "<tool>/<version> (<contact>)". Wikimedia blocks requests without one. */
    private @Nullable String userAgent;

    /**
     * The absolute callback URL sent when a login starts, for consumers registered with "callback is prefix".
     * Unset: "oob" is sent and the wiki uses the registered callback.
     */
    private @Nullable String callbackUrl;

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

    /** How far the identity JWT's times may be off because of clock differences with the wiki. */
    private Duration identityClockSkew = IdentityVerifier.DEFAULT_CLOCK_SKEW;

    /** How long connecting to the wiki may take. */
    private Duration connectTimeout = WikiHttp.DEFAULT_CONNECT_TIMEOUT;

    /** How long one exchange with the wiki may take in all. */
    private Duration timeout = WikiHttp.DEFAULT_TIMEOUT;

    /**
     * The wikis besides the login wiki that API calls with an explicit api.php URL may go to: origins such as
     * https://en.wikipedia.org, or "wikimedia" for every Wikimedia wiki over HTTPS. Empty: the login wiki only.
     */
    private List<String> allowedWikis = new ArrayList<>();

    /**
     * The maxlag (seconds) added to API queries that set none; 0 sends none. Unset: none for the users of the
     * web application (people should not wait for replica lag).
     */
    private @Nullable Integer maxlag;

    /** How many times an answer asking to try later (maxlag, HTTP 429 or 503) is retried. */
    private int maxRetries = 2;

    /** The first wait before a retry when the wiki sent no Retry-After; it doubles with each retry. */
    private Duration retryBackoff = Duration.ofSeconds(1);

    /** The longest wait before a retry, whatever the wiki's Retry-After says. */
    private Duration maxRetryDelay = Duration.ofSeconds(30);

    /** Add formatversion=2 to API queries that do not set it. */
    private boolean formatVersion2;

    /** Send read-only API queries (action=query, parse, ... without a token) as GET rather than POST. */
    private boolean readQueriesWithGet;

    /**
     * The largest answer from the wiki read into memory, counted after gzip decompression; a larger one fails as
     * a malformed response (the login routes show 503). From 1KB to 2GB.
     */
    private DataSize maxResponseBytes = DataSize.ofMegabytes(16);

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
    private Duration sessionTouchInterval = Duration.ofSeconds(60);

    public @Nullable String getWiki() {
        return wiki;
    }

    public void setWiki(@Nullable String wiki) {
        this.wiki = wiki;
    }

    public OAuthProtocol getProtocol() {
        return protocol;
    }

    public void setProtocol(OAuthProtocol protocol) {
        this.protocol = protocol;
    }

    public @Nullable String getRedirectUri() {
        return redirectUri;
    }

    public void setRedirectUri(@Nullable String redirectUri) {
        this.redirectUri = redirectUri;
    }

    public @Nullable String getConsumerKey() {
        return consumerKey;
    }

    public void setConsumerKey(@Nullable String consumerKey) {
        this.consumerKey = consumerKey;
    }

    public @Nullable String getConsumerSecret() {
        return consumerSecret;
    }

    public void setConsumerSecret(@Nullable String consumerSecret) {
        this.consumerSecret = consumerSecret;
    }

    public @Nullable String getUserAgent() {
        return userAgent;
    }

    public void setUserAgent(@Nullable String userAgent) {
        this.userAgent = userAgent;
    }

    public @Nullable String getCallbackUrl() {
        return callbackUrl;
    }

    public void setCallbackUrl(@Nullable String callbackUrl) {
        this.callbackUrl = callbackUrl;
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

    public Duration getIdentityClockSkew() {
        return identityClockSkew;
    }

    public void setIdentityClockSkew(Duration identityClockSkew) {
        this.identityClockSkew = identityClockSkew;
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

    public List<String> getAllowedWikis() {
        return allowedWikis;
    }

    public void setAllowedWikis(List<String> allowedWikis) {
        this.allowedWikis = allowedWikis;
    }

    public @Nullable Integer getMaxlag() {
        return maxlag;
    }

    public void setMaxlag(@Nullable Integer maxlag) {
        this.maxlag = maxlag;
    }

    public int getMaxRetries() {
        return maxRetries;
    }

    public void setMaxRetries(int maxRetries) {
        this.maxRetries = maxRetries;
    }

    public Duration getRetryBackoff() {
        return retryBackoff;
    }

    public void setRetryBackoff(Duration retryBackoff) {
        this.retryBackoff = retryBackoff;
    }

    public Duration getMaxRetryDelay() {
        return maxRetryDelay;
    }

    public void setMaxRetryDelay(Duration maxRetryDelay) {
        this.maxRetryDelay = maxRetryDelay;
    }

    public boolean isFormatVersion2() {
        return formatVersion2;
    }

    public void setFormatVersion2(boolean formatVersion2) {
        this.formatVersion2 = formatVersion2;
    }

    public boolean isReadQueriesWithGet() {
        return readQueriesWithGet;
    }

    public void setReadQueriesWithGet(boolean readQueriesWithGet) {
        this.readQueriesWithGet = readQueriesWithGet;
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
