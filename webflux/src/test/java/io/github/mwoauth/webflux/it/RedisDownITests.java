package io.github.mwoauth.webflux.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mwoauth.testkit.Consumer;
import io.github.mwoauth.testkit.LocalWiki;
import io.github.mwoauth.testkit.redis.RedisServerExtension;
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
}
