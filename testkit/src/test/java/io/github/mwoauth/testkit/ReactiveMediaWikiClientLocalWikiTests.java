package io.github.mwoauth.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mwoauth.oauth1.AccessToken;
import io.github.mwoauth.Freshness;
import io.github.mwoauth.HandshakeException;
import io.github.mwoauth.IdentityVerificationException;
import io.github.mwoauth.IdentityVerificationException.Check;
import io.github.mwoauth.InvalidAuthorizationException;
import io.github.mwoauth.LoginRequiredException;
import io.github.mwoauth.MediaWikiApiException;
import io.github.mwoauth.MediaWikiEndpoints;
import io.github.mwoauth.MediaWikiIdentity;
import io.github.mwoauth.oauth1.OAuth1Handshake;
import io.github.mwoauth.login.LoginRedirect;
import io.github.mwoauth.oauth1.OAuth1Login;
import io.github.mwoauth.oauth1.RequestToken;
import io.github.mwoauth.ReactiveMediaWikiClient;
import io.github.mwoauth.WikiUnavailableException;
import io.github.mwoauth.WikiUnavailableException.Kind;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;

/** The core client end to end against the emulator: handshake, identity, signed API calls and every fault. */
class ReactiveMediaWikiClientLocalWikiTests {

    private static final Duration BOUND = Duration.ofSeconds(10);

    private final MutableClock clock = MutableClock.startingNow();

    @RegisterExtension
    final LocalWikiExtension extension = LocalWikiExtension.create(b -> b.clock(clock));

    private LocalWiki wiki;
    private Consumer tool;

    @BeforeEach
    void setUp() {
        wiki = extension.get();
        wiki.registerUser(WikiUser.named("Alice").editCount(2)
                .contribution("Sandbox", 101, Instant.parse("2026-11-01T10:00:00Z"), "first")
                .contribution("Main Page", 102, Instant.parse("2026-11-02T10:00:00Z"), "second").build());
        tool = wiki.registerOobConsumer("Example Tool", "http://127.0.0.1:5000/oauth-callback");
    }

    private ReactiveMediaWikiClient.Builder client(Consumer consumer) {
        return ReactiveMediaWikiClient.builder().wiki(wiki.scriptPath()).consumer(consumer.credentials())
                .clock(clock).userAgent("LocalWikiTests/1.0 (tests@example.org)");
    }

    private AccessToken login(OAuth1Handshake handshake, String user) {
        LoginRedirect pending = handshake.initiate().block(BOUND);
        Approval approval = wiki.approve(pending.key(), user);
        return handshake.complete(new RequestToken(pending.key(), pending.secret()), approval.requestToken(), approval.verifier()).block(BOUND);
    }

    @Test
    void handshakeWhenUserAllowsThenAccessTokenIdentityAndSignedCalls() {
        OAuth1Handshake handshake = ((OAuth1Login) client(tool).build().login()).handshake();

        LoginRedirect pending = handshake.initiate().block(BOUND);
        assertThat(pending.authorizeUrl().toString()).startsWith(wiki.indexUrl() + "?title=Special%3AOAuth%2Fauthorize")
                .contains("oauth_token=" + pending.key());
        Approval approval = wiki.approve(pending.key(), "Alice");
        assertThat(approval.callbackUrl()).startsWith("http://127.0.0.1:5000/oauth-callback?oauth_verifier=");
        AccessToken token = handshake.complete(new RequestToken(pending.key(), pending.secret()), approval.requestToken(), approval.verifier())
                .block(BOUND);
        assertThat(token.key()).matches("[0-9a-f]{32}");
        assertThat(token.secret()).matches("[0-9a-f]{40}");

        MediaWikiIdentity identity = handshake.identify(token).block(BOUND);
        assertThat(identity.username()).isEqualTo("Alice");
        assertThat(identity.sub()).isEqualTo(String.valueOf(wiki.user("Alice").id()));
        assertThat(identity.editCount()).isEqualTo(2);

        ReactiveMediaWikiClient alice = client(tool).accessToken(token.key(), token.secret()).build();
        StepVerifier.create(alice.request(Map.of("action", "query", "meta", "userinfo")))
                .assertNext(json -> assertThat(json.at("/query/userinfo/name").asString()).isEqualTo("Alice"))
                .verifyComplete();
        JsonNode contribs = alice.request(Map.of("action", "query", "list", "usercontribs", "ucuser", "Alice"))
                .block(BOUND);
        assertThat(contribs.at("/query/usercontribs")).extracting(c -> c.get("title").asString())
                .containsExactlyInAnyOrder("Sandbox", "Main Page");
    }

