package io.github.mwoauth.webflux.it;

import io.github.mwoauth.Freshness;
import io.github.mwoauth.LoginRequiredException;
import io.github.mwoauth.MediaWikiIdentity;
import io.github.mwoauth.ReactiveMediaWikiClient;
import io.github.mwoauth.WikiUnavailableException;
import io.github.mwoauth.testkit.Consumer;
import io.github.mwoauth.testkit.LocalWiki;
import io.github.mwoauth.testkit.OAuth2Client;
import io.github.mwoauth.login.MediaWikiLogin;
import io.github.mwoauth.oauth1.OAuth1Login;
import io.github.mwoauth.oauth2.OAuth2Login;
import io.github.mwoauth.webflux.SessionAccess;
import io.github.mwoauth.webflux.WebSessionCredentialsRepository;
import io.github.mwoauth.webflux.WebSessionPendingLoginRepository;
import java.time.Clock;
import io.github.mwoauth.webflux.MediaWikiOAuthOptions;
import io.github.mwoauth.webflux.MediaWikiOAuthRoutes;
import io.github.mwoauth.webflux.MediaWikiSessionWebFilter;
import io.github.mwoauth.webflux.SessionSealer;
import io.github.mwoauth.webflux.TouchThrottlingSessionRepository;
import io.github.mwoauth.webflux.WebSessionTokenStore;
import io.github.mwoauth.webflux.CompactSessionRedisSerializer;
import io.github.mwoauth.webflux.DrbgSessionIdGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveRedisTemplate;
import org.springframework.data.redis.serializer.RedisSerializationContext;
import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.session.data.redis.ReactiveRedisSessionRepository;
import org.springframework.session.web.server.session.SpringSessionWebSessionStore;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.session.DefaultWebSessionManager;
import reactor.core.publisher.Mono;

/**
 * The library wired by hand, without Spring Boot, as a plain WebFlux application would: Spring Session's
 * reactive Redis repository on Lettuce behind a {@link TouchThrottlingSessionRepository} as the WebSession store
 * (or WebFlux's in-memory store), the login routes, the session filter and a few pages that use the client as
 * the current user (the twin of flask-mwoauth's demo).
 */
final class RedisBackedApp implements AutoCloseable {

    /** With this port, sessions stay in memory (WebFlux's default store) rather than in Redis. */
    static final int IN_MEMORY = 0;

    final @Nullable LettuceConnectionFactory connectionFactory;
    private static final String USER_AGENT = "mwoauth-webflux-tests/1.0 (tests@example.org)";

    final WebSessionCredentialsRepository users;
    final WebSessionTokenStore store;
    final ReactiveMediaWikiClient client;
    final WebTestClient web;

    RedisBackedApp(LocalWiki wiki, Consumer consumer, int redisPort) {
        this(wiki, consumer, redisPort, SessionSealer.ephemeral(), MediaWikiOAuthOptions.defaults());
    }

    RedisBackedApp(LocalWiki wiki, Consumer consumer, int redisPort, SessionSealer sealer,
            MediaWikiOAuthOptions options) {
        this(wiki, consumer, redisPort, sealer, options, Duration.ofMinutes(30),
                TouchThrottlingSessionRepository.DEFAULT_INTERVAL);
    }

    /**
     * @param maxInactive the sessions' idle timeout
     * @param touchInterval the {@link TouchThrottlingSessionRepository} interval; zero: Spring Session's repository alone
     */
    RedisBackedApp(LocalWiki wiki, Consumer consumer, int redisPort, SessionSealer sealer,
            MediaWikiOAuthOptions options, Duration maxInactive, Duration touchInterval) {
        this(wiki, oauth1Login(wiki, consumer, null), redisPort, sealer, options, maxInactive, touchInterval,
                Clock.systemUTC(), null);
    }

    /** The app logging users in with OAuth 2.0 as {@code oauth2} (registered with the app's callback URL). */
    static RedisBackedApp oauth2(LocalWiki wiki, OAuth2Client oauth2, int redisPort) {
        return oauth2(wiki, oauth2, redisPort, SessionSealer.ephemeral(), MediaWikiOAuthOptions.defaults());
    }

    /** {@link #oauth2(LocalWiki, OAuth2Client, int)} sealing with {@code sealer} (one instance of several). */
    static RedisBackedApp oauth2(LocalWiki wiki, OAuth2Client oauth2, int redisPort, SessionSealer sealer,
            MediaWikiOAuthOptions options) {
        return of(wiki, oauth2Login(wiki, oauth2, null), redisPort, sealer, options, Clock.systemUTC());
    }

    /** The app with this login, pending logins timed by {@code clock}. */
    static RedisBackedApp of(LocalWiki wiki, MediaWikiLogin login, int redisPort, SessionSealer sealer,
            MediaWikiOAuthOptions options, Clock clock) {
        return new RedisBackedApp(wiki, login, redisPort, sealer, options, Duration.ofMinutes(30),
                TouchThrottlingSessionRepository.DEFAULT_INTERVAL, clock, null);
    }

    /**
     * The app behind Spring Security: the routes, the pages and {@link SecuredPages}, with the chain
     * {@code security} builds from the customizer (given the repository and options the routes use).
     */
    static RedisBackedApp secured(LocalWiki wiki, MediaWikiLogin login, int redisPort, MediaWikiOAuthOptions options,
            BiFunction<WebSessionCredentialsRepository, MediaWikiOAuthOptions, WebFilter> security) {
        return new RedisBackedApp(wiki, login, redisPort, SessionSealer.ephemeral(), options, Duration.ofMinutes(30),
                TouchThrottlingSessionRepository.DEFAULT_INTERVAL, Clock.systemUTC(), security);
    }

