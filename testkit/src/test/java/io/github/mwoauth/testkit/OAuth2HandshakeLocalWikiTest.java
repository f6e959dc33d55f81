package io.github.mwoauth.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mwoauth.HandshakeException;
import io.github.mwoauth.MediaWikiIdentity;
import io.github.mwoauth.login.LoginRedirect;
import io.github.mwoauth.login.PendingLogin;
import io.github.mwoauth.oauth2.OAuth2Login;
import io.github.mwoauth.oauth2.OAuth2Exception;
import io.github.mwoauth.oauth2.OAuth2Handshake;
import io.github.mwoauth.oauth2.OAuth2Tokens;
import java.time.Duration;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * core's {@link OAuth2Handshake} against LocalWiki over loopback HTTP, under BlockHound: the whole flow, refresh,
 * state and PKCE tampering, redirect_uri rules, codes, client authentication, the profile, and what api.php says
 * to a bearer token that expired, in both the plain wiki's and Wikimedia's edge manner.
 */
class OAuth2HandshakeLocalWikiTest extends WikiTest {

    static final String REDIRECT = "http://127.0.0.1:5000/oauth2-callback";
    static final Duration BOUND = Duration.ofSeconds(10);

    LocalWiki wiki;
    OAuth2Client confidential;
    OAuth2Client publicClient;

    @BeforeAll
    static void blockHound() {
        NonBlockingTest.installBlockHound();
    }

    @BeforeEach
    void clients() {
        NonBlockingTest.VIOLATIONS.clear();
        wiki = f.wiki;
        confidential = wiki.registerConfidentialClient("Example Tool 2", REDIRECT);
        publicClient = wiki.registerPublicClient("Public Tool", REDIRECT);
    }

    OAuth2Handshake handshake(OAuth2Client c, @Nullable String secret, @Nullable String redirectUri) {
        return OAuth2Login.builder().endpoints(wiki.endpoints()).clientId(c.clientId()).clientSecret(secret)
                .redirectUri(redirectUri).userAgent("OAuth2Test/1.0 (test@example.org)").clock(clock).timeout(BOUND)
                .build().handshake();
    }

    OAuth2Handshake handshake(OAuth2Client c, @Nullable String secret) {
        return handshake(c, secret, REDIRECT);
    }

    /** What the routes keep of a started login. */
    PendingLogin kept(LoginRedirect redirect) {
        return redirect.pending("/", clock.instant());
    }

    OAuth2Handshake handshake(OAuth2Client c) {
        return handshake(c, c.clientSecret());
    }

    LoginRedirect authorize(OAuth2Handshake h) {
        LoginRedirect pending = h.authorize().block(BOUND);
        assertThat(pending).isNotNull();
        return pending;
    }

    <T> T await(Mono<T> mono) {
        T value = mono.block(BOUND);
        assertThat(value).isNotNull();
        return value;
    }

    OAuth2Tokens login(OAuth2Client c) {
        OAuth2Handshake h = handshake(c);
        LoginRedirect pending = authorize(h);
        AuthorizationCodeGrant grant = wiki.approveOAuth2(pending.authorizeUrl(), "Alice");
        return await(h.exchange(kept(pending), grant.state(), grant.code()));
    }

    static void expectOAuth2(Mono<?> mono, String error, @Nullable String hint) {
        StepVerifier.create(mono).expectErrorSatisfies(e -> {
            assertThat(e).isInstanceOf(OAuth2Exception.class);
            OAuth2Exception o = (OAuth2Exception) e;
            assertThat(o.error()).isEqualTo(error);
            if (hint != null) {
                assertThat(o.hint()).isEqualTo(hint);
            }
        }).verify(BOUND);
    }

    WireClient.Response api(OAuth2Tokens tokens) {
        return client.get(wiki.apiUrl() + "?action=query&meta=userinfo&format=json", "Authorization",
                tokens.authorizationHeader());
    }

    @Test
    void fullFlowWhenUserAllowsThenTokensProfileAndApiAsTheUser() {
        OAuth2Handshake h = handshake(confidential);
        LoginRedirect pending = authorize(h);
        AuthorizationCodeGrant grant = wiki.approveOAuth2(pending.authorizeUrl(), "Alice");
        assertThat(grant.state()).isEqualTo(pending.key());
        assertThat(grant.redirectUrl()).startsWith(REDIRECT + "?code=def502");

        OAuth2Tokens tokens = await(h.exchange(kept(pending), grant.state(), grant.code()));
        assertThat(tokens.refreshToken()).startsWith("def502");
        assertThat(tokens.expiresAt()).isEqualTo(clock.instant().plusSeconds(3600));
        assertThat(tokens.isExpired(clock, Duration.ofSeconds(30))).isFalse();

        MediaWikiIdentity me = await(h.profile(tokens));
        assertThat(me.username()).isEqualTo("Alice");
        assertThat(me.sub()).isEqualTo(Long.toString(wiki.user("Alice").id()));
        assertThat(me.grants()).containsExactly("basic", "editpage", "highvolume");
        assertThat(me.registered()).isNotNull();

        assertThat(api(tokens).body()).contains("\"name\":\"Alice\"");
        assertThat(NonBlockingTest.VIOLATIONS).isEmpty();
    }

