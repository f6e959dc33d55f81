package io.github.mwoauth;

import io.github.mwoauth.login.AuthorizedUser;
import io.github.mwoauth.login.LoginRedirect;
import io.github.mwoauth.login.PendingLogin;
import io.github.mwoauth.login.TokenStore;
import io.github.mwoauth.oauth2.OAuth2Login;
import io.github.mwoauth.oauth2.OAuth2Exception;
import io.github.mwoauth.oauth2.OAuth2Handshake;
import io.github.mwoauth.oauth2.OAuth2Tokens;
import io.github.mwoauth.HandshakeException;
import io.github.mwoauth.RecordingServer;
import io.github.mwoauth.WikiUnavailableException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mwoauth.RecordingServer.Answer;
import io.github.mwoauth.http.FormEncoding;
import io.github.mwoauth.http.Parameter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** The OAuth 2.0 handshake's requests and its reading of every answer shape (mediawiki-oauth-wire §8-§9). */
class OAuth2HandshakeTests {

    private static final Duration BOUND = Duration.ofSeconds(10);
    private static final Instant NOW = Instant.parse("2026-11-28T03:00:00Z");
    private static final String TOKENS = "{\"token_type\":\"Bearer\",\"expires_in\":3600,\"access_token\":\"a.b.c\","
            + "\"refresh_token\":\"def502aa\"}";

    private final RecordingServer server = new RecordingServer();

    @AfterEach
    void stop() {
        server.close();
    }

    private OAuth2Handshake handshake(String secret) {
        return OAuth2Login.builder().wiki(server.scriptPath()).clientId("cid").clientSecret(secret)
                .userAgent("Test/1.0 (t@example.org)").clock(Clock.fixed(NOW, ZoneOffset.UTC)).timeout(BOUND).build().handshake();
    }

    private static PendingLogin pending() {
        return new PendingLogin("s".repeat(32), "v".repeat(64), "/", NOW);
    }

    private List<Parameter> form(int i) {
        return FormEncoding.parse(server.requests.get(i).body());
    }

    @Test
    void s256WhenRfc7636AppendixBVectorThenItsChallenge() {
        assertThat(OAuth2Handshake.s256("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"))
                .isEqualTo("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
    }

    @Test
    void authorizeWhenCalledThenFreshStateAndS256ChallengeAndNoRequest() {
        OAuth2Handshake h = OAuth2Login.builder().wiki(server.scriptPath()).clientId("cid").scopes("basic", "editpage")
                .redirectUri("http://127.0.0.1:5000/cb").build().handshake();
        OAuth2Handshake noRedirect = OAuth2Login.builder().wiki(server.scriptPath()).clientId("cid").build().handshake();
        LoginRedirect a = h.authorize().block(BOUND);
        LoginRedirect b = noRedirect.authorize().block(BOUND);
        assertThat(a).isNotNull();
        assertThat(b).isNotNull();
        assertThat(a.key()).matches("[0-9a-f]{32}").isNotEqualTo(b.key());
        assertThat(a.secret()).matches("[0-9a-f]{64}").isNotEqualTo(b.secret());
        assertThat(a.authorizeUrl()).hasToString(server.scriptPath() + "/rest.php/oauth2/authorize?response_type=code"
                + "&client_id=cid&state=" + a.key() + "&redirect_uri=http%3A%2F%2F127.0.0.1%3A5000%2Fcb"
                + "&code_challenge=" + OAuth2Handshake.s256(a.secret()) + "&code_challenge_method=S256"
                + "&scope=basic%20editpage");
        assertThat(b.authorizeUrl().toString()).doesNotContain("redirect_uri");
        assertThat(a.toString()).doesNotContain(a.key()).doesNotContain(a.secret());
        assertThat(server.requests).isEmpty();
    }

    @Test
    void exchangeWhenStateDiffersThenHandshakeExceptionAndNothingSent() {
        StepVerifier.create(handshake("sec").exchange(pending(), "t".repeat(32), "def502"))
                .expectErrorSatisfies(e -> assertThat(e).isExactlyInstanceOf(HandshakeException.class)
                        .hasMessageContaining("state"))
                .verify(BOUND);
        StepVerifier.create(handshake("sec").exchange(pending(), null, "def502"))
                .expectError(HandshakeException.class).verify(BOUND);
        assertThat(server.requests).isEmpty();
    }

    @Test
    void exchangeWhenWikiAnswersTokensThenTokensAndTheFormCarriesVerifierAndSecret() {
        server.answer(r -> Answer.json(TOKENS));
        StepVerifier.create(handshake("sec").exchange(pending(), "s".repeat(32), "def502code")).assertNext(t -> {
            assertThat(t.accessToken()).isEqualTo("a.b.c");
            assertThat(t.refreshToken()).isEqualTo("def502aa");
            assertThat(t.expiresAt()).isEqualTo(NOW.plusSeconds(3600));
            assertThat(t.toString()).doesNotContain("a.b.c").doesNotContain("def502aa");
        }).verifyComplete();
        RecordingServer.Recorded r = server.requests.get(0);
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.uri()).isEqualTo("/w/rest.php/oauth2/access_token");
        assertThat(r.headers().get("Authorization")).isNull();
        assertThat(form(0)).containsExactly(Parameter.of("grant_type", "authorization_code"),
                Parameter.of("code", "def502code"), Parameter.of("code_verifier", "v".repeat(64)),
                Parameter.of("client_id", "cid"), Parameter.of("client_secret", "sec"));
    }