    @Test
    void handshakeWhenPrefixConsumerThenVerifierAppendedToOwnCallback() {
        Consumer prefix = wiki.registerPrefixConsumer("Prefix Tool", "http://127.0.0.1:5000/oauth-callback");
        OAuth1Handshake handshake = ((OAuth1Login) client(prefix).build().login()).handshake();

        LoginRedirect pending = handshake.initiate("http://127.0.0.1:5000/oauth-callback?next=%2Fafter")
                .block(BOUND);
        Approval approval = wiki.approve(pending.key(), "Alice");

        assertThat(approval.callbackUrl()).startsWith("http://127.0.0.1:5000/oauth-callback?next=%2Fafter&oauth_verifier=");
        StepVerifier.create(handshake.complete(new RequestToken(pending.key(), pending.secret()), approval.requestToken(), approval.verifier()))
                .expectNextCount(1).verifyComplete();
    }

    @Test
    void initiateWhenOobConsumerSendsCallbackThenWikiMessageDecoded() {
        StepVerifier.create(((OAuth1Login) client(tool).build().login()).handshake().initiate("http://127.0.0.1:5000/oauth-callback"))
                .expectErrorSatisfies(e -> assertThat(((HandshakeException) e).wikiMessage())
                        .isEqualTo("oauth_callback must be set, and must be set to \"oob\" (case-sensitive)"))
                .verify(BOUND);
    }

    @Test
    void completeWhenWrongVerifierThenErrorAndTokenNotBurned() {
        OAuth1Handshake handshake = ((OAuth1Login) client(tool).build().login()).handshake();
        LoginRedirect pending = handshake.initiate().block(BOUND);
        Approval approval = wiki.approve(pending.key(), "Alice");

        StepVerifier.create(handshake.complete(new RequestToken(pending.key(), pending.secret()), approval.requestToken(), "0".repeat(32)))
                .expectErrorSatisfies(e -> assertThat(((HandshakeException) e).wikiMessage())
                        .isEqualTo("The verification code provided was not valid."))
                .verify(BOUND);
        StepVerifier.create(handshake.complete(new RequestToken(pending.key(), pending.secret()), approval.requestToken(), approval.verifier()))
                .expectNextCount(1).verifyComplete();
        StepVerifier.create(handshake.complete(new RequestToken(pending.key(), pending.secret()), approval.requestToken(), approval.verifier()))
                .expectErrorSatisfies(e -> assertThat(((HandshakeException) e).errorCode()).isEqualTo("E009"))
                .verify(BOUND);
    }

    @Test
    void completeWhenRequestTokenOlderThan600SecondsThenRefused() {
        OAuth1Handshake handshake = ((OAuth1Login) client(tool).build().login()).handshake();
        LoginRedirect pending = handshake.initiate().block(BOUND);
        Approval approval = wiki.approve(pending.key(), "Alice");
        clock.advance(Duration.ofSeconds(601));

        StepVerifier.create(handshake.complete(new RequestToken(pending.key(), pending.secret()), approval.requestToken(), approval.verifier()))
                .expectError(HandshakeException.class).verify(BOUND);
    }

    @Test
    void initiateWhenClientSignsAnotherHostThenInvalidSignature() {
        ReactiveMediaWikiClient localhost = ReactiveMediaWikiClient.builder()
                .endpoints(MediaWikiEndpoints.of("http://localhost:" + wiki.port() + "/w"))
                .consumer(tool.credentials()).clock(clock).build();

        StepVerifier.create(((OAuth1Login) localhost.login()).handshake().initiate())
                .expectErrorSatisfies(e -> assertThat(((HandshakeException) e).wikiMessage()).endsWith("Invalid signature"))
                .verify(BOUND);
    }

    @Test
    void initiateWhenClockOffByADayThenExpiredTimestamp() {
        ReactiveMediaWikiClient skewed = client(tool)
                .clock(java.time.Clock.offset(clock, Duration.ofDays(-1))).build();

        StepVerifier.create(((OAuth1Login) skewed.login()).handshake().initiate())
                .expectErrorSatisfies(e -> assertThat(((HandshakeException) e).wikiMessage()).contains("Expired timestamp"))
                .verify(BOUND);
    }

