package io.github.mwoauth.webflux.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mwoauth.testkit.Endpoint;
import io.github.mwoauth.testkit.LocalWiki;
import io.github.mwoauth.testkit.OAuth2Client;
import io.github.mwoauth.testkit.redis.RedisServerExtension;
import io.github.mwoauth.webflux.MediaWikiOAuthOptions;
import io.github.mwoauth.webflux.autoconfigure.OAuthProtocol;
import io.github.mwoauth.webflux.SessionSealer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Two application instances on one Redis serve one OAuth 2.0 session whose access token the wiki has expired.
 * Requests on both instances find out at once, and both instances ask the token endpoint for new tokens with
 * the same single-use refresh token: the wiki answers one and refuses the other. The refused instance reads the
 * session from Redis again, takes the tokens the other stored, and answers its requests with them; nobody is
 * logged out.
 */
class OAuth2TwoInstancesRedisITests {

    private static final Logger log = LoggerFactory.getLogger(OAuth2TwoInstancesRedisITests.class);
    private static final String CALLBACK = "http://app.test/oauth-callback";
    /** The token endpoint answers this late, so that both instances are sure to refresh before either has stored. */
    private static final Duration SLOW_TOKEN_ENDPOINT = Duration.ofMillis(500);

    @RegisterExtension
    static final RedisServerExtension REDIS = RedisServerExtension.create();

    private static LocalWiki wiki;
    private static OAuth2Client client;

    private RedisBackedApp a;
    private RedisBackedApp b;

    @BeforeAll
    static void start() {
        wiki = LocalWiki.start();
        wiki.registerUser("Alice");
        wiki.createPage("Sandbox", "Hello");
        client = wiki.registerConfidentialClient("Example Tool 2", CALLBACK);
    }

    @AfterAll
    static void stop() {
        if (wiki != null) {
            wiki.close();
        }
    }

    @BeforeEach
    void instances() {
        SessionSealer shared = SessionSealer.of(SessionSealer.newKey());
        a = RedisBackedApp.oauth2(wiki, client, REDIS.port(), shared, MediaWikiOAuthOptions.defaults());
        b = RedisBackedApp.oauth2(wiki, client, REDIS.port(), shared, MediaWikiOAuthOptions.defaults());
    }

    @AfterEach
    void close() {
        wiki.clearFaults();
        a.close();
        b.close();
    }

    @Test
    void requestsWhenBothInstancesFindTheAccessTokenExpiredThenAllAnsweredAndUserStaysLoggedIn() {
        String session = loginOnA();
        assertThat(wiki.expireOAuth2AccessTokens("Alice")).isPositive();
        wiki.faults(Endpoint.OAUTH2_TOKEN).latency(SLOW_TOKEN_ENDPOINT);
        long refreshes = wiki.requestCount(Endpoint.OAUTH2_TOKEN);

        List<HttpStatus> statuses = eightConcurrentRequestsOverBoth(session);
        long calls = wiki.requestCount(Endpoint.OAUTH2_TOKEN) - refreshes;
        log.info("8 requests over two instances: {} calls to the token endpoint", calls);

        assertThat(statuses).hasSize(8).containsOnly(HttpStatus.OK);
        assertThat(calls).as("one refresh per instance, one of them refused").isEqualTo(2);
        wiki.clearFaults();
        for (RedisBackedApp instance : List.of(a, b)) {
            Browser browser = new Browser(instance.web, session);
            assertThat(browser.get("/").getResponseBody()).isEqualTo("logged in as: Alice");
            assertThat(browser.get("/test_query").getStatus()).isEqualTo(HttpStatus.OK);
            assertThat(browser.get("/live").getResponseBody()).isEqualTo("logged in as: Alice");
        }
        assertThat(wiki.requestCount(Endpoint.OAUTH2_TOKEN) - refreshes).as("the stored tokens work on both")
                .isEqualTo(2);
    }

    @Test
    void requestsWhenTokenEndpointQuickThenAllAnsweredWithAtMostTwoRefreshes() {
        String session = loginOnA();
        wiki.expireOAuth2AccessTokens("Alice");
        long refreshes = wiki.requestCount(Endpoint.OAUTH2_TOKEN);

        List<HttpStatus> statuses = eightConcurrentRequestsOverBoth(session);
        long calls = wiki.requestCount(Endpoint.OAUTH2_TOKEN) - refreshes;
        log.info("8 requests over two instances, quick token endpoint: {} calls to the token endpoint", calls);

        assertThat(statuses).hasSize(8).containsOnly(HttpStatus.OK);
        assertThat(calls).isBetween(1L, 2L);
        assertThat(new Browser(b.web, session).get("/").getResponseBody()).isEqualTo("logged in as: Alice");
    }

    @Test
    void requestWhenRefreshRefusedAndNoInstanceHasNewerTokensThenLoggedOut() {
        String session = loginOnA();
        assertThat(wiki.revokeOAuth2("Alice", client)).isTrue();

        EntityExchangeResult<String> page = new Browser(b.web, session).get("/test_query");

        assertThat(page.getStatus()).isEqualTo(HttpStatus.FOUND);
        assertThat(page.getResponseHeaders().getLocation()).hasPath("/login");
        assertThat(new Browser(a.web, session).get("/").getResponseBody()).isEqualTo("not logged in");
    }

    /** {@code /test_query} 8 times at once with the session's cookie, half on A, half on B: their statuses. */
    private List<HttpStatus> eightConcurrentRequestsOverBoth(String session) {
        return Flux.range(0, 8)
                .flatMap(i -> Mono.fromCallable(() -> (HttpStatus) new Browser((i % 2 == 0 ? a : b).web, session)
                                .get("/test_query").getStatus())
                        .subscribeOn(Schedulers.boundedElastic()))
                .collectList().block(Duration.ofSeconds(30));
    }

    private String loginOnA() {
        Browser browser = new Browser(a.web);
        assertThat(browser.login(wiki, OAuthProtocol.OAUTH2, "Alice", "/login").getStatus())
                .isEqualTo(HttpStatus.FOUND);
        String session = browser.session();
        assertThat(session).isNotNull();
        assertThat(new Browser(b.web, session).get("/").getResponseBody()).isEqualTo("logged in as: Alice");
        return session;
    }
}