    @Test
    void browserFlowWhenFollowedThroughConsentPageThenExchangeWorks() {
        OAuth2Handshake h = handshake(publicClient, null, null);
        LoginRedirect pending = authorize(h);
        WireClient.Response approve = client.get(pending.authorizeUrl() + "&as=Bob");
        assertThat(approve.status()).isEqualTo(307);
        assertThat(client.get(approve.header("Location")).body()).contains("Public Tool", "Hi Bob");
        // the Cancel button never sends the user back: the wiki's own error page, the pending login stays unused
        String denied = wiki.denyOAuth2(pending.authorizeUrl());
        assertThat(denied).doesNotStartWith(REDIRECT);
        assertThat(client.get(denied + "&as=Bob").body()).contains("Application Connection Error");
        AuthorizationCodeGrant grant = wiki.approveOAuth2(pending.authorizeUrl(), "Bob");
        assertThat(grant.redirectUrl()).startsWith(REDIRECT + "?code=");
        OAuth2Tokens tokens = await(h.exchange(kept(pending), WireClient.query(grant.redirectUrl(), "state"),
                WireClient.query(grant.redirectUrl(), "code")));
        assertThat(await(h.profile(tokens)).username()).isEqualTo("Bob");
    }

    @Test
    void exchangeWhenStateTamperedThenRefusedBeforeAnyRequest() {
        OAuth2Handshake h = handshake(confidential);
        LoginRedirect pending = authorize(h);
        AuthorizationCodeGrant grant = wiki.approveOAuth2(pending.authorizeUrl(), "Alice");
        wiki.reset();
        String tampered = pending.key().substring(1) + (pending.key().charAt(0) == 'a' ? 'b' : 'a');
        StepVerifier.create(h.exchange(kept(pending), tampered, grant.code()))
                .expectErrorSatisfies(e -> assertThat(e).isExactlyInstanceOf(HandshakeException.class)
                        .hasMessageContaining("state"))
                .verify(BOUND);
        assertThat(wiki.requestCount()).isZero();
        // the code was not spent: the genuine callback still works
        assertThat(await(h.exchange(kept(pending), grant.state(), grant.code())).accessToken()).isNotEmpty();
    }

    @Test
    void exchangeWhenVerifierTamperedThenInvalidGrant() {
        OAuth2Handshake h = handshake(publicClient);
        LoginRedirect pending = authorize(h);
        AuthorizationCodeGrant grant = wiki.approveOAuth2(pending.authorizeUrl(), "Alice");
        LoginRedirect forged = new LoginRedirect(pending.authorizeUrl(), pending.key(),
                new StringBuilder(pending.secret()).reverse().toString());
        expectOAuth2(h.exchange(kept(forged), grant.state(), grant.code()), "invalid_grant",
                "Failed to verify `code_verifier`.");
    }

    @Test
    void exchangeWhenRedirectUriSentToTokenButNotToAuthorizeThenInvalidRequest() {
        OAuth2Handshake h = handshake(confidential, confidential.clientSecret(), null);
        LoginRedirect pending = authorize(h);
        AuthorizationCodeGrant grant = wiki.approveOAuth2(pending.authorizeUrl(), "Alice");
        StepVerifier.create(handshake(confidential).exchange(kept(pending), grant.state(), grant.code()))
                .expectErrorSatisfies(e -> {
            OAuth2Exception o = (OAuth2Exception) e;
            assertThat(o.error()).isEqualTo("invalid_request");
            assertThat(o.hint()).isEqualTo("Invalid redirect URI");
            assertThat(o.status()).isEqualTo(400);
            assertThat(o.step()).isEqualTo("token");
        }).verify(BOUND);
        // sent to neither: fine
        assertThat(await(h.exchange(kept(pending), grant.state(), grant.code())).accessToken()).isNotEmpty();
    }

    @Test
    void exchangeWhenCodeExpiredOrReusedThenInvalidRequest() {
        OAuth2Handshake h = handshake(confidential);
        LoginRedirect pending = authorize(h);
        AuthorizationCodeGrant grant = wiki.approveOAuth2(pending.authorizeUrl(), "Alice");
        await(h.exchange(kept(pending), grant.state(), grant.code()));
        expectOAuth2(h.exchange(kept(pending), grant.state(), grant.code()), "invalid_request",
                "Authorization code has been revoked");

        LoginRedirect later = authorize(h);
        AuthorizationCodeGrant stale = wiki.approveOAuth2(later.authorizeUrl(), "Alice");
        clock.advance(Duration.ofMinutes(10).plusSeconds(1));
        expectOAuth2(h.exchange(kept(later), stale.state(), stale.code()), "invalid_request", "Authorization code has expired");
    }

