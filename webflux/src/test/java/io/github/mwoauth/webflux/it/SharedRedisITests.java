package io.github.mwoauth.webflux.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mwoauth.testkit.Approval;
import io.github.mwoauth.testkit.Consumer;
import io.github.mwoauth.testkit.LocalWiki;
import io.github.mwoauth.testkit.MutableClock;
import io.github.mwoauth.testkit.redis.RedisServerExtension;
import io.github.mwoauth.webflux.MediaWikiOAuthOptions;
import io.github.mwoauth.webflux.SessionSealer;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

/**
 * Several application instances on one Redis: a shared session key lets any instance serve the user, another
 * key reads as "not logged in"; a session key that vanishes from Redis logs the user out; a prefix consumer
 * with a configured callback URL under a path prefix; a pending login past its lifetime; and, for contrast,
 * the same flow with WebFlux's in-memory sessions.
 */
class SharedRedisITests {

    @RegisterExtension
    static final RedisServerExtension REDIS = RedisServerExtension.create();

    private static LocalWiki wiki;
    private static Consumer oob;
    private static Consumer prefix;

    @BeforeAll
    static void start() {
        wiki = LocalWiki.start();
        wiki.registerUser("Alice");
        oob = wiki.registerOobConsumer("Example Tool", "http://app.test/oauth-callback");
        prefix = wiki.registerPrefixConsumer("Prefix Tool", "http://app.test/auth/oauth-callback");
    }

    @AfterAll
    static void stop() {
        if (wiki != null) {
            wiki.close();
        }
    }

    @Test
    void sessionWhenInstancesShareKeyThenEitherServesUserAndOtherKeyDoesNot() {
        byte[] sharedKey = SessionSealer.newKey();
        try (RedisBackedApp a = new RedisBackedApp(wiki, oob, REDIS.port(), SessionSealer.of(sharedKey),
                MediaWikiOAuthOptions.defaults());
                RedisBackedApp b = new RedisBackedApp(wiki, oob, REDIS.port(), SessionSealer.of(sharedKey),
                        MediaWikiOAuthOptions.defaults());
                RedisBackedApp stranger = new RedisBackedApp(wiki, oob, REDIS.port(), SessionSealer.ephemeral(),
                        MediaWikiOAuthOptions.defaults())) {
            Browser onA = new Browser(a.web);
            onA.login(wiki, "Alice", "/login");
            String session = onA.session();

            assertThat(withSession(b, session).get("/").getResponseBody()).isEqualTo("logged in as: Alice");
            assertThat(withSession(b, session).get("/test_query").getStatus()).isEqualTo(HttpStatus.OK);
            assertThat(withSession(stranger, session).get("/").getResponseBody()).isEqualTo("not logged in");
        }
    }

    @Test
    void sessionWhenRedisKeyVanishesThenNotLoggedIn() {
        try (RedisBackedApp app = new RedisBackedApp(wiki, oob, REDIS.port())) {
            Browser browser = new Browser(app.web);
            browser.login(wiki, "Alice", "/login");
            assertThat(browser.get("/").getResponseBody()).isEqualTo("logged in as: Alice");

            assertThat(REDIS.cli("DEL", "spring:session:sessions:" + browser.session())).contains("1");

            assertThat(browser.get("/").getResponseBody()).isEqualTo("not logged in");
            assertThat(browser.get("/test_query").getStatus()).isEqualTo(HttpStatus.FOUND);
        }
    }

    @Test
    void loginWhenPrefixConsumerWithCallbackUrlThenWikiReturnsToPrefixedCallback() {
        MediaWikiOAuthOptions options = MediaWikiOAuthOptions.builder().prefix("/auth").defaultNext("/home").build();
        try (RedisBackedApp app = RedisBackedApp.of(wiki,
                RedisBackedApp.oauth1Login(wiki, prefix, "http://app.test/auth/oauth-callback"), REDIS.port(),
                SessionSealer.ephemeral(), options, Clock.systemUTC())) {
            Browser browser = new Browser(app.web);
            assertThat(browser.get("/login").getStatus()).isEqualTo(HttpStatus.NOT_FOUND);
            EntityExchangeResult<String> login = browser.get("/auth/login");
            assertThat(login.getStatus()).isEqualTo(HttpStatus.FOUND);

            Approval approval = wiki.approve(Browser.requestToken(login.getResponseHeaders().getLocation()), "Alice");
            assertThat(approval.callbackUrl()).startsWith("http://app.test/auth/oauth-callback?oauth_verifier=");
            URI callback = URI.create(approval.callbackUrl());
            EntityExchangeResult<String> done = browser.get(callback.getRawPath() + "?" + callback.getRawQuery());

            assertThat(done.getStatus()).isEqualTo(HttpStatus.FOUND);
            assertThat(done.getResponseHeaders().getLocation()).hasToString("/home");
            assertThat(browser.get("/").getResponseBody()).isEqualTo("logged in as: Alice");
            assertThat(browser.get("/test_query").getStatus()).isEqualTo(HttpStatus.OK);
            assertThat(browser.get("/auth/logout").getResponseHeaders().getLocation()).hasToString("/home");
            EntityExchangeResult<String> again = browser.get("/test_query");
            assertThat(again.getResponseHeaders().getLocation().getPath()).isEqualTo("/auth/login");
        }
    }

    @Test
    void callbackWhenPendingLoginOlderThanLifetimeThen403() {
        MutableClock clock = MutableClock.startingNow();
        try (RedisBackedApp app = RedisBackedApp.of(wiki, RedisBackedApp.oauth1Login(wiki, oob, null), REDIS.port(),
                SessionSealer.ephemeral(), MediaWikiOAuthOptions.defaults(), clock)) {
            Browser browser = new Browser(app.web);
            EntityExchangeResult<String> login = browser.get("/login");
            Approval approval = wiki.approve(Browser.requestToken(login.getResponseHeaders().getLocation()), "Alice");

            clock.advance(Duration.ofSeconds(601));

            EntityExchangeResult<String> late = browser.get("/oauth-callback?" + approval.callbackQuery());
            assertThat(late.getStatus()).isEqualTo(HttpStatus.FORBIDDEN);
            assertThat(late.getResponseBody()).contains("expired or was already used");
            assertThat(browser.get("/").getResponseBody()).isEqualTo("not logged in");
        }
    }

    @Test
    void loginWhenSessionsInMemoryThenWholeFlowWorks() {
        try (RedisBackedApp app = new RedisBackedApp(wiki, oob, RedisBackedApp.IN_MEMORY, SessionSealer.ephemeral(),
                MediaWikiOAuthOptions.defaults())) {
            Browser fresh = new Browser(app.web);
            EntityExchangeResult<String> login = fresh.get("/login?next=/test_query");
            String before = fresh.session();
            EntityExchangeResult<String> done = fresh.get("/oauth-callback?"
                    + wiki.approve(Browser.requestToken(login.getResponseHeaders().getLocation()), "Alice").callbackQuery());

            assertThat(done.getResponseHeaders().getLocation()).hasToString("/test_query");
            assertThat(fresh.session()).isNotNull().isNotEqualTo(before);
            assertThat(fresh.get("/test_query").getStatus()).isEqualTo(HttpStatus.OK);
            assertThat(fresh.post("/logout").getStatus()).isEqualTo(HttpStatus.FOUND);
            assertThat(fresh.get("/").getResponseBody()).isEqualTo("not logged in");
        }
    }

    private static Browser withSession(RedisBackedApp app, String session) {
        return new Browser(app.web, session);
    }
}
