package io.github.mwoauth.webflux.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mwoauth.testkit.Approval;
import io.github.mwoauth.testkit.Consumer;
import io.github.mwoauth.testkit.Endpoint;
import io.github.mwoauth.testkit.LocalWiki;
import io.github.mwoauth.webflux.NextPathTests;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.web.util.UriUtils;

/**
 * Hostile input through the real routes: open-redirect payloads for {@code next} on login (after the whole
 * handshake) and logout, fuzzed callbacks, and each wiki fault turned into its page within the client's bound.
 */
class HostileInputITests {

    private static LocalWiki wiki;
    private static RedisBackedApp app;

    @BeforeAll
    static void start() {
        wiki = LocalWiki.start();
        wiki.registerUser("Alice");
        Consumer consumer = wiki.registerOobConsumer("Example Tool", "http://app.test/oauth-callback");
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