    @Test
    void exchangeWhenClientSecretWrongThenInvalidClient401() {
        OAuth2Handshake wrong = handshake(confidential, "0".repeat(40));
        LoginRedirect pending = authorize(wrong);
        AuthorizationCodeGrant grant = wiki.approveOAuth2(pending.authorizeUrl(), "Alice");
        StepVerifier.create(wrong.exchange(kept(pending), grant.state(), grant.code())).expectErrorSatisfies(e -> {
            OAuth2Exception o = (OAuth2Exception) e;
            assertThat(o.error()).isEqualTo("invalid_client");
            assertThat(o.description()).isEqualTo("Client authentication failed");
            assertThat(o.status()).isEqualTo(401);
        }).verify(BOUND);
    }

    @Test
    void refreshWhenAccessTokenExpiredThenNewTokensWork() {
        OAuth2Handshake h = handshake(confidential);
        OAuth2Tokens tokens = login(confidential);
        clock.advance(Duration.ofHours(1));
        assertThat(tokens.isExpired(clock, Duration.ZERO)).isTrue();
        assertThat(api(tokens).body()).contains("mwoauth-invalid-authorization");

        OAuth2Tokens fresh = await(h.refresh(tokens));
        assertThat(fresh.accessToken()).isNotEqualTo(tokens.accessToken());
        assertThat(fresh.refreshToken()).isNotEqualTo(tokens.refreshToken());
        assertThat(fresh.isExpired(clock, Duration.ZERO)).isFalse();
        assertThat(api(fresh).body()).contains("\"name\":\"Alice\"");
        // rotation: the old refresh token is spent
        expectOAuth2(h.refresh(tokens), "invalid_request", "Token has been revoked");
        assertThat(NonBlockingTest.VIOLATIONS).isEmpty();
    }

    @Test
    void apiWhenTokenExpiredEarlyThenPlainWikiSays200InvalidAuthorizationAndRefreshRecovers() {
        OAuth2Tokens tokens = login(confidential);
        assertThat(wiki.expireOAuth2AccessTokens("Alice")).isEqualTo(1);
        assertThat(tokens.isExpired(clock, Duration.ZERO)).isFalse();
        WireClient.Response r = api(tokens);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("MediaWiki-API-Error")).isEqualTo("mwoauth-invalid-authorization");
        assertThat(r.body()).contains("Invalid access token");
        assertThat(api(await(handshake(confidential).refresh(tokens))).body()).contains("\"name\":\"Alice\"");
    }

    @Test
    void apiWhenTokenExpiredAtWikimediaEdgeThen401InvalidTokenAndRefreshRecovers() {
        wiki.wikimediaEdge(true);
        OAuth2Tokens tokens = login(confidential);
        wiki.expireOAuth2AccessTokens("Alice");
        WireClient.Response r = api(tokens);
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.header("WWW-Authenticate")).contains("invalid_token");
        assertThat(api(await(handshake(confidential).refresh(tokens))).status()).isEqualTo(200);
    }

    @Test
    void profileWhenRevokedThenAccessDenied401AndRefreshRefused() {
        OAuth2Handshake h = handshake(confidential);
        OAuth2Tokens tokens = login(confidential);
        wiki.revokeOAuth2("Alice", confidential);
        StepVerifier.create(h.profile(tokens)).expectErrorSatisfies(e -> {
            OAuth2Exception o = (OAuth2Exception) e;
            assertThat(o.error()).isEqualTo("access_denied");
            assertThat(o.status()).isEqualTo(401);
            assertThat(o.step()).isEqualTo("profile");
        }).verify(BOUND);
        expectOAuth2(h.refresh(tokens), "invalid_request", "Token has been revoked");
    }

    @Test
    void ownerOnlyClientWhenTokenUsedThenProfileIsTheOwner() {
        OAuth2Client bot = wiki.registerOwnerOnlyClient("Bot", "Bob");
        OAuth2Tokens tokens = OAuth2Tokens.ownerOnly(String.valueOf(bot.ownerAccessToken()));
        assertThat(await(handshake(bot).profile(tokens)).username()).isEqualTo("Bob");
    }

    @Test
    void profileWhenWikiIsDownThenWikiUnavailable() {
        OAuth2Tokens tokens = login(confidential);
        wiki.faults(Endpoint.OAUTH2_RESOURCE).status(503);
        Consumer<Throwable> unavailable = e -> assertThat(e).isInstanceOf(io.github.mwoauth.WikiUnavailableException.class);
        StepVerifier.create(handshake(confidential).profile(tokens)).expectErrorSatisfies(unavailable).verify(BOUND);
        assertThat(wiki.requestCount(Endpoint.OAUTH2_RESOURCE)).isEqualTo(1);
    }
}
