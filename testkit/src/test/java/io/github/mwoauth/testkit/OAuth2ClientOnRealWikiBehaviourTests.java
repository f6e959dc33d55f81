package io.github.mwoauth.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.github.mwoauth.Freshness;
import io.github.mwoauth.LoginRequiredException;
import io.github.mwoauth.MediaWikiApiException;
import io.github.mwoauth.ReactiveMediaWikiClient;
import io.github.mwoauth.login.AuthorizedUser;
import io.github.mwoauth.login.LoginRedirect;
import io.github.mwoauth.login.TokenStore;
import io.github.mwoauth.oauth2.OAuth2Handshake;
import io.github.mwoauth.oauth2.OAuth2Login;
import io.github.mwoauth.oauth2.OAuth2Tokens;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;

/**
 * The client against what real wikis do with OAuth 2.0 (wire notes §9, §10), over HTTP to LocalWiki: public clients
 * that cannot refresh, refresh tokens refused with 401 {@code invalid_request}, short-lived refresh tokens,
 * {@code client_credentials} bots, and the profile endpoint never called without a token; the refresh paths in both
 * {@link WikiProfile}s.
 */
class OAuth2ClientOnRealWikiBehaviourTests {

    static final String REDIRECT = "http://127.0.0.1:5000/oauth-callback";
    static final Duration BOUND = Duration.ofSeconds(10);
    static final Map<String, String> USERINFO = Map.of("action", "query", "meta", "userinfo");

    final MutableClock clock = MutableClock.startingNow();
    final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    final Logger loginLog = (Logger) LoggerFactory.getLogger(OAuth2Login.class);
    @Nullable LocalWiki wiki;
    @Nullable OAuth2Client web;

    @BeforeAll
    static void blockHound() {
        NonBlockingTest.installBlockHound();
    }

    @BeforeEach
    void captureLogs() {
        NonBlockingTest.VIOLATIONS.clear();
        logs.start();
        loginLog.addAppender(logs);
        loginLog.setLevel(Level.INFO);
    }

    @AfterEach
    void stop() {
        loginLog.detachAppender(logs);
        loginLog.setLevel(null);
        if (wiki != null) {
            wiki.close();
        }
    }

    LocalWiki start(LocalWiki.Builder builder) {
        LocalWiki started = builder.clock(clock).start();
        started.registerUser("Alice");
        started.registerUser("Bob");
        wiki = started;
        return started;
    }

    ReactiveMediaWikiClient client(LocalWiki w, OAuth2Client c, @Nullable String secret) {
        return ReactiveMediaWikiClient.builder().endpoints(w.endpoints()).oauth2Client(c.clientId(), secret)
                .clock(clock).timeout(BOUND).userAgent("OAuth2ClientTest/1.0 (test@example.org)").build();
    }

    /** Alice logs in through the client's handshake; the client then acts with her tokens in a store of its own. */
    ReactiveMediaWikiClient loggedIn(LocalWiki w, ReactiveMediaWikiClient client) {
        OAuth2Handshake h = ((OAuth2Login) client.login()).handshake();
        LoginRedirect pending = h.authorize().block(BOUND);
        AuthorizationCodeGrant grant = w.approveOAuth2(pending.authorizeUrl(), "Alice");
        OAuth2Tokens tokens = h.exchange(pending.pending("/", clock.instant()), grant.state(), grant.code())
                .block(BOUND);
        return client.withTokenStore(TokenStore.fixed(tokens));
    }

    /** Starts the wiki, registers {@link #web} and logs Alice in with its secret. */
    ReactiveMediaWikiClient aliceOnConfidentialClient(LocalWiki.Builder builder) {
        LocalWiki w = start(builder);
        web = w.registerConfidentialClient("Example Tool", REDIRECT);
        return loggedIn(w, client(w, web, web.clientSecret()));
    }

    LocalWiki requireWiki() {
        assertThat(wiki).isNotNull();
        return wiki;
    }

