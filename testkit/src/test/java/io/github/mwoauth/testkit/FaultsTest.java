package io.github.mwoauth.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mwoauth.oauth1.AccessToken;
import io.github.mwoauth.http.Parameter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Fault injection and request counts; one wiki for the class, faults reset after each test. */
class FaultsTest {

    @RegisterExtension
    static final LocalWikiExtension EXTENSION = LocalWikiExtension.create();

    static final WireClient CLIENT = new WireClient();
    static Fixtures f;
    static AccessToken alice;

    @BeforeAll
    static void setUp() {
        f = new Fixtures(EXTENSION.get(), CLIENT);
        alice = f.handshake(f.prefix, "Alice");
    }

    String userinfo(String extra) {
        return f.wiki.apiUrl() + "?action=query&meta=userinfo&format=json" + extra;
    }

    @Test
    void latencyWhenSetThenResponsesDelayedWithoutBlockingOthers() throws Exception {
        f.wiki.faults(Endpoint.API).latency(Duration.ofMillis(400));
        long start = System.nanoTime();
        List<CompletableFuture<WireClient.Response>> parallel = IntStream.range(0, 6)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> CLIENT.get(userinfo("")))).toList();
        for (CompletableFuture<WireClient.Response> r : parallel) {
            assertThat(r.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
        }
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        assertThat(elapsedMs).isBetween(400L, 2_300L);
        long handshakeStart = System.nanoTime();
        CLIENT.get(f.initiateUrl());
        assertThat((System.nanoTime() - handshakeStart) / 1_000_000).isLessThan(400L);
    }

    @Test
    void statusWhenSetForHandshakeThenOnlyHandshakeFailsForCount() {
        f.wiki.faults(Endpoint.HANDSHAKE).status(503, 1);
        WireClient.Response failed = CLIENT.signedPost(f.initiateUrl(), Fixtures.consumerOnly(f.oob),
                Parameter.of("oauth_callback", "oob"));
        assertThat(failed.status()).isEqualTo(503);
        assertThat(failed.contentType()).startsWith("text/html");
        assertThat(CLIENT.get(userinfo("")).status()).isEqualTo(200);
        assertThat(f.initiate(f.oob, "oob")).containsKey("oauth_token");
    }

    @Test
    void statusWhenForeverThenUntilCleared() {
        f.wiki.faults().status(502);
        assertThat(CLIENT.get(userinfo("")).status()).isEqualTo(502);
        assertThat(CLIENT.get(userinfo("")).status()).isEqualTo(502);
        f.wiki.clearFaults();
        assertThat(CLIENT.get(userinfo("")).status()).isEqualTo(200);
    }

    @Test
    void maxlagWhenClientSendsMaxlagThenErrorWithHeadersForCount() {
        f.wiki.faults(Endpoint.API).maxlag(7, 2);
        WireClient.Response plain = CLIENT.get(userinfo(""));
        assertThat(plain.body()).contains("\"userinfo\"");
        for (int i = 0; i < 2; i++) {
            WireClient.Response lagged = CLIENT.signedGet(userinfo("&maxlag=5"), Fixtures.withToken(f.prefix, alice));
            assertThat(lagged.status()).isEqualTo(200);
            assertThat(lagged.header("MediaWiki-API-Error")).isEqualTo("maxlag");
            assertThat(lagged.header("Retry-After")).isEqualTo("7");
            assertThat(lagged.header("X-Database-Lag")).isEqualTo("7");
            assertThat(lagged.body()).startsWith("{\"error\":{\"code\":\"maxlag\",\"info\":\"Waiting for 127.0.0.1: 7 "
                    + "seconds lagged.\",\"host\":\"127.0.0.1\",\"lag\":7,\"type\":\"db\",\"*\":\"See ");
        }
        assertThat(CLIENT.get(userinfo("&maxlag=5")).body()).contains("\"userinfo\"");
    }

    @Test
    void ratelimitedWhenSetThenApiErrorForCountThenServed() {
        f.wiki.faults(Endpoint.API).ratelimited(2);
        assertThat(f.initiate(f.oob, "oob")).containsKey("oauth_token");
        for (int i = 0; i < 2; i++) {
            WireClient.Response limited = CLIENT.signedGet(userinfo(""), Fixtures.withToken(f.prefix, alice));
            assertThat(limited.status()).isEqualTo(200);
            assertThat(limited.contentType()).isEqualTo("application/json; charset=utf-8");
            assertThat(limited.header("MediaWiki-API-Error")).isEqualTo("ratelimited");
            assertThat(limited.body()).startsWith("{\"error\":{\"code\":\"ratelimited\",\"info\":\"You've exceeded "
                    + "your rate limit. Please wait some time and try again.\",\"*\":\"See ");
        }
        assertThat(CLIENT.get(userinfo("&formatversion=2&errorformat=plaintext")).body()).contains("\"userinfo\"");
        f.wiki.faults(Endpoint.API).ratelimited(1);
        assertThat(CLIENT.get(userinfo("&formatversion=2&errorformat=plaintext")).body())
                .startsWith("{\"errors\":[{\"code\":\"ratelimited\",\"text\":\"You've exceeded your rate limit.");
        assertThatThrownBy(() -> f.wiki.faults(Endpoint.API).ratelimited(0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void maxlagWhenLagBelowClientLimitThenServed() {
        f.wiki.faults(Endpoint.API).maxlag(3, 1);
        assertThat(CLIENT.get(userinfo("&maxlag=5")).body()).contains("\"userinfo\"");
        assertThat(CLIENT.get(userinfo("&maxlag=1")).header("Retry-After")).isEqualTo("5");
    }

    @Test
    void malformedWhenIdentifyThenTruncatedJwt() {
        f.wiki.faults(Endpoint.IDENTIFY).malformed(1);
        WireClient.Response r = CLIENT.signedPost(f.identifyUrl(), Fixtures.withToken(f.prefix, alice));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).isEqualTo("application/json");
        assertThat(r.body()).doesNotMatch("[^.]+\\.[^.]+\\.[^.]+");
        assertThat(CLIENT.signedPost(f.identifyUrl(), Fixtures.withToken(f.prefix, alice)).body())
                .matches("[^.]+\\.[^.]+\\.[^.]+");
    }

    @Test
    void malformedWhenApiOrHandshakeThenGarbage() {
        f.wiki.faults(Endpoint.API, Endpoint.HANDSHAKE).malformed(2);
        WireClient.Response api = CLIENT.get(userinfo(""));
        assertThat(api.contentType()).isEqualTo("application/json; charset=utf-8");
        assertThat(api.body()).contains("Fatal error").doesNotStartWith("{");
        assertThat(CLIENT.signedPost(f.initiateUrl(), Fixtures.consumerOnly(f.oob),
                Parameter.of("oauth_callback", "oob")).body()).contains("Fatal error");
        assertThat(CLIENT.get(userinfo("")).body()).startsWith("{");
    }

    @Test
    void dropConnectionWhenSetThenNoResponseThenRecovers() {
        f.wiki.faults(Endpoint.API).dropConnection(1);
        assertThatThrownBy(() -> CLIENT.post(userinfo(""), "", "")).isInstanceOf(UncheckedIOException.class);
        assertThat(CLIENT.get(userinfo("")).status()).isEqualTo(200);
    }

    @Test
    void requestCountWhenRequestsThenCountedPerEndpointUntilReset() {
        f.wiki.reset();
        CLIENT.get(userinfo(""));
        CLIENT.get(userinfo(""));
        CLIENT.get(f.initiateUrl());
        CLIENT.get(f.identifyUrl());
        CLIENT.get(f.wiki.server() + "/wiki/Main_Page");
        assertThat(f.wiki.requestCount(Endpoint.API)).isEqualTo(2);
        assertThat(f.wiki.requestCount(Endpoint.HANDSHAKE)).isEqualTo(1);
        assertThat(f.wiki.requestCount(Endpoint.IDENTIFY)).isEqualTo(1);
        assertThat(f.wiki.requestCount(Endpoint.PAGE)).isEqualTo(1);
        assertThat(f.wiki.requestCount()).isEqualTo(5);
        f.wiki.reset();
        assertThat(f.wiki.requestCount()).isZero();
    }

    @Test
    void faultsWhenInvalidArgumentsThenRejected() {
        assertThatThrownBy(() -> f.wiki.faults().status(42)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> f.wiki.faults().malformed(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> f.wiki.faults().latency(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