    @Test
    void currentUserWhenGrantRevokedThenLiveCheckEmptiesAndRequestsNeedLogin() {
        ReactiveMediaWikiClient base = client(tool).build();
        AccessToken token = login(((OAuth1Login) base.login()).handshake(), "Alice");
        ReactiveMediaWikiClient alice = base.mutate().accessToken(token.key(), token.secret()).build();
        StepVerifier.create(alice.currentUser(Freshness.LIVE))
                .assertNext(i -> assertThat(i.username()).isEqualTo("Alice")).verifyComplete();

        assertThat(wiki.revoke("Alice", tool)).isTrue();

        StepVerifier.create(alice.currentUser(Freshness.CACHED))
                .assertNext(i -> assertThat(i.username()).isEqualTo("Alice")).verifyComplete();
        StepVerifier.create(alice.currentUser(Freshness.LIVE)).verifyComplete();
        StepVerifier.create(alice.request(Map.of("action", "query", "meta", "userinfo")))
                .expectError(LoginRequiredException.class).verify(BOUND);
    }

    @Test
    void currentUserWhenLiveAfterAnEditThenCachedIdentityIsTheNewOne() {
        ReactiveMediaWikiClient base = client(tool).build();
        AccessToken token = login(((OAuth1Login) base.login()).handshake(), "Alice");
        ReactiveMediaWikiClient alice = base.mutate().accessToken(token.key(), token.secret()).build();
        StepVerifier.create(alice.currentUser(Freshness.CACHED))
                .assertNext(i -> assertThat(i.editCount()).isEqualTo(2)).verifyComplete();
        wiki.createPage("Sandbox", "first");
        alice.requestWithCsrfToken(Map.of("action", "edit", "title", "Sandbox", "text", "third")).block(BOUND);

        StepVerifier.create(alice.currentUser(Freshness.CACHED))
                .assertNext(i -> assertThat(i.editCount()).isEqualTo(2)).verifyComplete();
        StepVerifier.create(alice.currentUser(Freshness.LIVE))
                .assertNext(i -> assertThat(i.editCount()).isEqualTo(3)).verifyComplete();
        long requests = wiki.requestCount();
        StepVerifier.create(alice.currentUser(Freshness.CACHED))
                .assertNext(i -> assertThat(i.editCount()).isEqualTo(3)).verifyComplete();
        StepVerifier.create(alice.tokenStore().load())
                .assertNext(u -> assertThat(u.identity()).extracting(MediaWikiIdentity::editCount).isEqualTo(3L))
                .verifyComplete();
        assertThat(wiki.requestCount()).isEqualTo(requests);
    }

    @Test
    void requestWhenGrantRevokedThenGrantNotFound() {
        AccessToken token = login(((OAuth1Login) client(tool).build().login()).handshake(), "Alice");
        ReactiveMediaWikiClient alice = client(tool).accessToken(token.key(), token.secret()).build();
        wiki.revoke("Alice", tool);

        StepVerifier.create(alice.request(Map.of("action", "query", "meta", "userinfo")))
                .expectErrorSatisfies(e -> assertThat(((InvalidAuthorizationException) e).isGrantRevoked()).isTrue())
                .verify(BOUND);
    }

    @Test
    void requestWhenWrongTokenSecretThenInvalidSignature() {
        AccessToken token = login(((OAuth1Login) client(tool).build().login()).handshake(), "Alice");

        StepVerifier.create(client(tool).accessToken(token.key(), "0".repeat(40)).build()
                .request(Map.of("action", "query", "meta", "userinfo")))
                .expectErrorSatisfies(e -> assertThat(((InvalidAuthorizationException) e).reason())
                        .isEqualTo(InvalidAuthorizationException.Reason.INVALID_SIGNATURE))
                .verify(BOUND);
    }

    @Test
    void requestWhenIdentityOnlyConsumerThenReadApiDenied() {
        Consumer identityOnly = wiki.registerIdentityOnlyConsumer("Who Am I", "http://127.0.0.1:5000/oauth-callback");
        AccessToken token = login(((OAuth1Login) client(identityOnly).build().login()).handshake(), "Alice");

        StepVerifier.create(client(identityOnly).accessToken(token.key(), token.secret()).build()
                .request(Map.of("action", "query", "meta", "userinfo")))
                .expectErrorSatisfies(e -> assertThat(((MediaWikiApiException) e).code()).isEqualTo("readapidenied"))
                .verify(BOUND);
    }

