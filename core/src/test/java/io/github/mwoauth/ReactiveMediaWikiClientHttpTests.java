package io.github.mwoauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.github.mwoauth.RecordingServer.Answer;
import io.github.mwoauth.WikiUnavailableException.Kind;
import io.github.mwoauth.oauth1.AuthorizationHeader;
import io.github.mwoauth.http.FormEncoding;
import io.github.mwoauth.oauth1.HmacSha1;
import io.github.mwoauth.http.Parameter;
import io.github.mwoauth.oauth1.SignatureBaseString;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** The client's HTTP behaviour, observed by a loopback server that records what arrives. */
class ReactiveMediaWikiClientHttpTests {

    private static final Duration BOUND = Duration.ofSeconds(10);

    private final RecordingServer server = new RecordingServer();

    private ReactiveMediaWikiClient.Builder client() {
        return ReactiveMediaWikiClient.builder().wiki(server.scriptPath()).consumer("ck", "cs")
                .accessToken("at", "as").userAgent("TestTool/1.0 (tests@example.org)");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void requestsBeyondMaxConnectionsWaitForOneAndAllAnswer() {
        server.answer(r -> Answer.json("{\"batchcomplete\":true}").after(Duration.ofMillis(300)));
        ReactiveMediaWikiClient client = client().maxConnections(2).build();

        long start = System.nanoTime();
        List<Boolean> answers = Flux.range(0, 6)
                .flatMap(i -> client.request(Map.of("action", "query", "n", i)), 6)
                .map(json -> json.path("batchcomplete").asBoolean())
                .collectList().block(Duration.ofSeconds(10));
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;

        assertThat(answers).hasSize(6).containsOnly(true);
        assertThat(server.requests).hasSize(6);
        // two connections, six answers 300 ms each: three rounds at least
        assertThat(elapsedMs).isGreaterThanOrEqualTo(880);
        assertThatIllegalArgumentException().isThrownBy(() -> client().maxConnections(0))
                .withMessageContaining("maxConnections");
    }

    @Test
    void requestsBeyondTwiceMaxConnectionsWaitingFailAtOnceAsUnreachable() {
        server.answer(r -> Answer.json("{\"batchcomplete\":true}").after(Duration.ofMillis(500)));
        ReactiveMediaWikiClient client = client().maxConnections(1).build();

        List<String> outcomes = Flux.range(0, 4)
                .flatMap(i -> client.request(Map.of("action", "query", "n", i))
                        .map(json -> "answered")
                        .onErrorResume(WikiUnavailableException.class, e -> Mono.just(e.kind() + ": " + e.getMessage())),
                        4)
                .collectList().block(Duration.ofSeconds(10));

        // one on the connection, two waiting for it, the fourth refused before anything is sent
        assertThat(outcomes).hasSize(4).filteredOn("answered"::equals).hasSize(3);
        assertThat(outcomes.get(0)).startsWith("UNREACHABLE: Too many calls are waiting for a connection to ")
                .contains("/api.php");
        assertThat(server.requests).hasSize(3);
    }

    @Test
    void requestWhenSmallQueryThenSignedFormPostWithFormatJson() {
        server.answer(r -> Answer.json("{\"batchcomplete\":\"\",\"query\":{\"userinfo\":{\"id\":4,\"name\":\"Alice\"}}}"));
        Map<String, Object> query = new LinkedHashMap<>(Map.of("action", "query", "meta", "userinfo"));

        StepVerifier.create(client().build().request(query))
                .assertNext(json -> assertThat(json.at("/query/userinfo/name").asString()).isEqualTo("Alice"))
                .verifyComplete();

        RecordingServer.Recorded r = server.requests.get(0);
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.uri()).isEqualTo("/w/api.php");
        assertThat(r.headers().get("Content-Type")).startsWith("application/x-www-form-urlencoded");
        assertThat(r.headers().get("User-Agent")).matches("TestTool/1\\.0 \\(tests@example\\.org\\) mwoauth-webflux/\\S+");
        List<Parameter> form = FormEncoding.parse(r.body());
        assertThat(form).contains(Parameter.of("action", "query"), Parameter.of("meta", "userinfo"),
                Parameter.of("format", "json"));
        assertThat(query).doesNotContainKey("format");
        assertSignatureValid(r, URI.create(server.scriptPath() + "/api.php"), form, "as");
    }

