package io.github.mwoauth;

import io.github.mwoauth.WikiUnavailableException.Kind;
import io.github.mwoauth.http.FormEncoding;
import io.github.mwoauth.http.Parameter;
import io.github.mwoauth.http.TryLaterRetry;
import io.github.mwoauth.http.UserAgent;
import io.github.mwoauth.http.WikiHttp;
import io.github.mwoauth.http.WikiObservations;
import io.github.mwoauth.login.LoginBuilder;
import io.github.mwoauth.login.MediaWikiLogin;
import io.github.mwoauth.login.TokenStore;
import io.github.mwoauth.login.UserCredentials;
import io.github.mwoauth.oauth1.AccessToken;
import io.github.mwoauth.oauth1.ConsumerCredentials;
import io.github.mwoauth.oauth1.IdentityVerifier;
import io.github.mwoauth.oauth1.OAuth1Login;
import io.github.mwoauth.oauth2.OAuth2Login;
import io.github.mwoauth.oauth2.OAuth2Tokens;
import io.micrometer.observation.ObservationRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;
import tools.jackson.databind.JsonNode;

/**
 * Calls a MediaWiki Action API as a user and tells who that user is. Immutable and thread-safe; build one with
 * {@link #builder()} and derive variants with {@link #mutate()}.
 *
 * <p>Every method returns a cold {@link Mono}: nothing happens until subscription, nothing blocks, and waiting
 * for the result with {@link Mono#block()} is fine from a thread that is not an event loop. Which user a call
 * acts for comes from the {@link TokenStore}: fixed credentials, or (in the webflux module) the session of the
 * current request found in the Reactor context. How requests are authorized, and how credentials stay usable, is
 * the {@link MediaWikiLogin}'s business (an OAuth 1.0a signature, or an OAuth 2.0 bearer token refreshed when it
 * expires); the client only asks it for a header.
 */
public final class ReactiveMediaWikiClient {

    private static final Logger log = LoggerFactory.getLogger(ReactiveMediaWikiClient.class);
    private static final AtomicBoolean warnedAboutUserAgent = new AtomicBoolean();

    /** Above this many bytes of field data a request goes as multipart/form-data. */
    public static final int DEFAULT_MULTIPART_THRESHOLD = 8 * 1024;

    /** The {@code maxlag} sent by clients with a fixed access token (bots, batch jobs), as Wikimedia asks. */
    public static final int DEFAULT_MAXLAG = 5;

    /** The largest answer read into memory, unless configured otherwise. */
    public static final int DEFAULT_MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

    /** The most CSRF tokens (one per user and wiki) a client keeps in memory. */
    private static final int CSRF_TOKEN_CAPACITY = 10_000;

    /** Actions that only read: with {@link Builder#readQueriesWithGet(boolean)} they go as GET. */
    private static final Set<String> READ_ONLY_ACTIONS = Set.of("query", "parse", "compare", "paraminfo",
            "opensearch", "wbgetentities", "wbsearchentities");

    /** Longer GET request targets are sent as POST instead (proxies and servers limit URL length). */
    private static final int MAX_GET_URI_LENGTH = 4000;

    private final Settings settings;
    private final MediaWikiEndpoints endpoints;
    private final MediaWikiLogin login;
    private final TokenStore tokenStore;
    private final WikiHttp http;
    private final WikiAllowList allowedWikis;
    private final WikiObservations observations;
    private final CsrfTokens csrfTokens;
    private final Retry tryLater;
    private final int maxlag;
    private final int multipartThreshold;
    private final boolean formatVersion2;
    private final boolean readQueriesWithGet;

    private ReactiveMediaWikiClient(Settings s) {
        this.settings = s;
        this.login = s.login();
        MediaWikiEndpoints wiki = s.endpoints;
        this.endpoints = wiki != null ? wiki : login.endpoints();
        this.tokenStore = s.tokenStore;
        if ((s.userAgent == null || s.userAgent.isBlank()) && warnedAboutUserAgent.compareAndSet(false, true)) {
            log.warn("No User-Agent set for the MediaWiki client: Wikimedia wikis rate-limit and block requests "
                    + "without one; set '<tool>/<version> (<contact>)'");
        }
        this.http = new WikiHttp(s.webClientBuilder, UserAgent.of(s.userAgent), s.connectTimeout, s.timeout,
                s.maxResponseBytes);
        this.observations = new WikiObservations(s.observationRegistry);
        this.csrfTokens = new CsrfTokens(CSRF_TOKEN_CAPACITY);
        this.tryLater = TryLaterRetry.of(s.maxRetries, s.retryBackoff, s.maxRetryDelay, s.clock);
        Integer configuredMaxlag = s.maxlag;
        this.maxlag = configuredMaxlag != null ? configuredMaxlag : s.tokenStore.isFixed() ? DEFAULT_MAXLAG : 0;
        this.multipartThreshold = s.multipartThreshold;
        this.formatVersion2 = s.formatVersion2;
        this.readQueriesWithGet = s.readQueriesWithGet;
        WikiAllowList loginWiki = WikiAllowList.origins(endpoints.server());
        this.allowedWikis = s.allowedWikis == null ? loginWiki : loginWiki.or(s.allowedWikis);
    }