    @Test
    void requestWhenOwnerOnlyConsumerThenNoHandshakeNeeded() {
        Consumer bot = wiki.registerOwnerOnlyConsumer("Alice's bot", "Alice");

        StepVerifier.create(client(bot).accessToken(bot.ownerToken(), bot.ownerSecret()).build()
                .request(Map.of("action", "query", "meta", "userinfo")))
                .assertNext(json -> assertThat(json.at("/query/userinfo/name").asString()).isEqualTo("Alice"))
                .verifyComplete();
    }

    @Test
    void requestWhenEditWithCsrfTokenThenPageSaved() {
        Consumer bot = wiki.registerOwnerOnlyConsumer("Alice's bot", "Alice");
        ReactiveMediaWikiClient alice = client(bot).accessToken(bot.ownerToken(), bot.ownerSecret()).build();
        wiki.createPage("Sandbox", "old");

        String csrf = alice.request(Map.of("action", "query", "meta", "tokens")).block(BOUND)
                .at("/query/tokens/csrftoken").asString();
        StepVerifier.create(alice.request(Map.of("action", "edit", "title", "Sandbox", "text", "new text é",
                "token", csrf))).expectNextCount(1).verifyComplete();
        assertThat(wiki.pageText("Sandbox")).isEqualTo("new text é");

        StepVerifier.create(alice.request(Map.of("action", "edit", "title", "Sandbox", "text", "x", "token", "bad+\\")))
                .expectErrorSatisfies(e -> assertThat(((MediaWikiApiException) e).code()).isEqualTo("badtoken"))
                .verify(BOUND);
    }

    @Test
    void requestWhenLargeEditThenMultipartAccepted() {
        Consumer bot = wiki.registerOwnerOnlyConsumer("Alice's bot", "Alice");
        ReactiveMediaWikiClient alice = client(bot).accessToken(bot.ownerToken(), bot.ownerSecret()).build();
        wiki.createPage("Sandbox", "old");
        String csrf = alice.request(Map.of("action", "query", "meta", "tokens")).block(BOUND)
                .at("/query/tokens/csrftoken").asString();
        String text = "long text ".repeat(2000);

        StepVerifier.create(alice.request(Map.of("action", "edit", "title", "Sandbox", "text", text, "token", csrf)))
                .expectNextCount(1).verifyComplete();
        assertThat(wiki.pageText("Sandbox")).isEqualTo(text);
    }

    @Test
    void requestWhenMaxlagTwiceThenRetriedAndServed() {
        Consumer bot = wiki.registerOwnerOnlyConsumer("Alice's bot", "Alice");
        wiki.faults(Endpoint.API).maxlag(7, 2);

        StepVerifier.create(client(bot).accessToken(bot.ownerToken(), bot.ownerSecret())
                .maxRetryDelay(Duration.ofMillis(50)).build()
                .request(Map.of("action", "query", "meta", "userinfo", "maxlag", 5)))
                .expectNextCount(1).verifyComplete();
        assertThat(wiki.requestCount(Endpoint.API)).isEqualTo(3);
    }

    @Test
    void requestWhenWikiFaultsThenTypedErrorsWithinBound() {
        Consumer bot = wiki.registerOwnerOnlyConsumer("Alice's bot", "Alice");
        ReactiveMediaWikiClient alice = client(bot).accessToken(bot.ownerToken(), bot.ownerSecret())
                .timeout(Duration.ofMillis(500)).maxRetries(0).build();
        Map<String, String> query = Map.of("action", "query", "meta", "userinfo");

        wiki.faults(Endpoint.API).status(503, 1);
        StepVerifier.create(alice.request(query))
                .expectErrorSatisfies(e -> assertThat(((WikiUnavailableException) e).status()).isEqualTo(503))
                .verify(BOUND);
        wiki.faults(Endpoint.API).malformed(1);
        StepVerifier.create(alice.request(query))
                .expectErrorSatisfies(e -> assertThat(((WikiUnavailableException) e).kind()).isEqualTo(Kind.MALFORMED_RESPONSE))
                .verify(BOUND);
        wiki.faults(Endpoint.API).dropConnection(1);
        StepVerifier.create(alice.request(query))
                .expectErrorSatisfies(e -> assertThat(((WikiUnavailableException) e).kind()).isEqualTo(Kind.UNREACHABLE))
                .verify(BOUND);
        wiki.faults(Endpoint.API).latency(Duration.ofSeconds(3));
        StepVerifier.create(alice.request(query))
                .expectErrorSatisfies(e -> assertThat(((WikiUnavailableException) e).kind()).isEqualTo(Kind.TIMEOUT))
                .verify(Duration.ofSeconds(2));
        wiki.clearFaults();
        StepVerifier.create(alice.request(query)).expectNextCount(1).verifyComplete();
    }

