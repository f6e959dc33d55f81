package io.github.mwoauth;

import io.github.mwoauth.http.Parameter;
import io.github.mwoauth.login.LoginBuilder;
import io.github.mwoauth.login.MediaWikiLogin;
import io.github.mwoauth.login.TokenStore;
import io.github.mwoauth.login.UserCredentials;
import io.github.mwoauth.oauth1.AccessToken;
import io.github.mwoauth.oauth1.ConsumerCredentials;
import io.github.mwoauth.oauth2.OAuth2Tokens;
import io.micrometer.observation.ObservationRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
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

    /** Above this many bytes of field data a request goes as multipart/form-data. */
    public static final int DEFAULT_MULTIPART_THRESHOLD = 8 * 1024;

    /** The {@code maxlag} sent by clients with a fixed access token (bots, batch jobs), as Wikimedia asks. */
    public static final int DEFAULT_MAXLAG = 5;

    private final ClientSettings settings;
    private final MediaWikiEndpoints endpoints;
    private final MediaWikiLogin login;
    private final TokenStore tokenStore;
    private final WikiAllowList allowedWikis;
    private final ApiCalls api;

    private ReactiveMediaWikiClient(ClientSettings s) {
        this.settings = s;
        this.login = s.login();
        this.endpoints = s.endpoints(login);
        this.tokenStore = s.tokenStore(login);
        this.api = new ApiCalls(s, login);
        this.allowedWikis = s.allowedWikis(endpoints);
    }

    /** {@code base} acting for another store: the same login, connections and CSRF cache. */
    private ReactiveMediaWikiClient(ReactiveMediaWikiClient base, TokenStore tokenStore) {
        this.settings = base.settings.withTokenStore(tokenStore);
        this.login = base.login;
        this.endpoints = base.endpoints;
        this.tokenStore = tokenStore;
        this.api = base.api;
        this.allowedWikis = base.allowedWikis;
    }

    public static Builder builder() {
        return new Builder(new ClientSettings());
    }

    /** A builder holding this client's settings, to derive a variant. */
    public Builder mutate() {
        return new Builder(settings);
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
        List<Parameter> form = api.fields(query, tokenStore.isFixed());
        return asCurrentUser(apiUrl, credentials -> api.call(apiUrl, form, credentials));
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
        api.fields(original, tokenStore.isFixed());
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
        List<Parameter> form = api.fields(query, tokenStore.isFixed());
        return asCurrentUser(apiUrl, user -> api.callWithCsrfToken(apiUrl, form, user, tokenStore.isFixed()));
    }

    /** File uploads as the current user: plain or chunked, streamed, verified, resumable. */
    public Uploads uploads() {
        return new Uploads(this, api);
    }

    /**
     * Runs {@code work} with the current user's credentials for an allowed wiki, kept usable by the login (which
     * refreshes them if it needs to). A revoked grant clears the token store.
     */
    <T> Mono<T> asCurrentUser(URI apiUrl, Function<UserCredentials, Mono<T>> work) {
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

    /**
     * Settings of a {@link ReactiveMediaWikiClient}. Immutable: every setter returns a configured copy, so a
     * builder can be kept as a template and shared between threads.
     */
    public static final class Builder {

        private final ClientSettings settings;

        private Builder(ClientSettings settings) {
            this.settings = settings;
        }

        private Builder with(Consumer<ClientSettings> change) {
            ClientSettings copy = settings.copy();
            change.accept(copy);
            return new Builder(copy);
        }

        /** The wiki's script path, e.g. {@code https://meta.wikimedia.org/w}. */
        public Builder wiki(String scriptPath) {
            return endpoints(MediaWikiEndpoints.of(scriptPath));
        }

        public Builder endpoints(MediaWikiEndpoints endpoints) {
            return with(s -> s.endpoints = Objects.requireNonNull(endpoints, "endpoints cannot be null"));
        }

        /**
         * How users log in and how requests are authorized: an {@code OAuth1Login} or {@code OAuth2Login}. Instead
         * of {@link #consumer}, {@link #oauth2Client} and {@link #oauth2AccessToken}; the login wiki is then the
         * login's unless {@link #wiki} says otherwise.
         */
        public Builder login(MediaWikiLogin login) {
            return with(s -> s.login = Objects.requireNonNull(login, "login cannot be null"));
        }

        /** OAuth 1.0a: the consumer's key and secret, for requests signed as its users. */
        public Builder consumer(String key, String secret) {
            return consumer(new ConsumerCredentials(key, secret));
        }

        public Builder consumer(ConsumerCredentials consumer) {
            return with(s -> s.consumer = Objects.requireNonNull(consumer, "consumer cannot be null"));
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

        /**
         * Acts always as the owner of this owner-only OAuth 2.0 client (bots): access tokens come from the
         * {@code client_credentials} grant, fetched on first use and again when they expire, by the client itself
         * (a {@link #tokenStore} set as well is not used).
         */
        public Builder oauth2ClientCredentials(String clientId, String clientSecret) {
            Objects.requireNonNull(clientSecret, "clientSecret cannot be null");
            return oauth2Client(clientId, clientSecret).with(s -> s.oauth2ClientCredentials = true);
        }

        /** Where the current user's credentials come from. */
        public Builder tokenStore(TokenStore tokenStore) {
            return with(s -> s.tokenStore = Objects.requireNonNull(tokenStore, "tokenStore cannot be null"));
        }

        /**
         * The application's part of the User-Agent, {@code <tool>/<version> (<contact>)}; the library appends
         * its own name and version.
         */
        public Builder userAgent(String userAgent) {
            return with(s -> s.userAgent = Objects.requireNonNull(userAgent, "userAgent cannot be null"));
        }

        /**
         * The most connections open to wikis at once, in a pool of this size (unset: Reactor Netty's shared pool, 500);
         * calls beyond them wait for one within their timeout, and more than twice as many waiting fail at once.
         */
        public Builder maxConnections(int maxConnections) {
            ClientSettings.positive(maxConnections, "maxConnections");
            return with(s -> s.maxConnections = maxConnections);
        }

        public Builder connectTimeout(Duration connectTimeout) {
            return with(s -> s.connectTimeout = LoginBuilder.positive(connectTimeout, "connectTimeout"));
        }

        /** How long one exchange with the wiki may take in all, from sending to the last byte. */
        public Builder timeout(Duration timeout) {
            return with(s -> s.timeout = LoginBuilder.positive(timeout, "timeout"));
        }

        /** OAuth 1.0a: how far the identity JWT's {@code iat} and {@code exp} may be off (default 10 s). */
        public Builder identityClockSkew(Duration skew) {
            ClientSettings.notNegative(skew, "identityClockSkew");
            return with(s -> s.identityClockSkew = skew);
        }

        public Builder clock(Clock clock) {
            return with(s -> s.clock = Objects.requireNonNull(clock, "clock cannot be null"));
        }

        /**
         * The application's {@link WebClient.Builder} (for its filters and observations); it is cloned. Without one
         * the client sends straight on Reactor Netty, which costs less CPU per call.
         */
        public Builder webClientBuilder(WebClient.Builder webClientBuilder) {
            return with(s -> s.webClientBuilder =
                    Objects.requireNonNull(webClientBuilder, "webClientBuilder cannot be null"));
        }

        public Builder multipartThreshold(int bytes) {
            ClientSettings.notNegative(bytes, "multipartThreshold");
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
            ClientSettings.notNegative(retries, "maxRetries");
            return with(s -> s.maxRetries = retries);
        }

        /**
         * The wait before the first retry when the wiki sent no {@code Retry-After}; it doubles with each further
         * retry, up to {@link #maxRetryDelay(Duration)} (default 1 s).
         */
        public Builder retryBackoff(Duration firstBackoff) {
            return with(s -> s.retryBackoff = LoginBuilder.positive(firstBackoff, "retryBackoff"));
        }

        /**
         * The longest wait between retries, whatever the wiki's {@code Retry-After} says (default 30 s). A
         * {@code Retry-After} may be delay-seconds or an HTTP-date, read against {@link #clock(Clock)}; one that is
         * neither is ignored and the backoff applies.
         */
        public Builder maxRetryDelay(Duration delay) {
            ClientSettings.notNegative(delay, "maxRetryDelay");
            return with(s -> s.maxRetryDelay = delay);
        }

        /**
         * The {@code maxlag} (seconds) added to every API query that does not set its own; {@code 0} sends none.
         * Default: {@value ReactiveMediaWikiClient#DEFAULT_MAXLAG} for a client with a fixed access token (bots and
         * batch jobs, which Wikimedia asks to yield to replica lag), none for clients acting for web users.
         */
        public Builder maxlag(int seconds) {
            ClientSettings.notNegative(seconds, "maxlag");
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
            return with(s -> s.observationRegistry =
                    Objects.requireNonNull(observationRegistry, "observationRegistry cannot be null"));
        }

        /**
         * The wikis {@code request(query, apiUrl)} may address. Default: the login wiki only. The login wiki is
         * always allowed.
         */
        public Builder allowedWikis(WikiAllowList allowedWikis) {
            return with(s -> s.allowedWikis = Objects.requireNonNull(allowedWikis, "allowedWikis cannot be null"));
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
}
