package io.github.mwoauth;

import io.github.mwoauth.oauth1.AccessToken;
import io.github.mwoauth.oauth1.OAuth1Handshake;
import io.github.mwoauth.oauth1.OAuth1Login;
import io.github.mwoauth.oauth1.RequestToken;
import io.github.mwoauth.Freshness;
import io.github.mwoauth.HandshakeException;
import io.github.mwoauth.IdentityVerificationException;
import io.github.mwoauth.ReactiveMediaWikiClient;
import io.github.mwoauth.RecordingServer;
import io.github.mwoauth.TestJwts;
import io.github.mwoauth.WikiUnavailableException;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import io.github.mwoauth.RecordingServer.Answer;
import io.github.mwoauth.oauth1.AuthorizationHeader;
import io.github.mwoauth.http.Parameter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/** The handshake's requests and its reading of every answer shape the wiki gives (mediawiki-oauth-wire §0-§4). */
class OAuth1HandshakeTests {

    private static final Duration BOUND = Duration.ofSeconds(10);
    private static final RequestToken REQUEST_TOKEN = new RequestToken("9437c9e4dbf0da7386388d1b1ed3b6ff",
            "909e457d1583a98c954ab0757231945c");

    private final RecordingServer server = new RecordingServer();

    @AfterEach
    void stop() {
        server.close();
    }

    private OAuth1Handshake handshake() {
        return OAuth1Login.builder().wiki(server.scriptPath()).consumer(TestJwts.CONSUMER)
                .userAgent("Test/1.0 (t@example.org)").build().handshake();
    }

    private static List<Parameter> oauth(RecordingServer.Recorded r) {
        return AuthorizationHeader.parse(r.headers().get("Authorization"));
    }

    /** A 503 page whose body would pass for a good answer were the status not read. */
    private static Answer unavailable(String body) {
        return new Answer(503, "text/html; charset=UTF-8", body, Duration.ZERO, java.util.Map.of());
    }

    private static void assertHttp503(Throwable e) {
        assertThat(e).isInstanceOfSatisfying(WikiUnavailableException.class, w -> {
            assertThat(w.kind()).isEqualTo(WikiUnavailableException.Kind.HTTP_ERROR);
            assertThat(w.status()).isEqualTo(503);
        });
    }