    @Test
    void identifyWhenTruncatedJwtThenMalformedCheckNamed() {
        AccessToken token = login(((OAuth1Login) client(tool).build().login()).handshake(), "Alice");
        wiki.faults(Endpoint.IDENTIFY).malformed(1);

        StepVerifier.create(((OAuth1Login) client(tool).build().login()).handshake().identify(token))
                .expectErrorSatisfies(e -> assertThat(((IdentityVerificationException) e).check())
                        .isIn(IdentityVerificationException.Check.MALFORMED, IdentityVerificationException.Check.SIGNATURE))
                .verify(BOUND);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(IdentityForgery.class)
    void identifyWhenJwtForgedThenRejectedByTheCheckItBreaksAndGenuineAfterwards(IdentityForgery forgery) {
        Check check = forgery.check();
        ReactiveMediaWikiClient client = client(tool).build();
        AccessToken token = login(((OAuth1Login) client.login()).handshake(), "Alice");
        wiki.faults(Endpoint.IDENTIFY).forgedIdentity(forgery, 1);

        StepVerifier.create(((OAuth1Login) client.login()).handshake().identify(token))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOfSatisfying(IdentityVerificationException.class,
                        rejected -> assertThat(rejected.check()).isEqualTo(check)))
                .verify(BOUND);
        StepVerifier.create(((OAuth1Login) client.login()).handshake().identify(token))
                .assertNext(identity -> assertThat(identity.username()).isEqualTo("Alice"))
                .expectComplete().verify(BOUND);
    }

    @Test
    void requestAndIdentifyWhenAnswerOfMegabytesThenMalformedResponseNotBuffered() {
        ReactiveMediaWikiClient client = client(tool).maxResponseBytes(1024 * 1024).build();
        AccessToken token = login(((OAuth1Login) client.login()).handshake(), "Alice");
        ReactiveMediaWikiClient alice = client.mutate().accessToken(token.key(), token.secret()).build();
        wiki.faults(Endpoint.API, Endpoint.IDENTIFY).oversized(4 * 1024 * 1024, 2);

        StepVerifier.create(alice.request(Map.of("action", "query", "meta", "userinfo")))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOfSatisfying(WikiUnavailableException.class,
                        w -> assertThat(w.kind()).isEqualTo(Kind.MALFORMED_RESPONSE)))
                .verify(BOUND);
        StepVerifier.create(alice.currentUser(Freshness.LIVE))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOfSatisfying(WikiUnavailableException.class,
                        w -> assertThat(w.kind()).isEqualTo(Kind.MALFORMED_RESPONSE)))
                .verify(BOUND);
        // the same answers under the limit are read whole: the size is what failed, not the shape
        wiki.faults(Endpoint.API).oversized(512 * 1024, 1);
        StepVerifier.create(alice.request(Map.of("action", "query", "meta", "userinfo")))
                .assertNext(json -> assertThat(json.path("padding").asString()).hasSize(512 * 1024 - 14))
                .expectComplete().verify(BOUND);
    }

    @Test
    void requestWhenOtherWikiNotAllowedThenRefusedWithoutSending() {
        Consumer bot = wiki.registerOwnerOnlyConsumer("Alice's bot", "Alice");
        long before = wiki.requestCount();

        StepVerifier.create(client(bot).accessToken(bot.ownerToken(), bot.ownerSecret()).build()
                .request(Map.of("action", "query"), URI.create("https://attacker.example/w/api.php")))
                .expectError(io.github.mwoauth.WikiNotAllowedException.class).verify(BOUND);
        assertThat(wiki.requestCount()).isEqualTo(before);
    }
}
