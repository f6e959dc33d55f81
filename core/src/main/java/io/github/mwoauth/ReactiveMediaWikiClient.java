package io.github.mwoauth;

import io.github.mwoauth.WikiUnavailableException.Kind;
import io.github.mwoauth.oauth1.FormEncoding;
import io.github.mwoauth.oauth1.OAuth1Credentials;
import io.github.mwoauth.oauth1.OAuth1Signer;
import io.github.mwoauth.oauth1.Parameter;
import io.github.mwoauth.oauth1.SignedRequest;
import io.micrometer.observation.ObservationRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * Calls a MediaWiki Action API as a user, signed with OAuth 1.0a or with an OAuth 2.0 bearer token, and tells
 * who that user is. Immutable and
 * thread-safe; build one with {@link #builder()} and derive variants with {@link #mutate()}.
 *
 * <p>Every method returns a cold {@link Mono}: nothing happens until subscription, nothing blocks, and waiting
 * for the result with {@link Mono#block()} is fine from a thread that is not an event loop. Which user a call
 * acts for comes from the {@link TokenStore}: a fixed access token, or (in the webflux module) the session of
 * the current request found in the Reactor context.
 *
 * <p>OAuth 2.0 tokens with a refresh token are refreshed once when they have expired (known before sending) or
 * when the wiki says the access token is invalid; the request is then retried once. Concurrent requests holding
 * the same tokens share one refresh. When the wiki refuses a refresh, the store is read again a few times: tokens
 * another application instance stored meanwhile (it used the refresh token first) are taken and the request sent
 * with them; if none appear, the refused tokens are cleared from the store and the call fails with
 * {@link LoginRequiredException}.
 */
public final class ReactiveMediaWikiClient {

    private static final Logger log = LoggerFactory.getLogger(ReactiveMediaWikiClient.class);
    private static final AtomicBoolean warnedAboutUserAgent = new AtomicBoolean();

    /** Above this many bytes of field data a request goes as multipart/form-data. */
    public static final int DEFAULT_MULTIPART_THRESHOLD = 8 * 1024;

    /** The {@code maxlag} sent by clients with a fixed access token (bots, batch jobs), as Wikimedia asks. */
    public static final int DEFAULT_MAXLAG = 5;

    /** The most CSRF tokens (one per user and wiki) a client keeps in memory. */
    public static final int CSRF_TOKEN_CAPACITY = 10_000;

    /** Actions that only read: with {@link Builder#readQueriesWithGet(boolean)} they go as GET. */
    private static final Set<String> READ_ONLY_ACTIONS = Set.of("query", "parse", "compare", "paraminfo",
            "opensearch", "wbgetentities", "wbsearchentities");

    /** Longer GET request targets are sent as POST instead (proxies and servers limit URL length). */
    private static final int MAX_GET_URI_LENGTH = 4000;

    /** OAuth 2.0 access tokens that expire within this long are refreshed before sending. */
    public static final Duration TOKEN_EXPIRY_SKEW = Duration.ofSeconds(30);

    /**
     * When the wiki refuses to refresh OAuth 2.0 tokens, the token store is read again ({@link TokenStore#reload()})
     * after each of these waits, one after the other (1.5 s in all), for tokens another application instance
     * sharing the session stored after it used the refresh token first.
     */
    public static final List<Duration> REFRESH_RELOAD_DELAYS = List.of(Duration.ZERO, Duration.ofMillis(100),
            Duration.ofMillis(200), Duration.ofMillis(400), Duration.ofMillis(800));

    private final Builder settings;
    private final MediaWikiEndpoints endpoints;
    private final @Nullable ConsumerCredentials consumer;
    private final TokenStore tokenStore;
    private final OAuth1Signer signer;
    private final WikiHttp http;
    private final @Nullable OAuth1Handshake handshake;
    private final @Nullable OAuth2Handshake oauth2;
    private final TokenRefreshes refreshes;
    private final Clock clock;
    private final WikiAllowList allowedWikis;
    private final WikiObservations observations;
    private final CsrfTokens csrfTokens;
    private final int maxlag;

    private ReactiveMediaWikiClient(Builder b) {
        this.settings = b.copy();
        this.endpoints = Objects.requireNonNull(b.endpoints, "wiki (or endpoints) must be set");
        this.consumer = b.consumer;
        if (b.consumer == null && b.oauth2ClientId == null && !(b.tokenStore instanceof FixedTokenStore fixed
                && fixed.credentials() instanceof OAuth2Tokens)) {
            throw new NullPointerException("consumer (OAuth 1.0a) or oauth2Client (OAuth 2.0) must be set, unless "
                    + "the client acts with an owner-only OAuth 2.0 access token");
        }
        this.tokenStore = b.tokenStore;
        this.clock = b.clock;
        this.signer = new OAuth1Signer(b.clock);
        if ((b.userAgent == null || b.userAgent.isBlank()) && warnedAboutUserAgent.compareAndSet(false, true)) {
            log.warn("No User-Agent set for the MediaWiki client: Wikimedia wikis rate-limit and block requests "
                    + "without one; set '<tool>/<version> (<contact>)'");
        }
        this.http = new WikiHttp(b.webClientBuilder, UserAgent.of(b.userAgent), b.connectTimeout, b.timeout,
                b.maxResponseBytes);
        this.observations = new WikiObservations(b.observationRegistry);
        ConsumerCredentials c = b.consumer;
        this.handshake = c == null ? null : new OAuth1Handshake(endpoints, c, signer, http,
                new IdentityVerifier(c, endpoints.server(), b.identityClockSkew, b.clock), observations);
        this.oauth2 = b.oauth2ClientId == null ? null : oauth2Handshake(b, endpoints, b.oauth2ClientId);
        this.refreshes = new TokenRefreshes(CSRF_TOKEN_CAPACITY, b.clock);
        this.csrfTokens = new CsrfTokens(CSRF_TOKEN_CAPACITY);
        Integer configuredMaxlag = b.maxlag;
        this.maxlag = configuredMaxlag != null ? configuredMaxlag
                : b.tokenStore instanceof FixedTokenStore ? DEFAULT_MAXLAG : 0;
        WikiAllowList loginWiki = WikiAllowList.origins(endpoints.server());
        this.allowedWikis = b.allowedWikis == null ? loginWiki : loginWiki.or(b.allowedWikis);
    }

    private ReactiveMediaWikiClient(ReactiveMediaWikiClient base, TokenStore tokenStore) {
        this.settings = base.settings.copy();
        this.settings.tokenStore = tokenStore;
        this.endpoints = base.endpoints;
        this.consumer = base.consumer;
        this.tokenStore = tokenStore;
        this.signer = base.signer;
        this.http = base.http;
        this.handshake = base.handshake;
        this.oauth2 = base.oauth2;
        this.refreshes = base.refreshes;
        this.clock = base.clock;
        this.allowedWikis = base.allowedWikis;
        this.observations = base.observations;
        this.csrfTokens = base.csrfTokens;
        this.maxlag = base.maxlag;
    }

    public static Builder builder() {
        return new Builder();
    }

    private static OAuth2Handshake oauth2Handshake(Builder b, MediaWikiEndpoints endpoints, String clientId) {
        OAuth2Handshake.Builder h = OAuth2Handshake.builder().endpoints(endpoints).clientId(clientId)
                .clientSecret(b.oauth2ClientSecret).connectTimeout(b.connectTimeout).timeout(b.timeout)
                .clock(b.clock).webClientBuilder(b.webClientBuilder).scopes(b.oauth2Scopes.toArray(String[]::new));
        if (b.userAgent != null) {
            h.userAgent(b.userAgent);
        }
        return h.build();
    }

    /** A builder holding this client's settings, to derive a variant. */
    public Builder mutate() {
        return settings.copy();
    }

    /** The same client acting for the users of another token store. */
    public ReactiveMediaWikiClient withTokenStore(TokenStore store) {
        return new ReactiveMediaWikiClient(this, Objects.requireNonNull(store, "store cannot be null"));
    }

    /** The wikis this client signs requests for: the login wiki unless configured otherwise. */
    public WikiAllowList allowedWikis() {
        return allowedWikis;
    }

    public MediaWikiEndpoints endpoints() {
        return endpoints;
    }

    public TokenStore tokenStore() {
        return tokenStore;
    }

    /**
     * The OAuth 1.0a handshake steps, for the login flow.
     *
     * @throws IllegalStateException when the client has no OAuth 1.0a consumer
     */
    public OAuth1Handshake handshake() {
        OAuth1Handshake h = handshake;
        if (h == null) {
            throw new IllegalStateException("this client has no OAuth 1.0a consumer; set one with consumer(key, secret)");
        }
        return h;
    }

    /**
     * The OAuth 2.0 authorization code grant steps, for the login flow.
     *
     * @throws IllegalStateException when the client has no OAuth 2.0 client id
     */
    public OAuth2Handshake oauth2Handshake() {
        OAuth2Handshake h = oauth2;
        if (h == null) {
            throw new IllegalStateException("this client has no OAuth 2.0 client; set one with oauth2Client(id, secret)");
        }
        return h;
    }

    /** Whether the client has an OAuth 2.0 client id (and so can run the OAuth 2.0 login flow and refresh). */
    public boolean hasOAuth2Client() {
        return oauth2 != null;
    }

    /** An Action API query to the login wiki's {@code api.php}. See {@link #request(Map, URI)}. */
    public Mono<JsonNode> request(Map<String, ?> query) {
        return request(query, endpoints.apiPhp());
    }

    /**
     * An Action API query to {@code apiUrl} as the current user: a signed POST with {@code format=json} added
     * (the given map is not changed). Values may be strings, numbers, booleans ({@code true} sends the flag,
     * {@code false} leaves it out) or iterables (joined with {@code |}).
     *
     * <p>Errors: {@link LoginRequiredException} with no user; {@link InvalidAuthorizationException} when the
     * wiki rejects the authorization (a revoked grant also clears the token store); {@link MediaWikiApiException}
     * for other API errors; {@link WikiUnavailableException} when the wiki cannot be used. Answers asking to
     * try later ({@code maxlag}, HTTP 429 and 503) are retried after the wiki's {@code Retry-After}, or with
     * exponential backoff, at most {@link Builder#maxRetries(int)} times. The client may add {@code maxlag}
     * ({@link Builder#maxlag(int)}) and {@code formatversion=2} ({@link Builder#formatVersion2(boolean)}).
     */
    public Mono<JsonNode> request(Map<String, ?> query, URI apiUrl) {
        Objects.requireNonNull(apiUrl, "apiUrl cannot be null");
        List<Parameter> form = fields(query);
        return asCurrentUser(apiUrl, credentials -> call(apiUrl, form, credentials));
    }

    /** A continued query to the login wiki's {@code api.php}. See {@link #requestContinued(Map, URI)}. */
    public Flux<JsonNode> requestContinued(Map<String, ?> query) {
        return requestContinued(query, endpoints.apiPhp());
    }

    /**
     * A query whose results come in several answers: the first answer, then, as long as an answer holds a
     * {@code continue} object, the answer to the original query plus all fields of that object (MediaWiki's
     * rule: fields of an earlier {@code continue} that the latest one no longer names are not sent). The next
     * answer is asked for once the previous one was delivered: cancel (or {@code take(n)}) to stop. Pages are
     * fetched one after the other, never in parallel. Errors as for {@link #request(Map, URI)}.
     */
    public Flux<JsonNode> requestContinued(Map<String, ?> query, URI apiUrl) {
        Objects.requireNonNull(apiUrl, "apiUrl cannot be null");
        Map<String, Object> original = new LinkedHashMap<>(query);
        fields(original);
        return request(original, apiUrl)
                .expand(page -> {
                    JsonNode more = page.get("continue");
                    if (more == null || !more.isObject()) {
                        return Mono.empty();
                    }
                    Map<String, Object> next = new LinkedHashMap<>(original);
                    more.properties().forEach(field -> next.put(field.getKey(), field.getValue().asString()));
                    return request(next, apiUrl);
                });
    }

    /** A query needing a CSRF token to the login wiki's {@code api.php}. See {@link #requestWithCsrfToken(Map, URI)}. */
    public Mono<JsonNode> requestWithCsrfToken(Map<String, ?> query) {
        return requestWithCsrfToken(query, endpoints.apiPhp());
    }

    /**
     * An Action API query that changes something ({@code action=edit}, {@code move}, ...) with the user's CSRF
     * token added as the last field. The token is fetched with {@code meta=tokens} once per user and wiki and
     * kept in memory; when the wiki answers {@code badtoken}, it is fetched again and the query retried once.
     * Always a POST. Errors as for {@link #request(Map, URI)}.
     *
     * @throws IllegalArgumentException if the query already holds a {@code token}
     */
    public Mono<JsonNode> requestWithCsrfToken(Map<String, ?> query, URI apiUrl) {
        Objects.requireNonNull(apiUrl, "apiUrl cannot be null");
        if (query.containsKey("token")) {
            throw new IllegalArgumentException("the query already holds a token; use request(query) for it");
        }
        List<Parameter> form = fields(query);
        return asCurrentUser(apiUrl, accessToken -> {
            CsrfTokens.Key key = new CsrfTokens.Key(csrfKey(accessToken), apiUrl);
            return csrfToken(key, accessToken, apiUrl, false)
                    .flatMap(token -> call(apiUrl, withToken(form, token), accessToken)
                            .onErrorResume(MediaWikiApiException.class, e -> {
                                if (!"badtoken".equals(e.code())) {
                                    return Mono.error(e);
                                }
                                csrfTokens.forget(key, token);
                                return csrfToken(key, accessToken, apiUrl, true)
                                        .flatMap(fresh -> call(apiUrl, withToken(form, fresh), accessToken));
                            }));
        });
    }

    /** The public key of an OAuth 1.0a token; a digest of an OAuth 2.0 access token (never the token itself). */
    private static String csrfKey(UserCredentials credentials) {
        if (credentials instanceof AccessToken token) {
            return token.key();
        }
        return OAuth2Handshake.s256(((OAuth2Tokens) credentials).accessToken());
    }

    private Mono<String> csrfToken(CsrfTokens.Key key, UserCredentials accessToken, URI apiUrl, boolean refetch) {
        String known = refetch ? null : csrfTokens.get(key);
        if (known != null) {
            return Mono.just(known);
        }
        Map<String, Object> tokensQuery = Map.of("action", "query", "meta", "tokens", "type", "csrf");
        return call(apiUrl, fields(tokensQuery), accessToken).flatMap(json -> {
            JsonNode token = json.at("/query/tokens/csrftoken");
            if (!token.isString() || token.asString().length() < 3) {
                return Mono.error(new WikiUnavailableException(Kind.MALFORMED_RESPONSE,
                        "The wiki's meta=tokens answer holds no CSRF token", null));
            }
            csrfTokens.put(key, token.asString());
            return Mono.just(token.asString());
        });
    }

    private static List<Parameter> withToken(List<Parameter> form, String token) {
        List<Parameter> out = new ArrayList<>(form.size() + 1);
        out.addAll(form);
        out.add(new Parameter("token", token));
        return out;
    }

    /** The fields sent for {@code query}: the caller's, then the client's defaults it does not set itself. */
    private List<Parameter> fields(Map<String, ?> query) {
        List<Parameter> form = ApiQuery.toParameters(query);
        if (maxlag > 0 && !query.containsKey("maxlag")) {
            form.add(new Parameter("maxlag", Integer.toString(maxlag)));
        }
        if (settings.formatVersion2 && !query.containsKey("formatversion")) {
            form.add(new Parameter("formatversion", "2"));
        }
        return form;
    }

    /**
     * Runs {@code work} with the current user's credentials for an allowed wiki: expired OAuth 2.0 tokens are
     * refreshed first, and an access token the wiki calls invalid is refreshed and {@code work} run once more. A
     * revoked grant clears the token store.
     */
    private Mono<JsonNode> asCurrentUser(URI apiUrl, Function<UserCredentials, Mono<JsonNode>> work) {
        if (!allowedWikis.allows(apiUrl)) {
            return Mono.error(new WikiNotAllowedException("Not signing a request for " + apiUrl.getScheme() + "://"
                    + apiUrl.getHost() + ": it is not among the allowed wikis (" + allowedWikis + ")"));
        }
        return tokenStore.load()
                .switchIfEmpty(Mono.error(() -> new LoginRequiredException("No user is logged in with the wiki")))
                .flatMap(user -> fresh(user.credentials())
                        .flatMap(credentials -> work.apply(credentials)
                                .onErrorResume(e -> isInvalidBearer(e, credentials), e -> refreshed(credentials)
                                        .flatMap(retry -> work.apply(retry)
                                                .onErrorResume(again -> isInvalidBearer(again, retry),
                                                        again -> tokenStore.clearCredentials(retry).then(Mono.error(
                                                                new LoginRequiredException("The wiki still rejects "
                                                                        + "the refreshed access token", again)))))))
                        .onErrorResume(InvalidAuthorizationException.class,
                                e -> e.isGrantRevoked() ? tokenStore.clear().then(Mono.error(e)) : Mono.error(e)));
    }

    /** The credentials to send: OAuth 2.0 tokens that have expired (or are about to) are refreshed first. */
    private Mono<UserCredentials> fresh(UserCredentials credentials) {
        if (credentials instanceof OAuth2Tokens tokens && refreshable(tokens)
                && tokens.isExpired(clock, TOKEN_EXPIRY_SKEW)) {
            return refreshed(tokens).cast(UserCredentials.class);
        }
        return Mono.just(credentials);
    }

    private boolean refreshable(OAuth2Tokens tokens) {
        return oauth2 != null && tokens.refreshToken() != null;
    }

    /** The wiki says an OAuth 2.0 access token that could be refreshed is invalid (expired, or gone). */
    private boolean isInvalidBearer(Throwable e, UserCredentials credentials) {
        return credentials instanceof OAuth2Tokens tokens && refreshable(tokens)
                && e instanceof InvalidAuthorizationException invalid
                && invalid.reason() == InvalidAuthorizationException.Reason.INVALID_ACCESS_TOKEN;
    }

    /**
     * The tokens replacing {@code credentials}, stored in the token store; one refresh for all concurrent callers
     * with the same tokens. When the wiki refuses the refresh, the store is read again (see
     * {@link #REFRESH_RELOAD_DELAYS}): another application instance sharing the session may have used the refresh
     * token first, and its tokens are taken. Only when none appear are the refused tokens cleared from the store:
     * {@link LoginRequiredException}.
     */
    private Mono<OAuth2Tokens> refreshed(UserCredentials credentials) {
        OAuth2Tokens stale = (OAuth2Tokens) credentials;
        OAuth2Handshake h = oauth2Handshake();
        // the refresh in flight is shared: the store is read again in the context of the caller that started it
        return Mono.deferContextual(context -> refreshes.refresh(stale, s -> h.refresh(s).onErrorResume(
                        OAuth2Exception.class, refused -> storedInstead(s).contextWrite(context)
                                .switchIfEmpty(Mono.error(refused)))))
                .onErrorResume(OAuth2Exception.class, e -> tokenStore.clearCredentials(stale).then(Mono.error(
                        new LoginRequiredException("The wiki refused to refresh the OAuth 2.0 tokens (" + e.error()
                                + "); log in again", e))))
                .flatMap(fresh -> tokenStore.replaceCredentials(stale, fresh).thenReturn(fresh));
    }

    /**
     * OAuth 2.0 tokens the store holds in place of {@code stale}, read again after each of
     * {@link #REFRESH_RELOAD_DELAYS}; empty when it still holds {@code stale} after the last, or holds no user.
     */
    private Mono<OAuth2Tokens> storedInstead(OAuth2Tokens stale) {
        Optional<UserCredentials> unchanged = Optional.of(stale);
        return Flux.fromIterable(REFRESH_RELOAD_DELAYS)
                .concatMap(delay -> (delay.isZero() ? Mono.just(0L) : Mono.delay(delay))
                        .then(tokenStore.reload().map(user -> Optional.of(user.credentials()))
                                .defaultIfEmpty(Optional.empty())))
                .filter(stored -> !stored.equals(unchanged))
                .next()
                .flatMap(stored -> Mono.justOrEmpty(stored.filter(OAuth2Tokens.class::isInstance)
                        .map(OAuth2Tokens.class::cast)));
    }

    /** One API call with the retries for "try later" answers. */
    private Mono<JsonNode> call(URI apiUrl, List<Parameter> form, UserCredentials token) {
        return send(apiUrl, form, token)
                .retryWhen(TryLaterRetry.of(settings.maxRetries, settings.retryBackoff, settings.maxRetryDelay,
                        settings.clock));
    }

    /**
     * Who the current user is. {@link Freshness#CACHED} answers from the token store (asking the wiki only if
     * it holds no identity yet); {@link Freshness#LIVE} asks the wiki and stores the answer. Completes empty
     * when nobody is logged in, or when the wiki says the grant is gone (then the store is cleared).
     */
    public Mono<MediaWikiIdentity> currentUser(Freshness freshness) {
        Objects.requireNonNull(freshness, "freshness cannot be null");
        return tokenStore.load().flatMap(user -> {
            MediaWikiIdentity cached = user.identity();
            if (freshness == Freshness.CACHED && cached != null) {
                return Mono.just(cached);
            }
            Mono<MediaWikiIdentity> live = user.credentials() instanceof OAuth2Tokens tokens
                    ? profile(tokens)
                    : handshake().identify(user.accessToken())
                            .onErrorResume(HandshakeException.class, e -> isGrantGone(e)
                                    ? tokenStore.clear().then(Mono.empty())
                                    : Mono.error(e));
            return live.flatMap(identity -> tokenStore.saveIdentity(identity).thenReturn(identity));
        });
    }

    /**
     * The OAuth 2.0 profile: expired tokens are refreshed first, rejected ones refreshed and asked once more;
     * empty (the store cleared) when the tokens are no good and cannot be refreshed.
     */
    private Mono<MediaWikiIdentity> profile(OAuth2Tokens tokens) {
        return fresh(tokens)
                .flatMap(credentials -> profileOf(credentials)
                        .onErrorResume(e -> isRejectedBearer(e) && refreshable(tokens),
                                e -> refreshed(credentials).flatMap(this::profileOf)))
                .onErrorResume(e -> isRejectedBearer(e), e -> tokenStore.clear().then(Mono.empty()))
                .onErrorResume(LoginRequiredException.class, e -> Mono.empty());
    }

    private Mono<MediaWikiIdentity> profileOf(UserCredentials credentials) {
        return OAuth2Handshake.profile(http, endpoints, (OAuth2Tokens) credentials);
    }

    /** The profile endpoint refused the bearer token (league's 401 {@code access_denied}). */
    private static boolean isRejectedBearer(Throwable e) {
        return e instanceof OAuth2Exception refused && refused.status() == 401;
    }

    private static boolean isGrantGone(HandshakeException e) {
        return "mwoauthdatastore-access-token-not-found".equals(e.messageKey())
                || e.wikiMessage().contains("No approved grant was found");
    }

    private Mono<JsonNode> send(URI apiUrl, List<Parameter> form, UserCredentials token) {
        String action = value(form, "action");
        boolean get = settings.readQueriesWithGet && action != null && READ_ONLY_ACTIONS.contains(action)
                && value(form, "token") == null;
        URI getUri = get ? withQuery(apiUrl, form) : apiUrl;
        boolean useGet = get && getUri.toString().length() <= MAX_GET_URI_LENGTH;
        Mono<JsonNode> exchange = Mono.defer(() -> {
            if (useGet) {
                return authorization(token, "GET", getUri, List.of())
                        .flatMap(authorization -> http.get(getUri, authorization));
            }
            boolean multipart = ApiQuery.byteSize(form) > settings.multipartThreshold;
            return authorization(token, "POST", apiUrl, multipart ? List.of() : form)
                    .flatMap(authorization -> multipart
                            ? http.postMultipart(apiUrl, form, authorization)
                            : http.postForm(apiUrl, form, authorization));
        }).flatMap(response -> Mono.fromCallable(() -> ApiResponses.parse(response)));
        return observations.apiRequest(action, useGet ? "GET" : "POST", exchange);
    }

    /** The {@code Authorization} header: an OAuth 1.0a signature over the request, or the OAuth 2.0 bearer token. */
    private Mono<String> authorization(UserCredentials credentials, String method, URI uri, List<Parameter> signed) {
        if (credentials instanceof OAuth2Tokens tokens) {
            return Mono.just(tokens.authorizationHeader());
        }
        AccessToken token = (AccessToken) credentials;
        ConsumerCredentials c = consumer;
        if (c == null) {
            return Mono.error(new IllegalStateException("an OAuth 1.0a access token needs the consumer; set "
                    + "consumer(key, secret)"));
        }
        OAuth1Credentials oauth1 = new OAuth1Credentials(c.key(), c.secret(), token.key(), token.secret());
        return Mono.just(signer.sign(method, uri, signed, oauth1, List.of()).authorizationHeader());
    }

    private static @Nullable String value(List<Parameter> form, String name) {
        for (Parameter p : form) {
            if (p.name().equals(name)) {
                return p.value();
            }
        }
        return null;
    }

    private static URI withQuery(URI apiUrl, List<Parameter> form) {
        String base = apiUrl.toString();
        return URI.create(base + (apiUrl.getRawQuery() == null ? "?" : "&") + FormEncoding.write(form));
    }

    /** Settings of a {@link ReactiveMediaWikiClient}. Not thread-safe; {@link #build()} copies what it needs. */
    public static final class Builder {

        private @Nullable MediaWikiEndpoints endpoints;
        private @Nullable ConsumerCredentials consumer;
        private @Nullable String oauth2ClientId;
        private @Nullable String oauth2ClientSecret;
        private List<String> oauth2Scopes = List.of();
        private TokenStore tokenStore = TokenStore.none();
        private @Nullable String userAgent;
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration timeout = Duration.ofSeconds(30);
        private Duration identityClockSkew = IdentityVerifier.DEFAULT_CLOCK_SKEW;
        private Clock clock = Clock.systemUTC();
        private WebClient.Builder webClientBuilder = WebClient.builder();
        private int multipartThreshold = DEFAULT_MULTIPART_THRESHOLD;
        private int maxResponseBytes = 16 * 1024 * 1024;
        private int maxRetries = 2;
        private Duration retryBackoff = Duration.ofSeconds(1);
        private @Nullable WikiAllowList allowedWikis;
        private Duration maxRetryDelay = Duration.ofSeconds(30);
        private @Nullable Integer maxlag;
        private boolean formatVersion2;
        private boolean readQueriesWithGet;
        private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

        private Builder() {
        }

        /** The wiki's script path, e.g. {@code https://meta.wikimedia.org/w}. */
        public Builder wiki(String scriptPath) {
            this.endpoints = MediaWikiEndpoints.of(scriptPath);
            return this;
        }

        public Builder endpoints(MediaWikiEndpoints endpoints) {
            this.endpoints = Objects.requireNonNull(endpoints, "endpoints cannot be null");
            return this;
        }

        public Builder consumer(String key, String secret) {
            return consumer(new ConsumerCredentials(key, secret));
        }

        public Builder consumer(ConsumerCredentials consumer) {
            this.consumer = Objects.requireNonNull(consumer, "consumer cannot be null");
            return this;
        }

        /**
         * The OAuth 2.0 client ("client application key" and secret at registration), for the OAuth 2.0 login flow
         * and for refreshing users' tokens.
         *
         * @param clientSecret the secret of a confidential client; {@code null} for a public client
         */
        public Builder oauth2Client(String clientId, @Nullable String clientSecret) {
            Objects.requireNonNull(clientId, "clientId cannot be null");
            if (clientId.isBlank()) {
                throw new IllegalArgumentException("clientId cannot be blank");
            }
            this.oauth2ClientId = clientId;
            this.oauth2ClientSecret = clientSecret == null || clientSecret.isEmpty() ? null : clientSecret;
            return this;
        }

        /** The OAuth 2.0 scopes (grants) to ask for at login; none asks for every grant of the client. */
        public Builder oauth2Scopes(String... scopes) {
            this.oauth2Scopes = List.of(scopes);
            return this;
        }

        /** Acts always as the holder of this OAuth 1.0a access token (owner-only consumers, bots, tests). */
        public Builder accessToken(String token, String secret) {
            return tokenStore(TokenStore.fixed(new AccessToken(token, secret)));
        }

        /**
         * Acts always as the owner of this OAuth 2.0 owner-only access token (bots): sent as
         * {@code Authorization: Bearer}, never refreshed. No consumer nor client id is needed.
         */
        public Builder oauth2AccessToken(String accessToken) {
            return tokenStore(TokenStore.fixed(OAuth2Tokens.ownerOnly(accessToken)));
        }

        /** Where the current user's access token comes from. */
        public Builder tokenStore(TokenStore tokenStore) {
            this.tokenStore = Objects.requireNonNull(tokenStore, "tokenStore cannot be null");
            return this;
        }

        /**
         * The application's part of the User-Agent, {@code <tool>/<version> (<contact>)}; the library appends
         * its own name and version.
         */
        public Builder userAgent(String userAgent) {
            this.userAgent = Objects.requireNonNull(userAgent, "userAgent cannot be null");
            return this;
        }

        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = positive(connectTimeout, "connectTimeout");
            return this;
        }

        /** How long one exchange with the wiki may take in all, from sending to the last byte. */
        public Builder timeout(Duration timeout) {
            this.timeout = positive(timeout, "timeout");
            return this;
        }

        public Builder identityClockSkew(Duration skew) {
            Objects.requireNonNull(skew, "skew cannot be null");
            if (skew.isNegative()) {
                throw new IllegalArgumentException("identityClockSkew cannot be negative");
            }
            this.identityClockSkew = skew;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock cannot be null");
            return this;
        }

        /** The application's {@link WebClient.Builder} (for its filters and observations); it is cloned. */
        public Builder webClientBuilder(WebClient.Builder webClientBuilder) {
            this.webClientBuilder = Objects.requireNonNull(webClientBuilder, "webClientBuilder cannot be null");
            return this;
        }

        public Builder multipartThreshold(int bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("multipartThreshold cannot be negative");
            }
            this.multipartThreshold = bytes;
            return this;
        }

        /**
         * The largest response body the client reads into memory, after gzip decompression (default 16 MiB); a
         * larger answer fails with {@link WikiUnavailableException.Kind#MALFORMED_RESPONSE} once this many bytes
         * have arrived, and the rest is not buffered.
         */
        public Builder maxResponseBytes(int bytes) {
            if (bytes < 1024) {
                throw new IllegalArgumentException("maxResponseBytes must be at least 1024");
            }
            this.maxResponseBytes = bytes;
            return this;
        }

        /**
         * How many times an answer asking to try later ({@code maxlag}, HTTP 429, HTTP 503) is retried, all kinds
         * counted together (default 2). Then the call fails with {@link WikiUnavailableException.Kind#OVERLOADED}.
         */
        public Builder maxRetries(int retries) {
            if (retries < 0) {
                throw new IllegalArgumentException("maxRetries cannot be negative");
            }
            this.maxRetries = retries;
            return this;
        }

        /**
         * The former name of {@link #maxRetries(int)}, from when only {@code maxlag} answers were retried.
         *
         * @deprecated use {@link #maxRetries(int)}, which counts {@code maxlag}, HTTP 429 and 503 answers together
         */
        @Deprecated
        public Builder maxlagRetries(int retries) {
            return maxRetries(retries);
        }

        /**
         * The wait before the first retry when the wiki sent no {@code Retry-After}; it doubles with each further
         * retry, up to {@link #maxRetryDelay(Duration)} (default 1 s).
         */
        public Builder retryBackoff(Duration firstBackoff) {
            this.retryBackoff = positive(firstBackoff, "retryBackoff");
            return this;
        }

        /**
         * The {@code maxlag} (seconds) added to every API query that does not set its own; {@code 0} sends none.
         * Default: {@value ReactiveMediaWikiClient#DEFAULT_MAXLAG} for a client with a fixed access token (bots and
         * batch jobs, which Wikimedia asks to yield to replica lag), none for clients acting for web users.
         */
        public Builder maxlag(int seconds) {
            if (seconds < 0) {
                throw new IllegalArgumentException("maxlag cannot be negative");
            }
            this.maxlag = seconds;
            return this;
        }

        /** Adds {@code formatversion=2} (plain booleans, UTF-8, arrays) to queries that do not set it (default off). */
        public Builder formatVersion2(boolean formatVersion2) {
            this.formatVersion2 = formatVersion2;
            return this;
        }

        /**
         * Sends read-only queries ({@code action=query}, {@code parse}, ... without a {@code token}) as signed GET
         * requests, which caches and Wikimedia's read replicas serve best (default off: everything is a POST).
         * Queries whose URL would be too long still go as POST.
         */
        public Builder readQueriesWithGet(boolean readQueriesWithGet) {
            this.readQueriesWithGet = readQueriesWithGet;
            return this;
        }

        /** Where to report observations of API calls and handshake steps (default: none). */
        public Builder observationRegistry(ObservationRegistry observationRegistry) {
            this.observationRegistry = Objects.requireNonNull(observationRegistry,
                    "observationRegistry cannot be null");
            return this;
        }

        /**
         * The longest wait between retries, whatever the wiki's {@code Retry-After} says (default 30 s). A
         * {@code Retry-After} may be delay-seconds or an HTTP-date, read against {@link #clock(Clock)}; one that is
         * neither is ignored and the backoff applies.
         */
        public Builder maxRetryDelay(Duration delay) {
            Objects.requireNonNull(delay, "delay cannot be null");
            if (delay.isNegative()) {
                throw new IllegalArgumentException("maxRetryDelay cannot be negative");
            }
            this.maxRetryDelay = delay;
            return this;
        }

        /**
         * The wikis {@code request(query, apiUrl)} may address. Default: the login wiki only. The login wiki is
         * always allowed.
         */
        public Builder allowedWikis(WikiAllowList allowedWikis) {
            this.allowedWikis = Objects.requireNonNull(allowedWikis, "allowedWikis cannot be null");
            return this;
        }

        public ReactiveMediaWikiClient build() {
            return new ReactiveMediaWikiClient(this);
        }

        private Builder copy() {
            Builder b = new Builder();
            b.endpoints = endpoints;
            b.consumer = consumer;
            b.oauth2ClientId = oauth2ClientId;
            b.oauth2ClientSecret = oauth2ClientSecret;
            b.oauth2Scopes = oauth2Scopes;
            b.tokenStore = tokenStore;
            b.userAgent = userAgent;
            b.connectTimeout = connectTimeout;
            b.timeout = timeout;
            b.identityClockSkew = identityClockSkew;
            b.clock = clock;
            b.webClientBuilder = webClientBuilder;
            b.multipartThreshold = multipartThreshold;
            b.maxResponseBytes = maxResponseBytes;
            b.maxRetries = maxRetries;
            b.retryBackoff = retryBackoff;
            b.allowedWikis = allowedWikis;
            b.maxRetryDelay = maxRetryDelay;
            b.maxlag = maxlag;
            b.formatVersion2 = formatVersion2;
            b.readQueriesWithGet = readQueriesWithGet;
            b.observationRegistry = observationRegistry;
            return b;
        }

        private static Duration positive(Duration d, String what) {
            Objects.requireNonNull(d, what + " cannot be null");
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(what + " must be positive");
            }
            return d;
        }
    }
}