    /** OAuth 1.0a as {@code consumer}, sending {@code callbackUrl} at initiate ({@code null}: oob). */
    static MediaWikiLogin oauth1Login(LocalWiki wiki, Consumer consumer, @Nullable String callbackUrl) {
        return OAuth1Login.builder().endpoints(wiki.endpoints()).consumer(consumer.credentials())
                .callbackUrl(callbackUrl).userAgent(USER_AGENT).timeout(Duration.ofSeconds(2)).build();
    }

    /** OAuth 2.0 as {@code client}, sending {@code redirectUri} ({@code null}: to neither endpoint). */
    static MediaWikiLogin oauth2Login(LocalWiki wiki, OAuth2Client client, @Nullable String redirectUri) {
        return OAuth2Login.builder().endpoints(wiki.endpoints()).clientId(client.clientId())
                .clientSecret(client.clientSecret()).redirectUri(redirectUri).userAgent(USER_AGENT)
                .timeout(Duration.ofSeconds(2)).build();
    }

    private RedisBackedApp(LocalWiki wiki, MediaWikiLogin login, int redisPort, SessionSealer sealer,
            MediaWikiOAuthOptions options, Duration maxInactive, Duration touchInterval, Clock clock,
            @Nullable BiFunction<WebSessionCredentialsRepository, MediaWikiOAuthOptions, WebFilter> security) {
        DefaultWebSessionManager sessions = new DefaultWebSessionManager();
        if (redisPort == IN_MEMORY) {
            connectionFactory = null;
        } else {
            connectionFactory = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", redisPort),
                    LettuceClientConfiguration.builder().commandTimeout(Duration.ofSeconds(2)).build());
            // connect at start-up: Spring Data Redis otherwise opens the shared connection, blocking, on first use
            connectionFactory.setEagerInitialization(true);
            connectionFactory.afterPropertiesSet();
            connectionFactory.start();
            ReactiveRedisTemplate<String, Object> template = new ReactiveRedisTemplate<>(connectionFactory,
                    RedisSerializationContext.<String, Object>newSerializationContext(new CompactSessionRedisSerializer())
                            .key(RedisSerializer.string()).hashKey(RedisSerializer.string()).build());
            ReactiveRedisSessionRepository repository = new ReactiveRedisSessionRepository(template);
            repository.setSessionIdGenerator(new DrbgSessionIdGenerator());
            repository.setDefaultMaxInactiveInterval(maxInactive);
            sessions.setSessionStore(touchInterval.isZero() ? new SpringSessionWebSessionStore<>(repository)
                    : new SpringSessionWebSessionStore<>(new TouchThrottlingSessionRepository<>(repository, touchInterval)));
        }

        users = new WebSessionCredentialsRepository(sealer, login, SessionAccess.defaults());
        users.setSessionStore(sessions.getSessionStore());
        store = new WebSessionTokenStore(users);
        client = ReactiveMediaWikiClient.builder()
                .endpoints(wiki.endpoints())
                .login(login)
                .tokenStore(store)
                .userAgent(USER_AGENT)
                .timeout(Duration.ofSeconds(2))
                .build();
        WebSessionPendingLoginRepository pendingLogins = new WebSessionPendingLoginRepository(sealer);
        pendingLogins.setClock(clock);
        RouterFunction<ServerResponse> routes = MediaWikiOAuthRoutes.create(login, users, pendingLogins, options)
                .and(pages());
        List<WebFilter> filters = new ArrayList<>(List.of(new MediaWikiSessionWebFilter(options.fullLoginPath())));
        if (security != null) {
            routes = routes.and(SecuredPages.routes(client));
            filters.add(security.apply(users, options));
        }
        web = WebTestClient.bindToRouterFunction(routes)
                .webFilter(filters.toArray(WebFilter[]::new))
                .webSessionManager(sessions)
                .configureClient()
                .responseTimeout(Duration.ofSeconds(10))
                .build();
    }

    private RouterFunction<ServerResponse> pages() {
        return RouterFunctions.route()
                .GET("/", request -> who(Freshness.CACHED))
                .GET("/live", request -> who(Freshness.LIVE))
                .GET("/test_query", this::testQuery)
                .build();
    }

    private Mono<ServerResponse> who(Freshness freshness) {
        return client.currentUser(freshness)
                .map(identity -> "logged in as: " + identity.displayName())
                .defaultIfEmpty("not logged in")
                .flatMap(text -> ServerResponse.ok().bodyValue(text));
    }

    private Mono<ServerResponse> testQuery(ServerRequest request) {
        return client.currentUser(Freshness.CACHED)
                .switchIfEmpty(Mono.error(() -> new LoginRequiredException("log in to see your contributions")))
                .map(MediaWikiIdentity::displayName)
                .flatMap(name -> client.request(Map.of("action", "query", "list", "usercontribs", "ucuser", name)))
                .flatMap(json -> ServerResponse.ok().bodyValue(json.toString()))
                .onErrorResume(WikiUnavailableException.class,
                        e -> ServerResponse.status(503).bodyValue("wiki: " + e.kind()));
    }

    @Override
    public void close() {
        LettuceConnectionFactory factory = connectionFactory;
        if (factory != null) {
            factory.destroy();
        }
    }
}
