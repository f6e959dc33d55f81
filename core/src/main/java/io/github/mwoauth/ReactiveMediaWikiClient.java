package io.github.mwoauth;

import io.github.mwoauth.WikiUnavailableException.Kind;
import io.github.mwoauth.oauth1.OAuth1Credentials;
import io.github.mwoauth.oauth1.OAuth1Signer;
import io.github.mwoauth.oauth1.Parameter;
import io.github.mwoauth.oauth1.SignedRequest;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;
import tools.jackson.databind.JsonNode;

/**
 * Calls a MediaWiki Action API as a user, signed with OAuth 1.0a, and tells who that user is. Immutable and
 * thread-safe; build one with {@link #builder()} and derive variants with {@link #mutate()}.
 *
 * <p>Every method returns a cold {@link Mono}: nothing happens until subscription, nothing blocks, and
 * {@code .block()} is fine from a thread that is not an event loop. Which user a call acts for comes from
 * the {@link TokenStore}: a fixed access token, or (in the webflux module) the session of the current request
 * found in the Reactor context.
 */
public final class ReactiveMediaWikiClient {

    private static final Logger log = LoggerFactory.getLogger(ReactiveMediaWikiClient.class);
    private static final AtomicBoolean warnedAboutUserAgent = new AtomicBoolean();

    /** Above this many bytes of field data a request goes as multipart/form-data. */
    public static final int DEFAULT_MULTIPART_THRESHOLD = 8 * 1024;

    private final Builder settings;
    private final MediaWikiEndpoints endpoints;
    private final ConsumerCredentials consumer;
    private final TokenStore tokenStore;
    private final OAuth1Signer signer;
    private final WikiHttp http;
    private final OAuth1Handshake handshake;
    private final WikiAllowList allowedWikis;

    private ReactiveMediaWikiClient(Builder b) {
        this.settings = b.copy();
        this.endpoints = Objects.requireNonNull(b.endpoints, "wiki (or endpoints) must be set");
        this.consumer = Objects.requireNonNull(b.consumer, "consumer must be set");
        this.tokenStore = b.tokenStore;
        this.signer = new OAuth1Signer(b.clock);
        if ((b.userAgent == null || b.userAgent.isBlank()) && warnedAboutUserAgent.compareAndSet(false, true)) {
            log.warn("No User-Agent set for the MediaWiki client: Wikimedia wikis rate-limit and block requests "
                    + "without one; set '<tool>/<version> (<contact>)'");
        }
        this.http = new WikiHttp(b.webClientBuilder, UserAgent.of(b.userAgent), b.connectTimeout, b.timeout,
                b.maxResponseBytes);
        this.handshake = new OAuth1Handshake(endpoints, consumer, signer, http,
                new IdentityVerifier(consumer, endpoints.server(), b.identityClockSkew, b.clock));
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
        this.allowedWikis = base.allowedWikis;
    }

    public static Builder builder() {
        return new Builder();
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

    /** The handshake steps, for the login flow. */
    public OAuth1Handshake handshake() {
        return handshake;
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
     * for other API errors; {@link WikiUnavailableException} when the wiki cannot be used. {@code maxlag}
     * errors are retried after the wiki's {@code Retry-After}, at most the configured number of times.
     */
    public Mono<JsonNode> request(Map<String, ?> query, URI apiUrl) {
        Objects.requireNonNull(apiUrl, "apiUrl cannot be null");
        List<Parameter> form = ApiQuery.toParameters(query);
        if (!allowedWikis.allows(apiUrl)) {
            return Mono.error(new WikiNotAllowedException("Not signing a request for " + apiUrl.getScheme() + "://"
                    + apiUrl.getHost() + ": it is not among the allowed wikis (" + allowedWikis + ")"));
        }
        return tokenStore.load()
                .switchIfEmpty(Mono.error(() -> new LoginRequiredException("No user is logged in with the wiki")))
                .flatMap(user -> send(apiUrl, form, user.accessToken())
                        .retryWhen(maxlagRetry())
                        .onErrorResume(InvalidAuthorizationException.class,
                                e -> e.isGrantRevoked() ? tokenStore.clear().then(Mono.error(e)) : Mono.error(e)));
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
            return handshake.identify(user.accessToken())
                    .flatMap(identity -> tokenStore.saveIdentity(identity).thenReturn(identity))
                    .onErrorResume(HandshakeException.class, e -> isGrantGone(e)
                            ? tokenStore.clear().then(Mono.empty())
                            : Mono.error(e));
        });
    }