    @Test
    void refreshWhenAnswerHasNoRefreshTokenThenTheOldOneStays() {
        server.answer(r -> Answer.json("{\"token_type\":\"bearer\",\"access_token\":\"x.y.z\"}"));
        OAuth2Tokens old = new OAuth2Tokens("a.b.c", "def502old", NOW);
        StepVerifier.create(handshake(null).refresh(old)).assertNext(t -> {
            assertThat(t.refreshToken()).isEqualTo("def502old");
            assertThat(t.expiresAt()).isEqualTo(Instant.MAX);
        }).verifyComplete();
        assertThat(form(0)).containsExactly(Parameter.of("grant_type", "refresh_token"),
                Parameter.of("refresh_token", "def502old"), Parameter.of("client_id", "cid"));
        assertThatThrownBy(() -> handshake(null).refresh(OAuth2Tokens.ownerOnly("t")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tokenWhenWikiRefusesThenOAuth2ExceptionWithErrorHintAndStatus() {
        server.answer(r -> new Answer(400, "application/json", "{\"error\":\"invalid_request\",\"error_description\":"
                + "\"The request is missing a required parameter.\",\"hint\":\"Invalid redirect URI\",\"message\":"
                + "\"The request is missing a required parameter.\"}", Duration.ZERO, java.util.Map.of()));
        StepVerifier.create(handshake("sec").exchange(pending(), "s".repeat(32), "c"))
                .expectErrorSatisfies(e -> {
                    assertThat(e).isInstanceOf(OAuth2Exception.class);
                    OAuth2Exception o = (OAuth2Exception) e;
                    assertThat(o.error()).isEqualTo("invalid_request");
                    assertThat(o.messageKey()).isEqualTo("invalid_request");
                    assertThat(o.hint()).isEqualTo("Invalid redirect URI");
                    assertThat(o.status()).isEqualTo(400);
                    assertThat(o.step()).isEqualTo("token");
                }).verify(BOUND);
    }

    @Test
    void tokenWhenErrorBodyThenRefusalOnlyOn2xxAnd4xx() {
        server.answer(r -> Answer.json("{\"error\":\"invalid_grant\",\"message\":\"The grant is gone.\"}"));
        StepVerifier.create(handshake("sec").exchange(pending(), "s".repeat(32), "c"))
                .expectErrorSatisfies(e -> {
                    OAuth2Exception o = (OAuth2Exception) e;
                    assertThat(o.error()).isEqualTo("invalid_grant");
                    assertThat(o.description()).isEqualTo("The grant is gone.");
                    assertThat(o.status()).isEqualTo(200);
                }).verify(BOUND);
        server.answer(r -> new Answer(499, "application/json", "{\"error\":\"invalid_client\"}", Duration.ZERO,
                java.util.Map.of()));
        StepVerifier.create(handshake("sec").exchange(pending(), "s".repeat(32), "c"))
                .expectErrorSatisfies(e -> assertThat(((OAuth2Exception) e).status()).isEqualTo(499)).verify(BOUND);
        server.answer(r -> new Answer(500, "application/json", "{\"error\":\"server_error\"}", Duration.ZERO,
                java.util.Map.of()));
        StepVerifier.create(handshake("sec").exchange(pending(), "s".repeat(32), "c"))
                .expectErrorSatisfies(e -> assertThat(((WikiUnavailableException) e).kind())
                        .isEqualTo(WikiUnavailableException.Kind.HTTP_ERROR)).verify(BOUND);
    }

    @Test
    void identifyWhenProfileUnavailableThenErrorAndTheStoreKept() {
        server.answer(r -> new Answer(503, "text/html", "<h1>503</h1>", Duration.ZERO, java.util.Map.of()));
        AtomicBoolean cleared = new AtomicBoolean();
        TokenStore store = new TokenStore() {
            @Override
            public Mono<AuthorizedUser> load() {
                return Mono.empty();
            }

            @Override
            public Mono<Void> saveIdentity(MediaWikiIdentity identity) {
                return Mono.empty();
            }

            @Override
            public Mono<Void> clear() {
                return Mono.fromRunnable(() -> cleared.set(true));
            }
        };
        OAuth2Login login = OAuth2Login.builder().wiki(server.scriptPath()).clientId("cid").clientSecret("sec")
                .userAgent("Test/1.0 (t@example.org)").clock(Clock.fixed(NOW, ZoneOffset.UTC)).timeout(BOUND).build();
        StepVerifier.create(login.identify(new OAuth2Tokens("a.b.c", null, Instant.MAX), store))
                .expectError(WikiUnavailableException.class).verify(BOUND);
        assertThat(cleared).isFalse();
    }

    @Test
    void tokenWhenServerErrorOrGarbageThenWikiUnavailable() {
        server.answer(r -> new Answer(503, "text/html", "<h1>503</h1>", Duration.ZERO, java.util.Map.of()));
        StepVerifier.create(handshake("sec").exchange(pending(), "s".repeat(32), "c"))
                .expectErrorSatisfies(e -> assertThat(((WikiUnavailableException) e).kind())
                        .isEqualTo(WikiUnavailableException.Kind.HTTP_ERROR)).verify(BOUND);
        server.answer(r -> Answer.text("<br />Fatal error"));
        StepVerifier.create(handshake("sec").exchange(pending(), "s".repeat(32), "c"))
                .expectErrorSatisfies(e -> assertThat(((WikiUnavailableException) e).kind())
                        .isEqualTo(WikiUnavailableException.Kind.MALFORMED_RESPONSE)).verify(BOUND);
        server.answer(r -> Answer.json("{\"token_type\":\"mac\",\"access_token\":\"x\"}"));
        StepVerifier.create(handshake("sec").exchange(pending(), "s".repeat(32), "c"))
                .expectError(WikiUnavailableException.class).verify(BOUND);
    }

    @Test
    void tokenWhenWikiTooSlowThenTimeout() {
        server.answer(r -> Answer.json(TOKENS).after(Duration.ofSeconds(3)));
        OAuth2Handshake slow = OAuth2Login.builder().wiki(server.scriptPath()).clientId("cid")
                .timeout(Duration.ofMillis(300)).build().handshake();
        StepVerifier.create(slow.exchange(pending(), "s".repeat(32), "c"))
                .expectErrorSatisfies(e -> assertThat(((WikiUnavailableException) e).kind())
                        .isEqualTo(WikiUnavailableException.Kind.TIMEOUT)).verify(BOUND);
    }

    @Test
    void profileWhenJsonLabelledTextHtmlThenIdentity() {
        server.answer(r -> new Answer(200, "text/html; charset=UTF-8", "{\"sub\":\"3\",\"username\":\"TestUser\","
                + "\"editcount\":7,\"confirmed_email\":true,\"blocked\":false,\"registered\":\"20261128031233\","
                + "\"groups\":[\"*\",\"user\"],\"rights\":[\"read\"],\"grants\":[\"basic\",\"editpage\"]}",
                Duration.ZERO, java.util.Map.of()));
        StepVerifier.create(handshake("sec").profile(new OAuth2Tokens("a.b.c", null, NOW))).assertNext(id -> {
            assertThat(id.sub()).isEqualTo("3");
            assertThat(id.username()).isEqualTo("TestUser");
            assertThat(id.editCount()).isEqualTo(7);
            assertThat(id.confirmedEmail()).isTrue();
            assertThat(id.registered()).isEqualTo(Instant.parse("2026-11-28T03:12:33Z"));
            assertThat(id.grants()).containsExactly("basic", "editpage");
            assertThat(id.claims()).containsEntry("username", "TestUser");
        }).verifyComplete();
        RecordingServer.Recorded r = server.requests.get(0);
        assertThat(r.method()).isEqualTo("GET");
        assertThat(r.uri()).isEqualTo("/w/rest.php/oauth2/resource/profile");
        assertThat(r.headers().get("Authorization")).isEqualTo("Bearer a.b.c");
        assertThat(r.headers().get("User-Agent")).startsWith("Test/1.0 (t@example.org) mwoauth-webflux/");
    }

    @Test
    void tokensWhenCloseToExpiryThenExpiredWithinSkew() {
        OAuth2Tokens t = new OAuth2Tokens("a", "r", NOW.plusSeconds(60));
        assertThat(t.isExpired(Clock.fixed(NOW, ZoneOffset.UTC), Duration.ZERO)).isFalse();
        assertThat(t.isExpired(Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofSeconds(60))).isTrue();
        assertThat(t.isExpired(Clock.fixed(NOW.plusSeconds(61), ZoneOffset.UTC), Duration.ZERO)).isTrue();
        assertThat(OAuth2Tokens.ownerOnly("a").isExpired(Clock.fixed(Instant.MAX.minusSeconds(1), ZoneOffset.UTC),
                Duration.ofDays(1))).isFalse();
        assertThat(t.authorizationHeader()).isEqualTo("Bearer a");
    }
}
