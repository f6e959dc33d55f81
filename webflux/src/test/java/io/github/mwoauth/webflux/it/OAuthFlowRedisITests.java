package io.github.mwoauth.webflux.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mwoauth.AccessToken;
import io.github.mwoauth.testkit.Approval;
import io.github.mwoauth.testkit.Consumer;
import io.github.mwoauth.testkit.Endpoint;
import io.github.mwoauth.testkit.LocalWiki;
import io.github.mwoauth.testkit.WikiUser;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The whole login flow against LocalWiki with sessions in a real redis-server, wired without Spring Boot.
 */
class OAuthFlowRedisITests {

    private static final String CALLBACK = "http://app.test/oauth-callback";

    private static RedisServerProcess redis;
    private static LocalWiki wiki;
    private static Consumer consumer;
    private static RedisBackedApp app;

    private Browser browser;

    @BeforeAll
    static void start() {
        redis = RedisServerProcess.start();
        wiki = LocalWiki.start();
        wiki.registerUser(WikiUser.named("Alice")
                .contribution("Sandbox", 101, Instant.parse("2026-11-01T10:00:00Z"), "first edit")
                .contribution("Cats", 102, Instant.parse("2026-11-02T10:00:00Z"), "about cats")
                .build());
        wiki.registerUser("Bob");
        consumer = wiki.registerOobConsumer("Example Tool", CALLBACK);
        app = new RedisBackedApp(wiki, consumer, redis.port());
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        if (wiki != null) {
            wiki.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @BeforeEach
    void newBrowser() {
        browser = new Browser(app.web);
    }

    @AfterEach
    void clearFaults() {
        wiki.clearFaults();
    }

    @Test
    void loginWhenUserAllowsThenLoggedInQueriesAsUserAndLogsOut() {
        assertThat(browser.get("/").getResponseBody()).isEqualTo("not logged in");

        EntityExchangeResult<String> login = browser.get("/login?next=/test_query");
        assertThat(login.getStatus()).isEqualTo(HttpStatus.FOUND);
        URI authorize = login.getResponseHeaders().getLocation();
        assertThat(authorize.toString()).startsWith(wiki.indexUrl()).contains("Special%3AOAuth%2Fauthorize",
                "oauth_consumer_key=" + consumer.key());
        String sessionBeforeLogin = browser.session();
        assertThat(sessionBeforeLogin).isNotNull();

        Approval approval = wiki.approve(requestToken(authorize), "Alice");
        assertThat(approval.callbackUrl()).startsWith(CALLBACK);
        EntityExchangeResult<String> callback = browser.get("/oauth-callback?" + approval.callbackQuery());

        assertThat(callback.getStatus()).isEqualTo(HttpStatus.FOUND);
        assertThat(callback.getResponseHeaders().getLocation()).hasToString("/test_query");
        assertThat(browser.session()).as("session id rotated at login").isNotNull().isNotEqualTo(sessionBeforeLogin);
        assertThat(redis.cli("EXISTS", "spring:session:sessions:" + sessionBeforeLogin)).contains("0");
        assertThat(browser.get("/").getResponseBody()).isEqualTo("logged in as: Alice");

        EntityExchangeResult<String> contributions = browser.get("/test_query");
        assertThat(contributions.getStatus()).isEqualTo(HttpStatus.OK);
        assertThat(contributions.getResponseBody()).contains("\"usercontribs\"", "Sandbox", "Cats", "Alice");

        EntityExchangeResult<String> logout = browser.get("/logout?next=/bye");
        assertThat(logout.getStatus()).isEqualTo(HttpStatus.FOUND);
        assertThat(logout.getResponseHeaders().getLocation()).hasToString("/bye");
        assertThat(browser.get("/").getResponseBody()).isEqualTo("not logged in");
    }

    @Test
    void logoutWhenPostThenLoggedOutAndRedirectedToDefault() {
        loginAs("Bob", "/");
        EntityExchangeResult<String> logout = browser.post("/logout?next=https://evil.example/");
        assertThat(logout.getStatus()).isEqualTo(HttpStatus.FOUND);
        assertThat(logout.getResponseHeaders().getLocation()).hasToString("/");
        assertThat(browser.get("/").getResponseBody()).isEqualTo("not logged in");
    }

    @Test
    void loginWhenNextIsOffSiteThenRedirectsToDefaultAfterCallback() {
        for (String hostile : new String[] {"//evil.example", "https://evil.example/", "/%5Cevil.example",
                "/\\evil.example"}) {
            browser.forgetCookies();
            EntityExchangeResult<String> callback = loginAs("Alice",
                    UriComponentsBuilder.fromPath("/login").queryParam("next", hostile).encode().build().toUriString());
            assertThat(callback.getResponseHeaders().getLocation()).as(hostile).hasToString("/");
        }
    }

    @Test
    void testQueryWhenNotLoggedInThenRedirectedToLoginWithNext() {
        EntityExchangeResult<String> page = browser.get("/test_query?uclimit=5");
        assertThat(page.getStatus()).isEqualTo(HttpStatus.FOUND);
        URI location = page.getResponseHeaders().getLocation();
        assertThat(location.getPath()).isEqualTo("/login");
        assertThat(UriComponentsBuilder.fromUri(location).build(true).getQueryParams().getFirst("next"))
                .isEqualTo("/test_query?uclimit%3D5");

        EntityExchangeResult<String> login = browser.get(location.toString());
        EntityExchangeResult<String> callback = browser.get("/oauth-callback?"
                + wiki.approve(requestToken(login.getResponseHeaders().getLocation()), "Alice").callbackQuery());
        assertThat(callback.getResponseHeaders().getLocation()).hasToString("/test_query?uclimit=5");
    }

    @Test
    void currentUserWhenGrantRevokedThenCachedStillAnswersAndLiveLogsOut() {
        loginAs("Alice", "/");
        assertThat(browser.get("/live").getResponseBody()).isEqualTo("logged in as: Alice");
        long identifyCalls = wiki.requestCount(Endpoint.IDENTIFY);
        assertThat(browser.get("/").getResponseBody()).isEqualTo("logged in as: Alice");
        assertThat(wiki.requestCount(Endpoint.IDENTIFY)).as("cached asks nothing").isEqualTo(identifyCalls);

        assertThat(wiki.revoke("Alice", consumer)).isTrue();

        assertThat(browser.get("/").getResponseBody()).as("cached does not notice").isEqualTo("logged in as: Alice");
        assertThat(browser.get("/live").getResponseBody()).isEqualTo("not logged in");
        assertThat(browser.get("/").getResponseBody()).as("session cleared").isEqualTo("not logged in");
        assertThat(browser.get("/test_query").getStatus()).isEqualTo(HttpStatus.FOUND);
    }

    @Test
    void requestWhenGrantRevokedThenSessionClearedAndSentToLogin() {
        loginAs("Alice", "/");
        wiki.revoke("Alice", consumer);

        EntityExchangeResult<String> failed = browser.get("/test_query");
        assertThat(failed.getStatus()).isEqualTo(HttpStatus.FOUND);
        assertThat(failed.getResponseHeaders().getLocation()).hasToString("/login?next=/test_query");
        assertThat(browser.get("/").getResponseBody()).isEqualTo("not logged in");
    }

    @Test
    void callbackWhenReplayedThen403AndSessionUnchanged() {
        Approval approval = startLoginAndApprove("Alice", "/");
        EntityExchangeResult<String> first = browser.get("/oauth-callback?" + approval.callbackQuery());
        assertThat(first.getStatus()).isEqualTo(HttpStatus.FOUND);
        String session = browser.session();

        EntityExchangeResult<String> replay = browser.get("/oauth-callback?" + approval.callbackQuery());

        assertThat(replay.getStatus()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(replay.getResponseBody()).contains("expired or was already used", "href=\"/login\"");
        assertThat(browser.session()).isEqualTo(session);
        assertThat(browser.get("/").getResponseBody()).isEqualTo("logged in as: Alice");
    }

    @Test
    void callbackWhenTokenUnknownThen403HtmlOrJson() {
        browser.get("/login");
        EntityExchangeResult<String> html = browser.get("/oauth-callback?oauth_token=0123456789abcdef0123456789abcdef"
                + "&oauth_verifier=0123456789abcdef0123456789abcdef");
        assertThat(html.getStatus()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(html.getResponseBody()).contains("<html", "This sign-in link has expired or was already used");

        EntityExchangeResult<String> json = browser.getJson("/oauth-callback?oauth_token=nope&oauth_verifier=x");
        assertThat(json.getStatus()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(json.getResponseBody()).contains("\"error\":\"login_expired\"");

        assertThat(browser.get("/oauth-callback").getStatus()).isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    void callbackWhenWikiRefusesTokenExchangeThen502NamingWikiMessageAndTokenUsedUp() {
        Approval approval = startLoginAndApprove("Alice", "/");
        String forged = "/oauth-callback?oauth_verifier=ffffffffffffffffffffffffffffffff&oauth_token="
                + approval.requestToken();

        EntityExchangeResult<String> refused = browser.get(forged);

        assertThat(refused.getStatus()).isEqualTo(HttpStatus.BAD_GATEWAY);
        assertThat(refused.getResponseBody()).contains("The verification code provided was not valid");
        assertThat(browser.get("/oauth-callback?" + approval.callbackQuery()).getStatus())
                .as("single use").isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(browser.get("/").getResponseBody()).isEqualTo("not logged in");
    }

    @Test
    void loginWhenWikiDownOrSlowThen503Or504Page() {
        wiki.faults(Endpoint.HANDSHAKE).status(503);
        EntityExchangeResult<String> down = browser.get("/login");
        assertThat(down.getStatus()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(down.getResponseBody()).contains("The wiki is not responding").doesNotContain("Exception");

        wiki.clearFaults();
        wiki.faults(Endpoint.HANDSHAKE).latency(Duration.ofSeconds(4));
        EntityExchangeResult<String> slow = browser.get("/login");
        assertThat(slow.getStatus()).isEqualTo(HttpStatus.GATEWAY_TIMEOUT);
    }

    @Test
    void redisWhenLoggedInThenHoldsNoReadableTokenAndStaysSmall() {
        Approval approval = startLoginAndApprove("Alice", "/");
        String pendingDump = redisDump();
        assertThat(pendingDump).as("pending request token").doesNotContain(approval.requestToken());
        assertThat(hexRuns(pendingDump)).isFalse();

        browser.get("/oauth-callback?" + approval.callbackQuery());
        AccessToken token = wiki.authorize("Alice", consumer);
        String dump = redisDump();

        assertThat(dump).contains("mwoauth.user")
                .doesNotContain(token.secret(), token.key(), consumer.secret(), "Alice");
        assertThat(hexRuns(dump)).as("no 32-hex token or secret of any kind").isFalse();
        String usage = redis.cli("MEMORY", "USAGE", "spring:session:sessions:" + browser.session()).strip();
        System.out.println("Redis MEMORY USAGE of a logged-in session: " + usage + " bytes");
        assertThat(Long.parseLong(usage.replaceAll("\\D", ""))).as("bytes in Redis for a logged-in session").isLessThan(1024);
    }

    private String redisDump() {
        StringBuilder dump = new StringBuilder();
        for (String key : redis.cli("KEYS", "*").split("\n")) {
            String name = key.replaceFirst("^\\d+\\) ", "").replace("\"", "").strip();
            if (!name.isEmpty() && !name.contains("(empty")) {
                dump.append(name).append('\n').append(redis.cli("HGETALL", name));
            }
        }
        return dump.toString();
    }

    private static boolean hexRuns(String text) {
        return Pattern.compile("[0-9a-f]{32}").matcher(text).find();
    }

    private Approval startLoginAndApprove(String user, String next) {
        EntityExchangeResult<String> login = browser.get("/login?next=" + next);
        assertThat(login.getStatus()).isEqualTo(HttpStatus.FOUND);
        return wiki.approve(requestToken(login.getResponseHeaders().getLocation()), user);
    }

    private EntityExchangeResult<String> loginAs(String user, String loginUri) {
        EntityExchangeResult<String> callback = browser.login(wiki, user,
                loginUri.startsWith("/login") ? loginUri : "/login?next=" + loginUri);
        assertThat(callback.getStatus()).isEqualTo(HttpStatus.FOUND);
        return callback;
    }

    private static String requestToken(URI authorize) {
        return Browser.requestToken(authorize);
    }
}