    @Test
    void initiateWhenWikiAnswersTokenThenPendingAuthorizationWithAuthorizeUrl() {
        server.answer(r -> Answer.text("oauth_token=9e23b708d011697cea5ee0eb41ba26bb&oauth_token_secret="
                + "909e457d1583a98c954ab0757231945c&oauth_callback_confirmed=true"));

        StepVerifier.create(handshake().initiate()).assertNext(p -> {
            assertThat(p.key()).isEqualTo("9e23b708d011697cea5ee0eb41ba26bb");
            assertThat(p.secret()).isEqualTo("909e457d1583a98c954ab0757231945c");
            assertThat(p.authorizeUrl()).hasToString(server.scriptPath() + "/index.php?title=Special%3AOAuth%2F"
                    + "authorize&oauth_token=9e23b708d011697cea5ee0eb41ba26bb&oauth_consumer_key=" + TestJwts.CONSUMER.key());
        }).verifyComplete();

        RecordingServer.Recorded r = server.requests.get(0);
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.uri()).isEqualTo("/w/index.php?title=Special%3AOAuth%2Finitiate");
        assertThat(oauth(r)).contains(Parameter.of("oauth_callback", "oob"),
                Parameter.of("oauth_consumer_key", TestJwts.CONSUMER.key()));
        assertThat(oauth(r)).extracting(Parameter::name).doesNotContain("oauth_token");
    }

    @Test
    void initiateWhenPrefixCallbackThenSent() {
        server.answer(r -> Answer.text("oauth_token=a&oauth_token_secret=b&oauth_callback_confirmed=true"));

        StepVerifier.create(handshake().initiate("http://127.0.0.1:5000/oauth-callback?next=%2Fafter"))
                .expectNextCount(1).verifyComplete();
        assertThat(oauth(server.requests.get(0)))
                .contains(Parameter.of("oauth_callback", "http://127.0.0.1:5000/oauth-callback?next=%2Fafter"));
    }

    @Test
    void initiateWhenErrorTextThenHandshakeExceptionWithWikiMessage() {
        server.answer(r -> Answer.text("Error: An error occurred in the OAuth protocol: Invalid consumer"));

        StepVerifier.create(handshake().initiate())
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOfSatisfying(HandshakeException.class, h -> {
                    assertThat(h.step()).isEqualTo("initiate");
                    assertThat(h.wikiMessage()).isEqualTo("An error occurred in the OAuth protocol: Invalid consumer");
                }))
                .verify(BOUND);
    }

    @Test
    void initiateWhenBodyLacksTokenThenMalformedResponse() {
        server.answer(r -> Answer.text("<html>maintenance</html>"));

        StepVerifier.create(handshake().initiate())
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOfSatisfying(WikiUnavailableException.class,
                        w -> assertThat(w.kind()).isEqualTo(WikiUnavailableException.Kind.MALFORMED_RESPONSE)))
                .verify(BOUND);
    }

    @Test
    void initiateWhenHttp503ThenWikiUnavailableWithStatus() {
        server.answer(r -> unavailable("oauth_token=a&oauth_token_secret=b&oauth_callback_confirmed=true"));

        StepVerifier.create(handshake().initiate()).expectErrorSatisfies(OAuth1HandshakeTests::assertHttp503)
                .verify(BOUND);
    }

    @Test
    void completeWhenVerifierThenAccessTokenFromSignedExchange() {
        server.answer(r -> Answer.text("oauth_token=a562b453eb2fd8aab11155466989abe6&oauth_token_secret="
                + "d958721bfc4a7824fab5762594e0312399f1e028&oauth_callback_confirmed=true"));

        StepVerifier.create(handshake().complete(REQUEST_TOKEN, REQUEST_TOKEN.key(), "b113c869b4258aa727ff4b5f19178d2d"))
                .assertNext(t -> {
                    assertThat(t.key()).isEqualTo("a562b453eb2fd8aab11155466989abe6");
                    assertThat(t.secret()).isEqualTo("d958721bfc4a7824fab5762594e0312399f1e028");
                    assertThat(t.toString()).doesNotContain(t.secret());
                })
                .verifyComplete();

        RecordingServer.Recorded r = server.requests.get(0);
        assertThat(r.uri()).isEqualTo("/w/index.php?title=Special%3AOAuth%2Ftoken");
        assertThat(oauth(r)).contains(Parameter.of("oauth_token", REQUEST_TOKEN.key()),
                Parameter.of("oauth_verifier", "b113c869b4258aa727ff4b5f19178d2d"));
    }

    @Test
    void completeWhenHttp503ThenWikiUnavailableWithStatus() {
        server.answer(r -> unavailable("oauth_token=a&oauth_token_secret=b"));

        StepVerifier.create(handshake().complete(REQUEST_TOKEN, REQUEST_TOKEN.key(), "v"))
                .expectErrorSatisfies(OAuth1HandshakeTests::assertHttp503).verify(BOUND);
    }

    @Test
    void completeWhenCallbackTokenDiffersThenErrorAndNothingSent() {
        StepVerifier.create(handshake().complete(REQUEST_TOKEN, "another", "v"))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(HandshakeException.class)
                        .hasMessageContaining("does not match"))
                .verify(BOUND);
        assertThat(server.requests).isEmpty();
    }

    @Test
    void completeWhenVerifierReusedThenE009() {
        server.answer(r -> Answer.text("Error: This request has already been completed and cannot be resubmitted.\n"
                + "Go back to the application and try to connect your account again, or contact the application author.\n\n"
                + "&lt;span class=&quot;plainlinks mw-mwoautherror-details&quot;&gt;OAuth token already used, "
                + "<a class=\"external\" href=\"https://www.mediawiki.org/wiki/Help:OAuth/Errors#E009\">E009</a>&lt;/span&gt;"));

        StepVerifier.create(handshake().complete(REQUEST_TOKEN, REQUEST_TOKEN.key(), "v"))
                .expectErrorSatisfies(e -> assertThat(((HandshakeException) e).errorCode()).isEqualTo("E009"))
                .verify(BOUND);
    }

    @Test
    void identifyWhenJwtThenVerifiedIdentityWithRequestNonce() {
        AtomicReference<String> jwt = new AtomicReference<>();
        server.answer(r -> {
            String nonce = oauth(r).stream().filter(p -> p.name().equals("oauth_nonce")).findFirst().orElseThrow()
                    .value();
            JWTClaimsSet claims = TestJwts.claims(Instant.now()).issuer(server.scriptPath().replace("/w", ""))
                    .claim("nonce", nonce).build();
            jwt.set(TestJwts.hs256(claims));
            return new Answer(200, "application/json", jwt.get(), Duration.ZERO, java.util.Map.of());
        });

        StepVerifier.create(handshake().identify(new AccessToken("at", "as")))
                .assertNext(identity -> assertThat(identity.username()).isEqualTo("Alice"))
                .verifyComplete();
        assertThat(server.requests.get(0).uri()).isEqualTo("/w/index.php?title=Special%3AOAuth%2Fidentify");
    }

    @Test
    void identifyWhenHttp503HtmlPageThenWikiUnavailableNotAnIdentityFailure() {
        server.answer(r -> unavailable("<!DOCTYPE html><html><body><h1>Wikimedia Error</h1>"
                + "<p>Our servers are currently under maintenance.</p></body></html>"));

        StepVerifier.create(handshake().identify(new AccessToken("at", "as")))
                .expectErrorSatisfies(OAuth1HandshakeTests::assertHttp503).verify(BOUND);
    }

    @Test
    void identifyWhenJwtOfAnotherNonceThenRejected() {
        server.answer(r -> Answer.json(TestJwts.hs256(TestJwts.claims(Instant.now())
                .issuer(server.scriptPath().replace("/w", "")).build())));

        StepVerifier.create(handshake().identify(new AccessToken("at", "as")))
                .expectErrorSatisfies(e -> assertThat(((IdentityVerificationException) e).check())
                        .isEqualTo(IdentityVerificationException.Check.NONCE))
                .verify(BOUND);
    }

    @Test
    void identifyWhenRevokedThenHandshakeExceptionWithMessageKey() {
        server.answer(r -> Answer.json("{\"error\":\"mwoauthdatastore-access-token-not-found\",\"message\":"
                + "\"No approved grant was found for that authorization token.\"}"));

        StepVerifier.create(handshake().identify(new AccessToken("at", "as")))
                .expectErrorSatisfies(e -> assertThat(((HandshakeException) e).messageKey())
                        .isEqualTo("mwoauthdatastore-access-token-not-found"))
                .verify(BOUND);
    }

    @Test
    void currentUserWhenLiveAndRevokedThenEmptyAndStoreCleared() {
        server.answer(r -> Answer.json("{\"error\":\"mwoauthdatastore-access-token-not-found\",\"message\":"
                + "\"No approved grant was found for that authorization token.\"}"));
        ReactiveMediaWikiClient client = ReactiveMediaWikiClient.builder().wiki(server.scriptPath())
                .consumer(TestJwts.CONSUMER).accessToken("at", "as").build();

        StepVerifier.create(client.currentUser(Freshness.LIVE)).verifyComplete();
        StepVerifier.create(client.tokenStore().load()).verifyComplete();
    }

    @Test
    void currentUserWhenLiveAndRevokedAsErrorTextThenEmptyAndStoreCleared() {
        server.answer(r -> Answer.text("Error: An error occurred in the OAuth protocol: "
                + "No approved grant was found for that authorization token."));
        ReactiveMediaWikiClient client = ReactiveMediaWikiClient.builder().wiki(server.scriptPath())
                .consumer(TestJwts.CONSUMER).accessToken("at", "as").build();

        StepVerifier.create(client.currentUser(Freshness.LIVE)).verifyComplete();
        StepVerifier.create(client.tokenStore().load()).verifyComplete();
    }

    @Test
    void currentUserWhenLiveAndIdentifyRefusedForAnotherReasonThenErrorAndStoreKept() {
        server.answer(r -> Answer.json("{\"error\":\"mwoauth-invalid-authorization\",\"message\":"
                + "\"The authorization headers in your request are not valid: Invalid signature\"}"));
        ReactiveMediaWikiClient client = ReactiveMediaWikiClient.builder().wiki(server.scriptPath())
                .consumer(TestJwts.CONSUMER).accessToken("at", "as").build();

        StepVerifier.create(client.currentUser(Freshness.LIVE))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOfSatisfying(HandshakeException.class,
                        h -> assertThat(h.messageKey()).isEqualTo("mwoauth-invalid-authorization")))
                .verify(BOUND);
        StepVerifier.create(client.tokenStore().load()).expectNextCount(1).verifyComplete();
    }

    @Test
    void currentUserWhenLiveAndIdentifyErrorTextOfAnotherCodeThenErrorAndStoreKept() {
        server.answer(r -> Answer.text("Error: An error occurred in the OAuth protocol: Invalid nonce\n\n"
                + "&lt;span class=&quot;plainlinks mw-mwoautherror-details&quot;&gt;Nonce already used, "
                + "<a class=\"external\" href=\"https://www.mediawiki.org/wiki/Help:OAuth/Errors#E007\">E007</a>"
                + "&lt;/span&gt;"));
        ReactiveMediaWikiClient client = ReactiveMediaWikiClient.builder().wiki(server.scriptPath())
                .consumer(TestJwts.CONSUMER).accessToken("at", "as").build();

        StepVerifier.create(client.currentUser(Freshness.LIVE))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOfSatisfying(HandshakeException.class,
                        h -> assertThat(h.errorCode()).isEqualTo("E007")))
                .verify(BOUND);
        StepVerifier.create(client.tokenStore().load()).expectNextCount(1).verifyComplete();
    }

    @Test
    void currentUserWhenLiveAndIdentifyHttp503ThenWikiUnavailableAndStoreKept() {
        server.answer(r -> unavailable("<html><body>Service Unavailable</body></html>"));
        ReactiveMediaWikiClient client = ReactiveMediaWikiClient.builder().wiki(server.scriptPath())
                .consumer(TestJwts.CONSUMER).accessToken("at", "as").build();

        StepVerifier.create(client.currentUser(Freshness.LIVE)).expectErrorSatisfies(OAuth1HandshakeTests::assertHttp503)
                .verify(BOUND);
        StepVerifier.create(client.tokenStore().load()).expectNextCount(1).verifyComplete();
    }

    @Test
    void currentUserWhenCachedThenNoSecondCall() {
        server.answer(r -> {
            String nonce = oauth(r).stream().filter(p -> p.name().equals("oauth_nonce")).findFirst().orElseThrow()
                    .value();
            return Answer.json(TestJwts.hs256(TestJwts.claims(Instant.now())
                    .issuer(server.scriptPath().replace("/w", "")).claim("nonce", nonce).build()));
        });
        ReactiveMediaWikiClient client = ReactiveMediaWikiClient.builder().wiki(server.scriptPath())
                .consumer(TestJwts.CONSUMER).accessToken("at", "as").build();

        StepVerifier.create(client.currentUser(Freshness.CACHED)).expectNextCount(1).verifyComplete();
        StepVerifier.create(client.currentUser(Freshness.CACHED)).expectNextCount(1).verifyComplete();
        assertThat(server.requests).hasSize(1);
        StepVerifier.create(client.currentUser(Freshness.LIVE)).expectNextCount(1).verifyComplete();
        assertThat(server.requests).hasSize(2);
    }
}
