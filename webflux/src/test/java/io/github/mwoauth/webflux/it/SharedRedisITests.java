package io.github.mwoauth.webflux.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mwoauth.testkit.Approval;
import io.github.mwoauth.testkit.Consumer;
import io.github.mwoauth.testkit.LocalWiki;
import io.github.mwoauth.webflux.MediaWikiOAuthOptions;
import io.github.mwoauth.webflux.SessionSealer;
import java.net.URI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

/**
 * Several application instances on one Redis: a shared session key lets any instance serve the user, another
 * key reads as "not logged in"; a session key that vanishes from Redis logs the user out; a prefix consumer
 * with a configured callback URL under a path prefix.
 */
class SharedRedisITests {

    private static RedisServerProcess redis;
    private static LocalWiki wiki;
    private static Consumer oob;
    private static Consumer prefix;

    @BeforeAll
    static void start() {
        redis = RedisServerProcess.start();
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
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    void sessionWhenInstancesShareKeyThenEitherServesUserAndOtherKeyDoesNot() {
        byte[] sharedKey = SessionSealer.newKey();
        try (RedisBackedApp a = new RedisBackedApp(wiki, oob, redis.port(), SessionSealer.of(sharedKey),
                MediaWikiOAuthOptions.defaults());
                RedisBackedApp b = new RedisBackedApp(wiki, oob, redis.port(), SessionSealer.of(sharedKey),
                        MediaWikiOAuthOptions.defaults());
                RedisBackedApp stranger = new RedisBackedApp(wiki, oob, redis.port(), SessionSealer.ephemeral(),
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
        try (RedisBackedApp app = new RedisBackedApp(wiki, oob, redis.port())) {
            Browser browser = new Browser(app.web);
            browser.login(wiki, "Alice", "/login");
            assertThat(browser.get("/").getResponseBody()).isEqualTo("logged in as: Alice");

            assertThat(redis.cli("DEL", "spring:session:sessions:" + browser.session())).contains("1");

            assertThat(browser.get("/").getResponseBody()).isEqualTo("not logged in");
            assertThat(browser.get("/test_query").getStatus()).isEqualTo(HttpStatus.FOUND);
        }
    }

    @Test
    void loginWhenPrefixConsumerWithCallbackUrlThenWikiReturnsToPrefixedCallback() {
        MediaWikiOAuthOptions options = MediaWikiOAuthOptions.defaults().withPrefix("/auth")
                .withCallbackUrl("http://app.test/auth/oauth-callback").withDefaultNext("/home");
        try (RedisBackedApp app = new RedisBackedApp(wiki, prefix, redis.port(), SessionSealer.ephemeral(), options)) {
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

    private static Browser withSession(RedisBackedApp app, String session) {
        return new Browser(app.web, session);
    }
}