    private static boolean isGrantGone(HandshakeException e) {
        return "mwoauthdatastore-access-token-not-found".equals(e.messageKey())
                || e.wikiMessage().contains("No approved grant was found");
    }

    private Mono<JsonNode> send(URI apiUrl, List<Parameter> form, AccessToken token) {
        return Mono.defer(() -> {
            OAuth1Credentials credentials = new OAuth1Credentials(consumer.key(), consumer.secret(), token.key(),
                    token.secret());
            boolean multipart = ApiQuery.byteSize(form) > settings.multipartThreshold;
            SignedRequest signed = signer.sign("POST", apiUrl, multipart ? List.of() : form, credentials, List.of());
            Mono<WikiResponse> exchange = multipart
                    ? http.postMultipart(apiUrl, form, signed.authorizationHeader())
                    : http.postForm(apiUrl, form, signed.authorizationHeader());
            return exchange.flatMap(response -> Mono.fromCallable(() -> ApiResponses.parse(response)));
        });
    }

    private Retry maxlagRetry() {
        int max = settings.maxlagRetries;
        Duration cap = settings.maxRetryDelay;
        return Retry.from(signals -> signals.concatMap(signal -> {
            Throwable failure = signal.failure();
            if (failure instanceof ApiResponses.LagException lag && signal.totalRetries() < max) {
                Duration wait = lag.retryAfter().compareTo(cap) > 0 ? cap : lag.retryAfter();
                return Mono.delay(wait);
            }
            if (failure instanceof ApiResponses.LagException lag) {
                return Mono.error(new WikiUnavailableException(Kind.OVERLOADED,
                        "The wiki is lagged (" + lag.getMessage() + ") and " + max + " retries ran out", lag));
            }
            return Mono.error(failure);
        }));
    }

    /** Settings of a {@link ReactiveMediaWikiClient}. Not thread-safe; {@link #build()} copies what it needs. */
    public static final class Builder {

        private @Nullable MediaWikiEndpoints endpoints;
        private @Nullable ConsumerCredentials consumer;
        private TokenStore tokenStore = TokenStore.none();
        private @Nullable String userAgent;
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration timeout = Duration.ofSeconds(30);
        private Duration identityClockSkew = IdentityVerifier.DEFAULT_CLOCK_SKEW;
        private Clock clock = Clock.systemUTC();
        private WebClient.Builder webClientBuilder = WebClient.builder();
        private int multipartThreshold = DEFAULT_MULTIPART_THRESHOLD;
        private int maxResponseBytes = 16 * 1024 * 1024;
        private int maxlagRetries = 2;
        private @Nullable WikiAllowList allowedWikis;
        private Duration maxRetryDelay = Duration.ofSeconds(30);

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

        /** Acts always as the holder of this access token (owner-only consumers, bots, tests). */
        public Builder accessToken(String token, String secret) {
            return tokenStore(TokenStore.fixed(new AccessToken(token, secret)));
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

        /** The largest response body accepted; larger ones fail as malformed. */
        public Builder maxResponseBytes(int bytes) {
            if (bytes < 1024) {
                throw new IllegalArgumentException("maxResponseBytes must be at least 1024");
            }
            this.maxResponseBytes = bytes;
            return this;
        }

        /** How many times a {@code maxlag} error is retried after the wiki's {@code Retry-After} (default 2). */
        public Builder maxlagRetries(int retries) {
            if (retries < 0) {
                throw new IllegalArgumentException("maxlagRetries cannot be negative");
            }
            this.maxlagRetries = retries;
            return this;
        }

        /** The longest wait between retries, whatever the wiki's {@code Retry-After} says (default 30 s). */
        public Builder maxRetryDelay(Duration delay) {
            this.maxRetryDelay = Objects.requireNonNull(delay, "delay cannot be null");
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
            b.tokenStore = tokenStore;
            b.userAgent = userAgent;
            b.connectTimeout = connectTimeout;
            b.timeout = timeout;
            b.identityClockSkew = identityClockSkew;
            b.clock = clock;
            b.webClientBuilder = webClientBuilder;
            b.multipartThreshold = multipartThreshold;
            b.maxResponseBytes = maxResponseBytes;
            b.maxlagRetries = maxlagRetries;
            b.allowedWikis = allowedWikis;
            b.maxRetryDelay = maxRetryDelay;
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