    static String name(JsonNode json) {
        return json.at("/query/userinfo/name").asString();
    }

    List<String> warnings() {
        return logs.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.INFO))
                .map(ILoggingEvent::getFormattedMessage).toList();
    }

    void expectLoginRequired(ReactiveMediaWikiClient client) {
        StepVerifier.create(client.request(USERINFO)).expectError(LoginRequiredException.class).verify(BOUND);
        assertThat(client.tokenStore().load().blockOptional(BOUND)).as("the refused tokens are cleared").isEmpty();
    }

    @ParameterizedTest
    @EnumSource(WikiProfile.class)
    void publicClientWhenRefreshRefusedThenLoggedOutOnlyOnceTheTokenHasExpired(WikiProfile profile) {
        LocalWiki w = start(LocalWiki.builder().profile(profile));
        OAuth2Client app = w.registerPublicClient("Phone App", REDIRECT);
        ReactiveMediaWikiClient client = loggedIn(w, client(w, app, null));
        long tokenCalls = w.requestCount(Endpoint.OAUTH2_TOKEN);

        clock.advance(Duration.ofSeconds(3600 - 25));
        assertThat(name(client.request(USERINFO).block(BOUND))).as("25 s left: still in use").isEqualTo("Alice");
        assertThat(w.requestCount(Endpoint.OAUTH2_TOKEN)).as("no refresh before expiry").isEqualTo(tokenCalls);

        clock.advance(Duration.ofSeconds(30));
        expectLoginRequired(client);
        assertThat(w.requestCount(Endpoint.OAUTH2_TOKEN)).as("one refused refresh").isEqualTo(tokenCalls + 1);
        assertThat(warnings()).anySatisfy(line -> assertThat(line).contains("refused to refresh", "invalid_client",
                "log in again", "public client"));
        assertThat(NonBlockingTest.VIOLATIONS).isEmpty();
    }

    @Test
    void publicClientWhenGivenItsSecretThenRefreshes() {
        LocalWiki w = start(LocalWiki.builder());
        OAuth2Client app = w.registerPublicClient("Phone App", REDIRECT);
        ReactiveMediaWikiClient client = loggedIn(w, client(w, app, app.clientSecret()));
        clock.advance(Duration.ofHours(1));
        assertThat(name(client.request(USERINFO).block(BOUND))).isEqualTo("Alice");
    }

    @ParameterizedTest
    @EnumSource(WikiProfile.class)
    void refreshWhenRefused401InvalidRequestBeforeExpiryThenTokenUsedUntilItExpiresThenLoginRequired(
            WikiProfile profile) {
        ReactiveMediaWikiClient client = aliceOnConfidentialClient(LocalWiki.builder().profile(profile)
                .refreshTokenLifetime(WikiProfile.REL1_39_SHIPPED_REFRESH_TOKEN_LIFETIME));
        LocalWiki w = requireWiki();
        clock.advance(Duration.ofSeconds(3600 - 20));

        assertThat(name(client.request(USERINFO).block(BOUND))).isEqualTo("Alice");
        assertThat(warnings()).anySatisfy(line -> assertThat(line).contains("before they expire",
                "invalid_request, HTTP 401: Token has expired"));

        clock.advance(Duration.ofSeconds(30));
        expectLoginRequired(client);
        assertThat(warnings()).anySatisfy(line -> assertThat(line).contains("log in again")
                .doesNotContain("public client"));
    }

    @ParameterizedTest
    @EnumSource(WikiProfile.class)
    void refreshWhenGrantRevokedThen401TokenRevokedTreatedAsInvalidGrant(WikiProfile profile) {
        ReactiveMediaWikiClient client = aliceOnConfidentialClient(LocalWiki.builder().profile(profile));
        LocalWiki w = requireWiki();
        w.revokeOAuth2("Alice", Objects.requireNonNull(web));
        clock.advance(Duration.ofHours(1));

        expectLoginRequired(client);
        assertThat(warnings()).anySatisfy(line -> assertThat(line).contains("Token has been revoked"));
    }

    @ParameterizedTest
    @EnumSource(WikiProfile.class)
    void requestWhenTheWikiExpiredTheTokenEarlyThenRefreshedOnceAndSentAgain(WikiProfile profile) {
        ReactiveMediaWikiClient client = aliceOnConfidentialClient(LocalWiki.builder().profile(profile));
        LocalWiki w = requireWiki();
        w.expireOAuth2AccessTokens("Alice");
        long tokenCalls = w.requestCount(Endpoint.OAUTH2_TOKEN);

        // REL1_39: HTTP 200 "Invalid access token"; production: HTTP 401 with WWW-Authenticate invalid_token
        assertThat(name(client.request(USERINFO).block(BOUND))).isEqualTo("Alice");
        assertThat(w.requestCount(Endpoint.OAUTH2_TOKEN)).isEqualTo(tokenCalls + 1);
    }

    @Test
    void clientCredentialsWhenOwnerOnlyBotThenFetchesAndRenewsItsToken() {
        LocalWiki w = start(LocalWiki.builder());
        OAuth2Client bot = w.registerOwnerOnlyClient("Bot", "Bob");
        ReactiveMediaWikiClient client = ReactiveMediaWikiClient.builder().endpoints(w.endpoints())
                .oauth2ClientCredentials(bot.clientId(), bot.clientSecret()).clock(clock).timeout(BOUND)
                .userAgent("BotTest/1.0 (test@example.org)").build();
        long before = w.requestCount(Endpoint.OAUTH2_TOKEN);

        assertThat(name(client.request(USERINFO).block(BOUND))).isEqualTo("Bob");
        assertThat(name(client.request(USERINFO).block(BOUND))).isEqualTo("Bob");
        assertThat(w.requestCount(Endpoint.OAUTH2_TOKEN)).as("one token for both").isEqualTo(before + 1);
        assertThat(client.currentUser(Freshness.LIVE).block(BOUND).username()).isEqualTo("Bob");

        clock.advance(Duration.ofHours(1));
        assertThat(name(client.request(USERINFO).block(BOUND))).isEqualTo("Bob");
        assertThat(w.requestCount(Endpoint.OAUTH2_TOKEN)).as("renewed once expired").isEqualTo(before + 2);

        w.expireOAuth2AccessTokens("Bob");
        assertThat(name(client.request(USERINFO).block(BOUND))).as("a refused token is fetched again")
                .isEqualTo("Bob");
        assertThat(w.requestCount(Endpoint.OAUTH2_TOKEN)).isEqualTo(before + 3);

        StepVerifier.create(client.request(Map.of("action", "nosuchaction")))
                .expectError(MediaWikiApiException.class).verify(BOUND);
        assertThat(w.requestCount(Endpoint.OAUTH2_TOKEN)).as("an error not about the token fetches none")
                .isEqualTo(before + 3);
        assertThat(NonBlockingTest.VIOLATIONS).isEmpty();
    }

    @Test
    void currentUserWhenNobodyLoggedInThenTheProfileEndpointIsNeverCalled() {
        LocalWiki w = start(LocalWiki.builder());
        OAuth2Client web = w.registerConfidentialClient("Example Tool", REDIRECT);
        ReactiveMediaWikiClient client = client(w, web, web.clientSecret());

        StepVerifier.create(client.currentUser(Freshness.LIVE)).expectComplete().verify(BOUND);
        StepVerifier.create(client.request(USERINFO)).expectError(LoginRequiredException.class).verify(BOUND);
        assertThat(w.requestCount(Endpoint.OAUTH2_RESOURCE)).isZero();
        AuthorizedUser nobody = client.tokenStore().load().block(BOUND);
        assertThat(nobody).isNull();
    }
}