    @Test
    void requestWhenFieldsAboveThresholdThenMultipartAndBodyNotSigned() {
        server.answer(r -> Answer.json("{\"edit\":{\"result\":\"Success\"}}"));
        String text = "x".repeat(9000);

        StepVerifier.create(client().build().request(Map.of("action", "edit", "title", "T", "text", text)))
                .expectNextCount(1).verifyComplete();

        RecordingServer.Recorded r = server.requests.get(0);
        assertThat(r.headers().get("Content-Type")).startsWith("multipart/form-data");
        assertThat(r.body()).contains("name=\"text\"").contains(text).contains("name=\"format\"");
        assertSignatureValid(r, URI.create(server.scriptPath() + "/api.php"), List.of(), "as");
    }

    @Test
    void requestWhenApiErrorThenTypedExceptionWithBody() {
        server.answer(r -> Answer.json("{\"error\":{\"code\":\"badtoken\",\"info\":\"Invalid CSRF token.\",\"*\":\"See\"}}"));

        StepVerifier.create(client().build().request(Map.of("action", "edit")))
                .expectErrorSatisfies(e -> assertThat(e).isExactlyInstanceOf(MediaWikiApiException.class)
                        .satisfies(x -> {
                            MediaWikiApiException api = (MediaWikiApiException) x;
                            assertThat(api.code()).isEqualTo("badtoken");
                            assertThat(api.info()).isEqualTo("Invalid CSRF token.");
                            assertThat(api.body().at("/error/*").asString()).isEqualTo("See");
                        }))
                .verify(BOUND);
    }

