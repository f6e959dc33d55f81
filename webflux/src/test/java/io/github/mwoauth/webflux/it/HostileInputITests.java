package io.github.mwoauth.webflux.it;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import io.github.mwoauth.oauth1.AccessToken;
import io.github.mwoauth.IdentityVerificationException.Check;
import io.github.mwoauth.testkit.Approval;
import io.github.mwoauth.testkit.Consumer;
import io.github.mwoauth.testkit.Endpoint;
import io.github.mwoauth.testkit.IdentityForgery;
import io.github.mwoauth.testkit.LocalWiki;
import io.github.mwoauth.webflux.NextPathTests;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.web.util.UriUtils;

/**
 * Hostile input through the real routes: open-redirect payloads for {@code next} on login (after the whole
 * handshake) and logout, fuzzed callbacks, forged identify JWTs, answers of megabytes, and each wiki fault turned
 * into its page within the client's bound.
 */
class HostileInputITests {

    private static LocalWiki wiki;
    private static Consumer consumer;
    private static RedisBackedApp app;

    @BeforeAll
    static void start() {
        wiki = LocalWiki.start();
        wiki.registerUser("Alice");
        consumer = wiki.registerOobConsumer("Example Tool", "http://app.test/oauth-callback");
        app = new RedisBackedApp(wiki, consumer, RedisBackedApp.IN_MEMORY);
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        if (wiki != null) {
            wiki.close();
        }
    }

    @AfterEach
    void clearFaults() {
        wiki.clearFaults();
    }

    static Stream<String> hostile() {
        return NextPathTests.hostile();
    }

    @ParameterizedTest
    @MethodSource("hostile")
    void loginWhenNextHostileThenCallbackRedirectStaysOnSite(String next) {
        Browser browser = new Browser(app.web);
        EntityExchangeResult<String> done = browser.login(wiki, "Alice", "/login?next=" + encode(next));
        assertThat(done.getStatus()).isEqualTo(HttpStatus.FOUND);
        assertSameSite(done);
        assertThat(browser.get("/").getResponseBody()).isEqualTo("logged in as: Alice");
    }

    @ParameterizedTest
    @MethodSource("hostile")
    void logoutWhenNextHostileThenRedirectStaysOnSite(String next) {
        Browser browser = new Browser(app.web);
        EntityExchangeResult<String> get = browser.get("/logout?next=" + encode(next));
        assertThat(get.getStatus()).isEqualTo(HttpStatus.FOUND);
        assertSameSite(get);
        EntityExchangeResult<String> post = browser.post("/logout?next=" + encode(next));
        assertThat(post.getStatus()).isEqualTo(HttpStatus.FOUND);
        assertSameSite(post);
    }

