package io.github.mwoauth.webflux.it;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import io.github.mwoauth.oauth2.OAuth2Login;
import io.github.mwoauth.testkit.Endpoint;
import io.github.mwoauth.testkit.LocalWiki;
import io.github.mwoauth.testkit.OAuth2Client;
import io.github.mwoauth.testkit.WikiProfile;
import io.github.mwoauth.testkit.WikiUser;
import io.github.mwoauth.testkit.redis.RedisServerExtension;
import io.github.mwoauth.webflux.MediaWikiOAuthOptions;
import io.github.mwoauth.webflux.SessionSealer;
import io.github.mwoauth.webflux.autoconfigure.OAuthProtocol;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

/**
 * A public OAuth 2.0 client (no secret) behind the routes, Redis sessions and LocalWiki in both profiles: when its
 * access token is no good any more, the wiki refuses the refresh (401 {@code invalid_client}), and the user is sent
 * to log in again with a log line saying why: no 500.
 */
class OAuth2PublicClientRedisITests {

    private static final String CALLBACK = "http://app.test/oauth-callback";

    @RegisterExtension
    static final RedisServerExtension REDIS = RedisServerExtension.create();

    @ParameterizedTest
    @EnumSource(WikiProfile.class)
    void requestWhenTokenNoLongerGoodAndRefreshRefusedThenSentToLogInWithALogLine(WikiProfile profile) {
        try (LocalWiki wiki = LocalWiki.builder().profile(profile).start()) {
            wiki.registerUser(WikiUser.named("Alice")
                    .contribution("Sandbox", 101, Instant.parse("2026-11-01T10:00:00Z"), "first edit").build());
            OAuth2Client phoneApp = wiki.registerPublicClient("Phone App", CALLBACK);
            OAuth2Login login = OAuth2Login.builder().endpoints(wiki.endpoints()).clientId(phoneApp.clientId())
                    .userAgent("mwoauth-webflux-tests/1.0 (tests@example.org)").timeout(Duration.ofSeconds(2))
                    .build();
            try (RedisBackedApp app = RedisBackedApp.of(wiki, login, REDIS.port(), SessionSealer.ephemeral(),
                    MediaWikiOAuthOptions.defaults(), Clock.systemUTC());
                    LogCapture log = LogCapture.of("io.github.mwoauth")) {
                Browser browser = new Browser(app.web);
                String callback = Browser.approve(wiki, OAuthProtocol.OAUTH2,
                        browser.get("/login?next=/test_query").getResponseHeaders().getLocation(), "Alice");
                assertThat(browser.get(callback).getStatus()).isEqualTo(HttpStatus.FOUND);
                assertThat(browser.get("/test_query").getResponseBody()).contains("Sandbox");
                long tokenCalls = wiki.requestCount(Endpoint.OAUTH2_TOKEN);
                assertThat(wiki.expireOAuth2AccessTokens("Alice")).isPositive();

                EntityExchangeResult<String> page = browser.get("/test_query");

                assertThat(page.getStatus()).isEqualTo(HttpStatus.FOUND);
                assertThat(page.getResponseHeaders().getLocation()).hasPath("/login");
                assertThat(wiki.requestCount(Endpoint.OAUTH2_TOKEN)).isEqualTo(tokenCalls + 1);
                assertThat(browser.get("/").getResponseBody()).isEqualTo("not logged in");
                assertThat(log.events()).extracting(ILoggingEvent::getFormattedMessage).anySatisfy(line ->
                        assertThat(line).contains("refused to refresh", "invalid_client", "public client"));
            }
        }
    }
}