    @Test
    void requestWhenRevokedGrantThenInvalidAuthorizationAndStoreCleared() {
        server.answer(r -> Answer.json("{\"error\":{\"code\":\"mwoauth-invalid-authorization\",\"info\":\"The "
                + "authorization headers in your request are not valid: No approved grant was found for that "
                + "authorization token.\"}}").withHeader("MediaWiki-API-Error", "mwoauth-invalid-authorization"));
        ReactiveMediaWikiClient client = client().build();

        StepVerifier.create(client.request(Map.of("action", "query")))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOfSatisfying(InvalidAuthorizationException.class,
                        i -> assertThat(i.reason()).isEqualTo(InvalidAuthorizationException.Reason.GRANT_NOT_FOUND)))
                .verify(BOUND);
        StepVerifier.create(client.request(Map.of("action", "query")))
                .expectError(LoginRequiredException.class).verify(BOUND);
        assertThat(server.requests).hasSize(1);
    }

    @Test
    void requestWhenInvalidAuthorizationReasonsThenToldApart() {
        Map<String, InvalidAuthorizationException.Reason> reasons = Map.of(
                "Invalid signature", InvalidAuthorizationException.Reason.INVALID_SIGNATURE,
                "Nonce already used: 160248668274377002411795835637", InvalidAuthorizationException.Reason.NONCE_REUSED,
                "Expired timestamp, yours 1795749237, ours 1795835637", InvalidAuthorizationException.Reason.EXPIRED_TIMESTAMP,
                "Invalid consumer", InvalidAuthorizationException.Reason.INVALID_CONSUMER);
        reasons.forEach((text, reason) -> {
            server.answer(r -> Answer.json("{\"error\":{\"code\":\"mwoauth-invalid-authorization\",\"info\":\"The "
                    + "authorization headers in your request are not valid: " + text + "\"}}"));
            ReactiveMediaWikiClient client = client().build();
            StepVerifier.create(client.request(Map.of("action", "query")))
                    .expectErrorSatisfies(e -> assertThat(((InvalidAuthorizationException) e).reason()).isEqualTo(reason))
                    .verify(BOUND);
            // not a revocation: the token is kept
            StepVerifier.create(client.tokenStore().load()).expectNextCount(1).verifyComplete();
        });
    }

    @Test
    void requestWhenMaxlagThenRetriedAfterRetryAfterWithFreshSignature() {
        AtomicInteger calls = new AtomicInteger();
        server.answer(r -> calls.incrementAndGet() <= 2
                ? Answer.json("{\"error\":{\"code\":\"maxlag\",\"info\":\"Waiting for 10.64.48.35: 6 seconds lagged.\"}}")
                        .withHeader("Retry-After", "1").withHeader("X-Database-Lag", "6")
                : Answer.json("{\"batchcomplete\":\"\"}"));

        StepVerifier.create(client().build().request(Map.of("action", "query", "maxlag", 5)))
                .expectNextCount(1).verifyComplete();

        assertThat(server.requests).hasSize(3);
        List<String> nonces = new ArrayList<>();
        server.requests.forEach(r -> nonces.add(oauth(r, "oauth_nonce")));
        assertThat(nonces).doesNotHaveDuplicates();
    }

    @Test
    void requestWhenMaxlagPersistsThenOverloadedAfterBoundedRetries() {
        server.answer(r -> Answer.json("{\"error\":{\"code\":\"maxlag\",\"info\":\"lagged\"}}").withHeader("Retry-After", "0"));

        StepVerifier.create(client().maxRetries(2).build().request(Map.of("action", "query")))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOfSatisfying(WikiUnavailableException.class,
                        w -> assertThat(w.kind()).isEqualTo(Kind.OVERLOADED)))
                .verify(BOUND);
        assertThat(server.requests).hasSize(3);
    }

    @Test
    void requestWhenWikiSlowerThanTimeoutThenTimeoutWithinBound() {
        server.answer(r -> Answer.json("{}").after(Duration.ofSeconds(5)));

        StepVerifier.create(client().timeout(Duration.ofMillis(300)).build().request(Map.of("action", "query")))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOfSatisfying(WikiUnavailableException.class,
                        w -> assertThat(w.kind()).isEqualTo(Kind.TIMEOUT)))
                .verify(Duration.ofSeconds(3));
    }

    @Test
    void requestWhenHttp500ThenHttpErrorWithoutRetry() {
        server.answer(r -> Answer.text("<html>Wikimedia Error</html>").withStatus(500));

        StepVerifier.create(client().build().request(Map.of("action", "query")))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOfSatisfying(WikiUnavailableException.class, w -> {
                    assertThat(w.kind()).isEqualTo(Kind.HTTP_ERROR);
                    assertThat(w.status()).isEqualTo(500);
                }))
                .verify(BOUND);
        assertThat(server.requests).hasSize(1);
    }

    @Test
    void requestWhen503PersistsThenOverloadedWithStatusAfterBoundedRetries() {
        server.answer(r -> Answer.text("<html>Wikimedia Error</html>").withStatus(503));

        StepVerifier.create(client().maxRetries(2).retryBackoff(Duration.ofMillis(10)).build()
                        .request(Map.of("action", "query")))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOfSatisfying(WikiUnavailableException.class, w -> {
                    assertThat(w.kind()).isEqualTo(Kind.OVERLOADED);
                    assertThat(w.status()).isEqualTo(503);
                }))
                .verify(BOUND);
        assertThat(server.requests).hasSize(3);
    }

    @Test
    void requestWhen429WithRetryAfterThenWaitsThatLongThenSucceeds() {
        AtomicInteger calls = new AtomicInteger();
        server.answer(r -> calls.incrementAndGet() == 1
                ? Answer.text("Too many requests").withStatus(429).withHeader("Retry-After", "1")
                : Answer.json("{\"batchcomplete\":true}"));
        long start = System.nanoTime();

        StepVerifier.create(client().retryBackoff(Duration.ofMillis(10)).build().request(Map.of("action", "query")))
                .expectNextCount(1).verifyComplete();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
        assertThat(server.requests).hasSize(2);
    }

    @Test
    void requestWhen503WithHttpDatePastByTheClientClockThenRetriedWithoutWaiting() {
        // the client's clock says 2100: the date is a second ago for it, 73 years ahead for the machine's clock
        Clock in2100 = Clock.fixed(Instant.parse("2100-01-01T00:00:00Z"), ZoneOffset.UTC);
        AtomicInteger calls = new AtomicInteger();
        server.answer(r -> calls.incrementAndGet() == 1
                ? Answer.text("busy").withStatus(503).withHeader("Retry-After", "Thu, 31 Dec 2099 23:59:59 GMT")
                : Answer.json("{\"batchcomplete\":true}"));

        // a date read against the machine's clock, or not read at all, would wait an hour and miss the bound
        StepVerifier.create(client().clock(in2100).retryBackoff(Duration.ofHours(1)).maxRetryDelay(Duration.ofHours(1))
                        .build().request(Map.of("action", "query")))
                .expectNextCount(1).expectComplete().verify(BOUND);
        assertThat(server.requests).hasSize(2);
    }

    @Test
    void requestWhen429WithHttpDateThenWaitsUntilThatDateByTheClientClock() {
        // the client's clock says 2001: the date is a second ahead for it, long past for the machine's clock
        Clock in2001 = Clock.fixed(Instant.parse("2001-09-09T01:46:40Z"), ZoneOffset.UTC);
        AtomicInteger calls = new AtomicInteger();
        server.answer(r -> calls.incrementAndGet() == 1
                ? Answer.text("Too many requests").withStatus(429).withHeader("Retry-After", "Sun, 09 Sep 2001 01:46:41 GMT")
                : Answer.json("{\"batchcomplete\":true}"));
        long start = System.nanoTime();

        StepVerifier.create(client().clock(in2001).retryBackoff(Duration.ofHours(1)).maxRetryDelay(Duration.ofHours(1))
                        .build().request(Map.of("action", "query")))
                .expectNextCount(1).expectComplete().verify(BOUND);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
        assertThat(server.requests).hasSize(2);
    }

    @Test
    void requestWhenRetryAfterUnparseableThenBackoffAndStillBounded() {
        server.answer(r -> Answer.text("busy").withStatus(503).withHeader("Retry-After", "Sun, 31 Nov 2099 99:00:00 GMT"));

        // an unreadable date must not become a long wait: the 10 ms backoff applies, then the retries run out
        StepVerifier.create(client().maxRetries(2).retryBackoff(Duration.ofMillis(10)).maxRetryDelay(Duration.ofHours(1))
                        .build().request(Map.of("action", "query")))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOfSatisfying(WikiUnavailableException.class,
                        w -> assertThat(w.kind()).isEqualTo(Kind.OVERLOADED)))
                .verify(BOUND);
        assertThat(server.requests).hasSize(3);
    }

    @Test
    void requestWhenGarbageOrOversizedThenMalformedResponse() {
        server.answer(r -> Answer.text("<?php garbage"));
        StepVerifier.create(client().build().request(Map.of("action", "query")))
                .expectErrorSatisfies(e -> assertThat(((WikiUnavailableException) e).kind())
                        .isEqualTo(Kind.MALFORMED_RESPONSE))
                .verify(BOUND);

        server.answer(r -> Answer.json("{\"x\":\"" + "y".repeat(4096) + "\"}"));
        StepVerifier.create(client().maxResponseBytes(2048).build().request(Map.of("action", "query")))
                .expectErrorSatisfies(e -> assertThat(((WikiUnavailableException) e).kind())
                        .isEqualTo(Kind.MALFORMED_RESPONSE))
                .verify(BOUND);
    }

    @Test
    void requestWhenWikiDownThenUnreachable() {
        String scriptPath = server.scriptPath();
        server.close();

        StepVerifier.create(ReactiveMediaWikiClient.builder().wiki(scriptPath).consumer("ck", "cs")
                .accessToken("at", "as").build().request(Map.of("action", "query")))
                .expectErrorSatisfies(e -> assertThat(((WikiUnavailableException) e).kind()).isEqualTo(Kind.UNREACHABLE))
                .verify(BOUND);
    }

    @Test
    void requestWhenNoUserThenLoginRequired() {
        StepVerifier.create(ReactiveMediaWikiClient.builder().wiki(server.scriptPath()).consumer("ck", "cs").build()
                .request(Map.of("action", "query")))
                .expectError(LoginRequiredException.class).verify(BOUND);
        assertThat(server.requests).isEmpty();
    }

    @Test
    void requestWhenBlockedFromPlainThreadThenValue() {
        server.answer(r -> Answer.json("{\"batchcomplete\":\"\"}"));

        assertThat(client().build().request(Map.of("action", "query")).block(BOUND).has("batchcomplete")).isTrue();
    }

    private static String oauth(RecordingServer.Recorded r, String name) {
        return AuthorizationHeader.parse(r.headers().get("Authorization")).stream()
                .filter(p -> p.name().equals(name)).findFirst().orElseThrow().value();
    }

    private static void assertSignatureValid(RecordingServer.Recorded r, URI uri, List<Parameter> form,
            String tokenSecret) {
        List<Parameter> oauth = AuthorizationHeader.parse(r.headers().get("Authorization"));
        List<Parameter> signed = new ArrayList<>(oauth);
        signed.addAll(form);
        String expected = HmacSha1.sign(SignatureBaseString.of("POST", uri, signed), "cs", tokenSecret);
        assertThat(oauth(r, "oauth_signature")).isEqualTo(expected);
        assertThat(oauth(r, "oauth_token")).isEqualTo("at");
        assertThat(oauth(r, "oauth_consumer_key")).isEqualTo("ck");
    }
}