    public static Builder builder() {
        return new Builder(new Settings());
    }

    /** A builder holding this client's settings, to derive a variant. */
    public Builder mutate() {
        return new Builder(settings);
    }

    /** The same client acting for the users of another token store. */
    public ReactiveMediaWikiClient withTokenStore(TokenStore store) {
        return mutate().tokenStore(store).build();
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

    /** How this client's users log in and how their requests are authorized. */
    public MediaWikiLogin login() {
        return login;
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
            CsrfTokens.Key key = new CsrfTokens.Key(login.userKey(accessToken), apiUrl);
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
        if (formatVersion2 && !query.containsKey("formatversion")) {
            form.add(new Parameter("formatversion", "2"));
        }
        return form;
    }

    /**
     * Runs {@code work} with the current user's credentials for an allowed wiki, kept usable by the login (which
     * refreshes them if it needs to). A revoked grant clears the token store.
     */
    private Mono<JsonNode> asCurrentUser(URI apiUrl, Function<UserCredentials, Mono<JsonNode>> work) {
        if (!allowedWikis.allows(apiUrl)) {
            return Mono.error(new WikiNotAllowedException("Not signing a request for " + apiUrl.getScheme() + "://"
                    + apiUrl.getHost() + ": it is not among the allowed wikis (" + allowedWikis + ")"));
        }
        return tokenStore.load()
                .switchIfEmpty(Mono.error(() -> new LoginRequiredException("No user is logged in with the wiki")))
                .flatMap(user -> login.authorized(user.credentials(), tokenStore, work))
                .onErrorResume(InvalidAuthorizationException.class,
                        e -> e.isGrantRevoked() ? tokenStore.clear().then(Mono.error(e)) : Mono.error(e));
    }

    /** One API call with the retries for "try later" answers. */
    private Mono<JsonNode> call(URI apiUrl, List<Parameter> form, UserCredentials token) {
        return send(apiUrl, form, token).retryWhen(tryLater);
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
            return login.identify(user.credentials(), tokenStore)
                    .flatMap(identity -> tokenStore.saveIdentity(identity).thenReturn(identity));
        });
    }

    private Mono<JsonNode> send(URI apiUrl, List<Parameter> form, UserCredentials token) {
        String action = value(form, "action");
        boolean get = readQueriesWithGet && action != null && READ_ONLY_ACTIONS.contains(action)
                && value(form, "token") == null;
        URI getUri = get ? withQuery(apiUrl, form) : apiUrl;
        boolean useGet = get && getUri.toString().length() <= MAX_GET_URI_LENGTH;
        Mono<JsonNode> exchange = Mono.defer(() -> {
            if (useGet) {
                return http.get(getUri, login.authorization(token, "GET", getUri, List.of()));
            }
            boolean multipart = ApiQuery.byteSize(form) > multipartThreshold;
            String authorization = login.authorization(token, "POST", apiUrl, multipart ? List.of() : form);
            return multipart ? http.postMultipart(apiUrl, form, authorization) : http.postForm(apiUrl, form, authorization);
        }).flatMap(response -> Mono.fromCallable(() -> ApiResponses.parse(response)));
        return observations.apiRequest(action, useGet ? "GET" : "POST", exchange);
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

    /**
     * Settings of a {@link ReactiveMediaWikiClient}. Immutable: every setter returns a configured copy, so a
     * builder can be kept as a template and shared between threads.
     */
    public static final class Builder {

        private final Settings settings;

        private Builder(Settings settings) {
            this.settings = settings;
        }

        private Builder with(Consumer<Settings> change) {
            Settings copy = settings.copy();
            change.accept(copy);
            return new Builder(copy);
        }

        /** The wiki's script path, e.g. {@code https://meta.wikimedia.org/w}. */
        public Builder wiki(String scriptPath) {
            return endpoints(MediaWikiEndpoints.of(scriptPath));
        }

        public Builder endpoints(MediaWikiEndpoints endpoints) {
            Objects.requireNonNull(endpoints, "endpoints cannot be null");
            return with(s -> s.endpoints = endpoints);
        }

        /**
         * How users log in and how requests are authorized: an {@code OAuth1Login} or {@code OAuth2Login}. Instead
         * of {@link #consumer}, {@link #oauth2Client} and {@link #oauth2AccessToken}; the login wiki is then the
         * login's unless {@link #wiki} says otherwise.
         */
        public Builder login(MediaWikiLogin login) {
            Objects.requireNonNull(login, "login cannot be null");
            return with(s -> s.login = login);
        }

        /** OAuth 1.0a: the consumer's key and secret, for requests signed as its users. */
        public Builder consumer(String key, String secret) {
            return consumer(new ConsumerCredentials(key, secret));
        }

        public Builder consumer(ConsumerCredentials consumer) {
            Objects.requireNonNull(consumer, "consumer cannot be null");
            return with(s -> s.consumer = consumer);
        }

        /**
         * The OAuth 2.0 client ("client application key" and secret at registration), for refreshing users'
         * tokens.
         *
         * @param clientSecret the secret of a confidential client; {@code null} for a public client
         */
        public Builder oauth2Client(String clientId, @Nullable String clientSecret) {
            Objects.requireNonNull(clientId, "clientId cannot be null");
            if (clientId.isBlank()) {
                throw new IllegalArgumentException("clientId cannot be blank");
            }
            return with(s -> {
                s.oauth2ClientId = clientId;
                s.oauth2ClientSecret = clientSecret;
            });
        }

        /** The OAuth 2.0 scopes (grants) to ask for at login; none asks for every grant of the client. */
        public Builder oauth2Scopes(String... scopes) {
            List<String> copy = List.of(scopes);
            return with(s -> s.oauth2Scopes = copy);
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
            return tokenStore(TokenStore.fixed(OAuth2Tokens.ownerOnly(accessToken))).with(s -> s.oauth2Bearer = true);
        }

        /** Where the current user's credentials come from. */
        public Builder tokenStore(TokenStore tokenStore) {
            Objects.requireNonNull(tokenStore, "tokenStore cannot be null");
            return with(s -> s.tokenStore = tokenStore);
        }

        /**
         * The application's part of the User-Agent, {@code <tool>/<version> (<contact>)}; the library appends
         * its own name and version.
         */
        public Builder userAgent(String userAgent) {
            Objects.requireNonNull(userAgent, "userAgent cannot be null");
            return with(s -> s.userAgent = userAgent);
        }

        public Builder connectTimeout(Duration connectTimeout) {
            LoginBuilder.positive(connectTimeout, "connectTimeout");
            return with(s -> s.connectTimeout = connectTimeout);
        }

        /** How long one exchange with the wiki may take in all, from sending to the last byte. */
        public Builder timeout(Duration timeout) {
            LoginBuilder.positive(timeout, "timeout");
            return with(s -> s.timeout = timeout);
        }

        /** OAuth 1.0a: how far the identity JWT's {@code iat} and {@code exp} may be off (default 10 s). */
        public Builder identityClockSkew(Duration skew) {
            Objects.requireNonNull(skew, "skew cannot be null");
            if (skew.isNegative()) {
                throw new IllegalArgumentException("identityClockSkew cannot be negative");
            }
            return with(s -> s.identityClockSkew = skew);
        }

        public Builder clock(Clock clock) {
            Objects.requireNonNull(clock, "clock cannot be null");
            return with(s -> s.clock = clock);
        }

        /** The application's {@link WebClient.Builder} (for its filters and observations); it is cloned. */
        public Builder webClientBuilder(WebClient.Builder webClientBuilder) {
            Objects.requireNonNull(webClientBuilder, "webClientBuilder cannot be null");
            return with(s -> s.webClientBuilder = webClientBuilder);
        }

        public Builder multipartThreshold(int bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("multipartThreshold cannot be negative");
            }
            return with(s -> s.multipartThreshold = bytes);
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
            return with(s -> s.maxResponseBytes = bytes);
        }

        /**
         * How many times an answer asking to try later ({@code maxlag}, HTTP 429, HTTP 503) is retried, all kinds
         * counted together (default 2). Then the call fails with {@link WikiUnavailableException.Kind#OVERLOADED}.
         */
        public Builder maxRetries(int retries) {
            if (retries < 0) {
                throw new IllegalArgumentException("maxRetries cannot be negative");
            }
            return with(s -> s.maxRetries = retries);
        }

        /**
         * The wait before the first retry when the wiki sent no {@code Retry-After}; it doubles with each further
         * retry, up to {@link #maxRetryDelay(Duration)} (default 1 s).
         */
        public Builder retryBackoff(Duration firstBackoff) {
            LoginBuilder.positive(firstBackoff, "retryBackoff");
            return with(s -> s.retryBackoff = firstBackoff);
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
            return with(s -> s.maxRetryDelay = delay);
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
            return with(s -> s.maxlag = seconds);
        }

        /** Adds {@code formatversion=2} (plain booleans, UTF-8, arrays) to queries that do not set it (default off). */
        public Builder formatVersion2(boolean formatVersion2) {
            return with(s -> s.formatVersion2 = formatVersion2);
        }

        /**
         * Sends read-only queries ({@code action=query}, {@code parse}, ... without a {@code token}) as signed GET
         * requests, which caches and Wikimedia's read replicas serve best (default off: everything is a POST).
         * Queries whose URL would be too long still go as POST.
         */
        public Builder readQueriesWithGet(boolean readQueriesWithGet) {
            return with(s -> s.readQueriesWithGet = readQueriesWithGet);
        }

        /** Where to report observations of API calls and login steps (default: none). */
        public Builder observationRegistry(ObservationRegistry observationRegistry) {
            Objects.requireNonNull(observationRegistry, "observationRegistry cannot be null");
            return with(s -> s.observationRegistry = observationRegistry);
        }

        /**
         * The wikis {@code request(query, apiUrl)} may address. Default: the login wiki only. The login wiki is
         * always allowed.
         */
        public Builder allowedWikis(WikiAllowList allowedWikis) {
            Objects.requireNonNull(allowedWikis, "allowedWikis cannot be null");
            return with(s -> s.allowedWikis = allowedWikis);
        }

        /**
         * The client.
         *
         * @throws NullPointerException when neither the wiki nor a {@link #login} is set, or no login: a {@link #login}, a
         *     {@link #consumer}, an {@link #oauth2Client} or an {@link #oauth2AccessToken}
         * @throws IllegalArgumentException when more than one kind of login is set
         */
        public ReactiveMediaWikiClient build() {
            return new ReactiveMediaWikiClient(settings);
        }
    }

    /** The builder's settings: copied on every change, never changed once a builder or client holds them. */
    private static final class Settings implements Cloneable {
        private @Nullable MediaWikiEndpoints endpoints;
        private @Nullable MediaWikiLogin login;
        private @Nullable ConsumerCredentials consumer;
        private @Nullable String oauth2ClientId;
        private @Nullable String oauth2ClientSecret;
        private List<String> oauth2Scopes = List.of();
        private boolean oauth2Bearer;
        private TokenStore tokenStore = TokenStore.none();
        private @Nullable String userAgent;
        private Duration connectTimeout = WikiHttp.DEFAULT_CONNECT_TIMEOUT;
        private Duration timeout = WikiHttp.DEFAULT_TIMEOUT;
        private Duration identityClockSkew = IdentityVerifier.DEFAULT_CLOCK_SKEW;
        private Clock clock = Clock.systemUTC();
        private WebClient.Builder webClientBuilder = WebClient.builder();
        private int multipartThreshold = DEFAULT_MULTIPART_THRESHOLD;
        private int maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES;
        private int maxRetries = 2;
        private Duration retryBackoff = Duration.ofSeconds(1);
        private @Nullable WikiAllowList allowedWikis;
        private Duration maxRetryDelay = Duration.ofSeconds(30);
        private @Nullable Integer maxlag;
        private boolean formatVersion2;
        private boolean readQueriesWithGet;
        private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

        Settings copy() {
            try {
                return (Settings) super.clone();
            } catch (CloneNotSupportedException e) {
                throw new AssertionError(e);
            }
        }

        /** The login that was set, or the one the convenience settings describe (the wiring of both protocols). */
        MediaWikiLogin login() {
            MediaWikiLogin given = login;
            ConsumerCredentials c = consumer;
            String clientId = oauth2ClientId;
            int kinds = (given != null ? 1 : 0) + (c != null ? 1 : 0) + (clientId != null ? 1 : 0);
            if (kinds > 1) {
                throw new IllegalArgumentException("set one kind of login: login(...), consumer(key, secret) "
                        + "(OAuth 1.0a) or oauth2Client(id, secret) (OAuth 2.0)");
            }
            if (given != null) {
                return given;
            }
            if (c != null) {
                return connected(OAuth1Login.builder()).consumer(c).identityClockSkew(identityClockSkew).build();
            }
            if (clientId != null) {
                return connected(OAuth2Login.builder()).clientId(clientId).clientSecret(oauth2ClientSecret)
                        .scopes(oauth2Scopes.toArray(String[]::new)).build();
            }
            if (oauth2Bearer) {
                return connected(OAuth2Login.builder()).build();
            }
            throw new NullPointerException("consumer (OAuth 1.0a) or oauth2Client (OAuth 2.0) must be set, unless "
                    + "the client acts with an owner-only OAuth 2.0 access token");
        }

        private <B extends LoginBuilder<B>> B connected(B builder) {
            return builder.endpoints(Objects.requireNonNull(endpoints, "wiki (or endpoints) must be set"))
                    .userAgent(userAgent).connectTimeout(connectTimeout).timeout(timeout).clock(clock)
                    .webClientBuilder(webClientBuilder).observationRegistry(observationRegistry)
                    .maxResponseBytes(maxResponseBytes);
        }
    }
}