    static Stream<Arguments> fuzzedCallbacks() {
        String big = "a".repeat(16 * 1024);
        return Stream.of(
                Arguments.of("no parameters", (UnaryOperator<String>) q -> ""),
                Arguments.of("no token", (UnaryOperator<String>) q -> q.replaceAll("oauth_token=[^&]*&?", "")),
                Arguments.of("token first given twice, a forged one first",
                        (UnaryOperator<String>) q -> "oauth_token=0123456789abcdef0123456789abcdef&" + q),
                Arguments.of("empty token", (UnaryOperator<String>) q -> q.replaceAll("oauth_token=[^&]*", "oauth_token=")),
                Arguments.of("oversized token", (UnaryOperator<String>) q -> "oauth_token=" + big + "&oauth_verifier=" + big),
                Arguments.of("non-ASCII token", (UnaryOperator<String>) q -> "oauth_token=" + encode("\u00e9\u2603\ud83d\ude00")
                        + "&oauth_verifier=" + encode("\u0000\r\n")),
                Arguments.of("invalid UTF-8", (UnaryOperator<String>) q -> "oauth_token=%FF%FE&oauth_verifier=%C0%AF"),
                Arguments.of("token with CR/LF", (UnaryOperator<String>) q -> "oauth_token=" + encode("x\r\nSet-Cookie: a=b")),
                Arguments.of("other token's shape", (UnaryOperator<String>) q -> q.replaceAll("oauth_token=[0-9a-f]{4}",
                        "oauth_token=ffff")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fuzzedCallbacks")
    void callbackWhenFuzzedThen403PageAndPendingLoginUntouched(String name, UnaryOperator<String> fuzz) {
        Browser browser = new Browser(app.web);
        EntityExchangeResult<String> login = browser.get("/login?next=/after");
        Approval approval = wiki.approve(Browser.requestToken(login.getResponseHeaders().getLocation()), "Alice");
        String sessionBefore = browser.session();

        EntityExchangeResult<String> fuzzed = browser.get("/oauth-callback?" + fuzz.apply(approval.callbackQuery()));

        assertThat(fuzzed.getStatus()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(fuzzed.getResponseBody()).contains("login").doesNotContain("Exception", "at org.", "\u2603");
        assertThat(fuzzed.getResponseHeaders().getLocation()).isNull();
        assertThat(browser.session()).as("session id unchanged").isEqualTo(sessionBefore);
        assertThat(browser.get("/").getResponseBody()).isEqualTo("not logged in");
        EntityExchangeResult<String> real = browser.get("/oauth-callback?" + approval.callbackQuery());
        assertThat(real.getStatus()).as("the pending login still completes").isEqualTo(HttpStatus.FOUND);
        assertThat(real.getResponseHeaders().getLocation()).hasToString("/after");
    }

    static Stream<Arguments> wikiFaults() {
        return Stream.of(
                Arguments.of("initiate 500", Endpoint.HANDSHAKE, (java.util.function.Consumer<LocalWiki>)
                        w -> w.faults(Endpoint.HANDSHAKE).status(500), 503, "wiki_unavailable"),
                Arguments.of("initiate garbage", Endpoint.HANDSHAKE, (java.util.function.Consumer<LocalWiki>)
                        w -> w.faults(Endpoint.HANDSHAKE).malformed(1), 503, "wiki_unavailable"),
                Arguments.of("initiate connection dropped", Endpoint.HANDSHAKE, (java.util.function.Consumer<LocalWiki>)
                        w -> w.faults(Endpoint.HANDSHAKE).dropConnection(5), 503, "wiki_unavailable"),
                Arguments.of("initiate slower than the timeout", Endpoint.HANDSHAKE,
                        (java.util.function.Consumer<LocalWiki>) w -> w.faults(Endpoint.HANDSHAKE)
                                .latency(Duration.ofSeconds(4)), 504, "wiki_timeout"),
                Arguments.of("identify truncated JWT", Endpoint.IDENTIFY, (java.util.function.Consumer<LocalWiki>)
                        w -> w.faults(Endpoint.IDENTIFY).malformed(1), 502, null),
                Arguments.of("identify 500", Endpoint.IDENTIFY, (java.util.function.Consumer<LocalWiki>)
                        w -> w.faults(Endpoint.IDENTIFY).status(500), 503, "wiki_unavailable"),
                Arguments.of("identify slower than the timeout", Endpoint.IDENTIFY,
                        (java.util.function.Consumer<LocalWiki>) w -> w.faults(Endpoint.IDENTIFY)
                                .latency(Duration.ofSeconds(4)), 504, "wiki_timeout"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wikiFaults")
    void loginWhenWikiFailsThenTypedPageWithinBound(String name, Endpoint where,
            java.util.function.Consumer<LocalWiki> fault, int status, String code) {
        Browser browser = new Browser(app.web);
        Approval approval = null;
        if (where == Endpoint.IDENTIFY) {
            EntityExchangeResult<String> login = browser.get("/login");
            approval = wiki.approve(Browser.requestToken(login.getResponseHeaders().getLocation()), "Alice");
        }
        fault.accept(wiki);
        long start = System.nanoTime();
        EntityExchangeResult<String> page = approval == null ? browser.getJson("/login")
                : browser.getJson("/oauth-callback?" + approval.callbackQuery());
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(page.getStatus().value()).as(name).isEqualTo(status);
        assertThat(page.getResponseBody()).as(name).contains("\"error\":").doesNotContain("Exception", "at org.");
        if (code != null) {
            assertThat(page.getResponseBody()).contains("\"error\":\"" + code + "\"");
        }
        assertThat(took).as(name + ": within the client's 2 s timeout and some slack").isLessThan(Duration.ofSeconds(4));
        assertThat(browser.get("/").getResponseBody()).isEqualTo("not logged in");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(IdentityForgery.class)
    void callbackWhenIdentifyJwtForgedThenLoggedOutWithPageAndLogNamingTheCheck(IdentityForgery forgery) {
        Check check = forgery.check();
        Browser browser = new Browser(app.web);
        EntityExchangeResult<String> login = browser.get("/login?next=/after");
        Approval approval = wiki.approve(Browser.requestToken(login.getResponseHeaders().getLocation()), "Alice");
        wiki.faults(Endpoint.IDENTIFY).forgedIdentity(forgery, 1);
        long identifyBefore = wiki.requestCount(Endpoint.IDENTIFY);

        EntityExchangeResult<String> page;
        List<ILoggingEvent> logged;
        try (LogCapture log = LogCapture.of("io.github.mwoauth")) {
            page = browser.get("/oauth-callback?" + approval.callbackQuery());
            logged = log.events();
        }

        assertThat(wiki.requestCount(Endpoint.IDENTIFY)).as("the forged JWT was served").isEqualTo(identifyBefore + 1);
        assertThat(page.getStatus()).isEqualTo(HttpStatus.BAD_GATEWAY);
        assertThat(page.getResponseHeaders().getLocation()).as("no redirect to next").isNull();
        AccessToken token = wiki.authorize("Alice", consumer);
        String body = page.getResponseBody();
        assertThat(body).contains("Sign-in could not be verified", "(" + check + ")", "href=\"/login\"")
                .doesNotContain(consumer.credentials().secret(), token.secret(), token.key(), "Exception", "at org.",
                        "eyJ");
        List<String> messages = logged.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(messages).as("the log names the failed check").anySatisfy(m -> assertThat(m)
                .contains("Identity JWT rejected (" + check + ")"));
        assertThat(messages).allSatisfy(m -> assertThat(m)
                .doesNotContain(consumer.credentials().secret(), token.secret(), "eyJ"));
        // logged out: not even the cached page, which would ask the wiki (genuinely, now) if a token were kept
        assertThat(browser.get("/").getResponseBody()).isEqualTo("not logged in");
        assertThat(browser.get("/live").getResponseBody()).isEqualTo("not logged in");
        assertThat(wiki.requestCount(Endpoint.IDENTIFY)).as("no token left to identify with").isEqualTo(identifyBefore + 1);
    }

    @Test
    void callbackWhenIdentifyAnswerOfMegabytesThenBoundedAndLoggedOut() {
        Browser browser = new Browser(app.web);
        EntityExchangeResult<String> login = browser.get("/login");
        Approval approval = wiki.approve(Browser.requestToken(login.getResponseHeaders().getLocation()), "Alice");
        // above the client's default limit (16 MiB); valid JSON, so only its size can fail it
        wiki.faults(Endpoint.IDENTIFY).oversized(20 * 1024 * 1024, 1);

        EntityExchangeResult<String> page = browser.getJson("/oauth-callback?" + approval.callbackQuery());

        assertThat(page.getStatus()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(page.getResponseBody()).contains("\"error\":\"wiki_unavailable\"").doesNotContain("padding", "xxxx");
        assertThat(browser.get("/").getResponseBody()).isEqualTo("not logged in");
    }

    @Test
    void apiWhenAnswerOfMegabytesThenTypedErrorAndSessionKept() {
        Browser browser = new Browser(app.web);
        browser.login(wiki, "Alice", "/login");
        wiki.faults(Endpoint.API).oversized(20 * 1024 * 1024, 1);

        EntityExchangeResult<String> page = browser.get("/test_query");

        assertThat(page.getStatus()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(page.getResponseBody()).isEqualTo("wiki: MALFORMED_RESPONSE").doesNotContain("xxxx");
        assertThat(browser.get("/").getResponseBody()).isEqualTo("logged in as: Alice");
        assertThat(browser.get("/test_query").getResponseBody()).contains("usercontribs");
    }

    private static void assertSameSite(EntityExchangeResult<String> result) {
        String location = result.getResponseHeaders().getFirst("Location");
        assertThat(location).isNotNull().startsWith("/").doesNotStartWith("//").doesNotStartWith("/\\")
                .doesNotContain("\r", "\n", "\\");
        URI uri = URI.create(location);
        assertThat(uri.getScheme()).isNull();
        assertThat(uri.getRawAuthority()).isNull();
    }

    private static String encode(String value) {
        return UriUtils.encode(value, StandardCharsets.UTF_8);
    }
}
