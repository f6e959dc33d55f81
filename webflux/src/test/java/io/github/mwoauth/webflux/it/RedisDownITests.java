package io.github.mwoauth.webflux.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mwoauth.testkit.Consumer;
import io.github.mwoauth.testkit.LocalWiki;
import io.github.mwoauth.testkit.redis.RedisServerExtension;
import io.github.mwoauth.webflux.MediaWikiOAuthOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

/** The session store fails: the login flow answers 503 pages, never a stack trace. */
class RedisDownITests {

    @RegisterExtension
    final RedisServerExtension redis = RedisServerExtension.create();

    @Test
    void loginAndCallbackWhenRedisStoppedThen503Page() {
        try (LocalWiki wiki = LocalWiki.start()) {
            wiki.registerUser("Alice");
            Consumer consumer = wiki.registerOobConsumer("Example Tool", "http://app.test/oauth-callback");
            try (RedisBackedApp app = new RedisBackedApp(wiki, consumer, redis.port())) {
                Browser browser = new Browser(app.web);
                assertThat(browser.get("/login").getStatus()).isEqualTo(HttpStatus.FOUND);

                redis.stop();

                EntityExchangeResult<String> login = browser.get("/login");
                assertThat(login.getStatus()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
                assertThat(login.getResponseBody()).contains("session store cannot be reached")
                        .doesNotContain("Exception", "at org.");
                EntityExchangeResult<String> callback = browser.getJson("/oauth-callback?oauth_token=a&oauth_verifier=b");
                assertThat(callback.getStatus()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
                assertThat(callback.getResponseBody()).contains("\"error\":\"session_store_unavailable\"");
            }
        }
    }

    @Test
    void securedPagesAndLogoutWhenRedisStoppedThen503PageBehindSpringSecurity() {
        try (LocalWiki wiki = LocalWiki.start()) {
            wiki.registerUser("Alice");
            Consumer consumer = wiki.registerOobConsumer("Example Tool", "http://app.test/oauth-callback");
            try (RedisBackedApp app = RedisBackedApp.secured(wiki, RedisBackedApp.oauth1Login(wiki, consumer, null),
                    redis.port(), MediaWikiOAuthOptions.defaults(), SecuredPages::chain)) {
                Browser browser = new Browser(app.web);
                browser.login(wiki, "Alice", "/login?next=/me");
                String[] csrf = browser.getHtml("/edit-form", "same-origin").getResponseBody().split(":", 2);
                assertThat(browser.getHtml("/me", "same-origin").getStatus()).isEqualTo(HttpStatus.OK);

                redis.stop();

                EntityExchangeResult<String> me = browser.getHtml("/me", "same-origin");
                assertThat(me.getStatus()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
                assertThat(me.getResponseBody()).contains("session store cannot be reached")
                        .doesNotContain("Exception", "at org.");
                EntityExchangeResult<String> logout = browser.post("/logout", csrf[0], csrf[1]);
                assertThat(logout.getStatus()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
                assertThat(browser.getJson("/public").getStatus()).as("a page without the session").isEqualTo(HttpStatus.OK);
            }
        }
    }
}
