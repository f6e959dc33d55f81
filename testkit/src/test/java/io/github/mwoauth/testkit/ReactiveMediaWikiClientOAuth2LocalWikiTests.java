package io.github.mwoauth.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mwoauth.login.AuthorizedUser;
import io.github.mwoauth.Freshness;
import io.github.mwoauth.InvalidAuthorizationException;
import io.github.mwoauth.LoginRequiredException;
import io.github.mwoauth.MediaWikiApiException;
import io.github.mwoauth.MediaWikiIdentity;
import io.github.mwoauth.login.LoginRedirect;
import io.github.mwoauth.oauth2.OAuth2Login;
import io.github.mwoauth.oauth2.OAuth2Handshake;
import io.github.mwoauth.oauth2.OAuth2Tokens;
import io.github.mwoauth.ReactiveMediaWikiClient;
import io.github.mwoauth.login.TokenStore;
import io.github.mwoauth.login.UserCredentials;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;

/**
 * {@link ReactiveMediaWikiClient} with OAuth 2.0 credentials against LocalWiki, under BlockHound: bearer
 * requests, the profile as the live identity, owner-only tokens, and the refresh (before sending when the
 * tokens have expired, after the wiki calls the token invalid, shared by concurrent requests, and refused).
 */
class ReactiveMediaWikiClientOAuth2LocalWikiTests extends WikiTest {

    static final String REDIRECT = "http://127.0.0.1:5000/oauth-callback";
    static final Duration BOUND = Duration.ofSeconds(10);
    static final Map<String, String> USERINFO = Map.of("action", "query", "meta", "userinfo");

    LocalWiki wiki;
    OAuth2Client app;

    @BeforeAll
    static void blockHound() {
        NonBlockingTest.installBlockHound();
    }

    @BeforeEach
    void registerClient() {
        NonBlockingTest.VIOLATIONS.clear();
        wiki = f.wiki;
        app = wiki.registerConfidentialClient("Example Tool 2", REDIRECT);
    }

    ReactiveMediaWikiClient.Builder builder() {
        return ReactiveMediaWikiClient.builder().endpoints(wiki.endpoints())
                .oauth2Client(app.clientId(), app.clientSecret()).clock(clock).timeout(BOUND)
                .userAgent("OAuth2ClientTest/1.0 (test@example.org)");
    }

    /** Alice's tokens from the authorization code grant. */
    OAuth2Tokens login(ReactiveMediaWikiClient client) {
        OAuth2Handshake h = ((OAuth2Login) client.login()).handshake();
        LoginRedirect pending = h.authorize().block(BOUND);
        AuthorizationCodeGrant grant = wiki.approveOAuth2(pending.authorizeUrl(), "Alice");
        return h.exchange(pending.pending("/", clock.instant()), grant.state(), grant.code()).block(BOUND);
    }

    /** A client acting with Alice's fresh tokens in a store of its own; the store is returned through the client. */
    ReactiveMediaWikiClient loggedIn() {
        ReactiveMediaWikiClient client = builder().build();
        return client.withTokenStore(TokenStore.fixed(login(client)));
    }

    static String userName(JsonNode json) {
        return json.at("/query/userinfo/name").asString();
    }

    static OAuth2Tokens stored(ReactiveMediaWikiClient client) {
        AuthorizedUser user = client.tokenStore().load().block(BOUND);
        assertThat(user).isNotNull();
        return (OAuth2Tokens) user.credentials();
    }

    @Test
    void requestWhenBearerThenActsAsUser() {
        ReactiveMediaWikiClient client = loggedIn();
        assertThat(userName(client.request(USERINFO).block(BOUND))).isEqualTo("Alice");
        assertThat(NonBlockingTest.VIOLATIONS).isEmpty();
    }

    @Test
    void currentUserWhenLiveThenFromProfileAndCachedAfterwards() {
        ReactiveMediaWikiClient client = loggedIn();
        MediaWikiIdentity me = client.currentUser(Freshness.LIVE).block(BOUND);
        assertThat(me.username()).isEqualTo("Alice");
        assertThat(me.grants()).isNotEmpty();
        long profiles = wiki.requestCount(Endpoint.OAUTH2_RESOURCE);
        assertThat(client.currentUser(Freshness.CACHED).block(BOUND).username()).isEqualTo("Alice");
        assertThat(wiki.requestCount(Endpoint.OAUTH2_RESOURCE)).isEqualTo(profiles);
    }

    @Test
    void requestWhenWikiExpiredTokenThenRefreshedOnceAndRetried() {
        ReactiveMediaWikiClient client = loggedIn();
        OAuth2Tokens before = stored(client);
        assertThat(wiki.expireOAuth2AccessTokens("Alice")).isPositive();
        long refreshes = wiki.requestCount(Endpoint.OAUTH2_TOKEN);

        assertThat(userName(client.request(USERINFO).block(BOUND))).isEqualTo("Alice");

        assertThat(wiki.requestCount(Endpoint.OAUTH2_TOKEN)).isEqualTo(refreshes + 1);
        OAuth2Tokens after = stored(client);
        assertThat(after.accessToken()).isNotEqualTo(before.accessToken());
        assertThat(after.refreshToken()).isNotEqualTo(before.refreshToken());
        assertThat(userName(client.request(USERINFO).block(BOUND))).isEqualTo("Alice");
        assertThat(wiki.requestCount(Endpoint.OAUTH2_TOKEN)).as("no second refresh").isEqualTo(refreshes + 1);
    }

    @Test
    void requestWhenTheWikiRefusesTheQueryNotTheTokenThenTheErrorComesAndNothingIsRefreshed() {
        ReactiveMediaWikiClient client = loggedIn();
        OAuth2Tokens before = stored(client);
        long refreshes = wiki.requestCount(Endpoint.OAUTH2_TOKEN);

        StepVerifier.create(client.request(Map.of("action", "nosuchaction")))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(MediaWikiApiException.class)
                        .hasMessageContaining("badvalue"))
                .verify(BOUND);

        assertThat(wiki.requestCount(Endpoint.OAUTH2_TOKEN)).as("no refresh").isEqualTo(refreshes);
        assertThat(stored(client)).isEqualTo(before);
    }

    @Test
    void requestWhenExpiryPassedByClockThenRefreshedBeforeSending() {
        ReactiveMediaWikiClient client = loggedIn();
        clock.advance(Duration.ofHours(1));
        long api = wiki.requestCount(Endpoint.API);
        long refreshes = wiki.requestCount(Endpoint.OAUTH2_TOKEN);

        assertThat(userName(client.request(USERINFO).block(BOUND))).isEqualTo("Alice");

        assertThat(wiki.requestCount(Endpoint.OAUTH2_TOKEN)).isEqualTo(refreshes + 1);
        assertThat(wiki.requestCount(Endpoint.API)).as("no request with the expired token").isEqualTo(api + 1);
        assertThat(stored(client).isExpired(clock, Duration.ZERO)).isFalse();
    }

    @Test
    void requestWhenConcurrentWithExpiredTokensThenOneRefreshShared() {
        ReactiveMediaWikiClient client = loggedIn();
        wiki.expireOAuth2AccessTokens("Alice");
        long refreshes = wiki.requestCount(Endpoint.OAUTH2_TOKEN);

        List<String> names = Flux.range(0, 16)
                .flatMap(i -> client.request(USERINFO).subscribeOn(Schedulers.parallel()).map(
                        ReactiveMediaWikiClientOAuth2LocalWikiTests::userName))
                .collectList().block(BOUND);

        assertThat(names).hasSize(16).containsOnly("Alice");
        assertThat(wiki.requestCount(Endpoint.OAUTH2_TOKEN)).as("one refresh for all").isEqualTo(refreshes + 1);
    }

    @Test
    void requestWhenRefreshRefusedThenLoginRequiredAndStoreCleared() {
        ReactiveMediaWikiClient client = loggedIn();
        assertThat(wiki.revokeOAuth2("Alice", app)).isTrue();

        StepVerifier.create(client.request(USERINFO)).expectError(LoginRequiredException.class).verify(BOUND);
        StepVerifier.create(client.tokenStore().load()).verifyComplete();
    }

    /**
     * One application instance's view of a store it shares with others (a session in Redis): {@code load} answers
     * what the instance read when its request began, {@code reload} what the shared store holds now.
     */
    static final class InstanceView implements TokenStore {

        final AtomicReference<AuthorizedUser> shared;
        final AuthorizedUser loaded;
        final AtomicInteger reloads = new AtomicInteger();

        InstanceView(AtomicReference<AuthorizedUser> shared) {
            this.shared = shared;
            this.loaded = shared.get();
        }

        @Override
        public Mono<AuthorizedUser> load() {
            return Mono.just(loaded);
        }

        @Override
        public Mono<AuthorizedUser> reload() {
            return Mono.fromSupplier(() -> {
                reloads.incrementAndGet();
                return shared.get();
            });
        }

        @Override
        public Mono<Void> saveIdentity(MediaWikiIdentity identity) {
            return Mono.empty();
        }

        @Override
        public Mono<Void> replaceCredentials(UserCredentials expected, UserCredentials fresh) {
            return Mono.fromRunnable(() -> shared.updateAndGet(u -> u != null && u.credentials().equals(expected)
                    ? u.withCredentials(fresh) : u));
        }

        @Override
        public Mono<Void> clearCredentials(UserCredentials refused) {
            return Mono.fromRunnable(() -> shared.updateAndGet(u -> u != null && u.credentials().equals(refused)
                    ? null : u));
        }

        @Override
        public Mono<Void> clear() {
            return Mono.fromRunnable(() -> shared.set(null));
        }
    }

    @Test
    void requestWhenOtherInstanceRefreshedFirstThenItsTokensTakenAndRequestRetried() {
        ReactiveMediaWikiClient a = builder().build();
        ReactiveMediaWikiClient b = builder().build();
        AtomicReference<AuthorizedUser> shared = new AtomicReference<>(new AuthorizedUser(login(a), null));
        InstanceView onB = new InstanceView(shared);
        wiki.expireOAuth2AccessTokens("Alice");
        long refreshes = wiki.requestCount(Endpoint.OAUTH2_TOKEN);

        assertThat(userName(a.withTokenStore(new InstanceView(shared)).request(USERINFO).block(BOUND)))
                .isEqualTo("Alice");
        OAuth2Tokens stored = (OAuth2Tokens) shared.get().credentials();
        assertThat(stored).isNotEqualTo(onB.loaded.credentials());

        assertThat(userName(b.withTokenStore(onB).request(USERINFO).block(BOUND))).isEqualTo("Alice");

        assertThat(wiki.requestCount(Endpoint.OAUTH2_TOKEN)).as("A's refresh, and B's, refused")
                .isEqualTo(refreshes + 2);
        assertThat(onB.reloads).as("B found A's tokens at the first look").hasValue(1);
        assertThat(shared.get().credentials()).isEqualTo(stored);
        assertThat(NonBlockingTest.VIOLATIONS).isEmpty();
    }

    @Test
    void requestWhenOtherInstanceStoresItsTokensAfterTheRefusalThenStoreReadAgainUntilTheyAppear() {
        ReactiveMediaWikiClient b = builder().build();
        OAuth2Tokens first = login(b);
        AtomicReference<AuthorizedUser> shared = new AtomicReference<>(new AuthorizedUser(first, null));
        InstanceView onB = new InstanceView(shared);
        wiki.expireOAuth2AccessTokens("Alice");
        OAuth2Tokens othersTokens = ((OAuth2Login) builder().build().login()).handshake().refresh(first).block(BOUND);
        Mono.delay(Duration.ofMillis(250)).subscribe(x -> shared.set(new AuthorizedUser(othersTokens, null)));
        long started = System.nanoTime();

        assertThat(userName(b.withTokenStore(onB).request(USERINFO).block(BOUND))).isEqualTo("Alice");

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(250));
        assertThat(onB.reloads.get()).as("read at once, then again after 0.1 s, 0.3 s, ... until they appear")
                .isBetween(2, 5);
        assertThat(shared.get().credentials()).isEqualTo(othersTokens);
    }

    @Test
    void requestWhenRefreshRefusedAndNothingNewerStoredThenClearedAfterReadingAgainAndLoginRequired() {
        ReactiveMediaWikiClient client = builder().build();
        AtomicReference<AuthorizedUser> shared = new AtomicReference<>(new AuthorizedUser(login(client), null));
        InstanceView view = new InstanceView(shared);
        assertThat(wiki.revokeOAuth2("Alice", app)).isTrue();
        long started = System.nanoTime();

        StepVerifier.create(client.withTokenStore(view).request(USERINFO))
                .expectError(LoginRequiredException.class).verify(BOUND);

        // read at once, then after 0.1, 0.2, 0.4 and 0.8 s
        assertThat(view.reloads).hasValue(5);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(1500));
        assertThat(shared.get()).as("cleared: the store still held the refused tokens").isNull();
    }

    @Test
    void requestWhenRefreshRefusedAndUserLoggedOutElsewhereThenLoginRequiredWithoutWaiting() {
        ReactiveMediaWikiClient client = builder().build();
        AtomicReference<AuthorizedUser> shared = new AtomicReference<>(new AuthorizedUser(login(client), null));
        InstanceView view = new InstanceView(shared);
        wiki.revokeOAuth2("Alice", app);
        shared.set(null);

        StepVerifier.create(client.withTokenStore(view).request(USERINFO))
                .expectError(LoginRequiredException.class).verify(BOUND);

        assertThat(view.reloads).hasValue(1);
    }

    @Test
    void currentUserWhenLiveAndRevokedThenEmptyAndStoreCleared() {
        ReactiveMediaWikiClient client = loggedIn();
        wiki.revokeOAuth2("Alice", app);

        StepVerifier.create(client.currentUser(Freshness.LIVE)).verifyComplete();
        StepVerifier.create(client.tokenStore().load()).verifyComplete();
    }

    @Test
    void currentUserWhenLiveAndExpiredThenRefreshedAndProfiled() {
        ReactiveMediaWikiClient client = loggedIn();
        wiki.expireOAuth2AccessTokens("Alice");
        long refreshes = wiki.requestCount(Endpoint.OAUTH2_TOKEN);

        assertThat(client.currentUser(Freshness.LIVE).block(BOUND).username()).isEqualTo("Alice");
        assertThat(wiki.requestCount(Endpoint.OAUTH2_TOKEN)).isEqualTo(refreshes + 1);
    }

    @Test
    void ownerOnlyTokenWhenNoClientIdThenBearerRequestsAndProfileWithoutRefresh() {
        OAuth2Client bot = wiki.registerOwnerOnlyClient("Alice's Bot", "Alice");
        ReactiveMediaWikiClient client = ReactiveMediaWikiClient.builder().endpoints(wiki.endpoints())
                .oauth2AccessToken(bot.ownerAccessToken()).clock(clock).timeout(BOUND)
                .userAgent("AliceBot/1.0 (alice@example.org)").build();

        assertThat(userName(client.request(USERINFO).block(BOUND))).isEqualTo("Alice");
        assertThat(client.currentUser(Freshness.LIVE).block(BOUND).username()).isEqualTo("Alice");
        assertThat(client.tokenStore().toString()).doesNotContain(bot.ownerAccessToken());

        wiki.revokeOAuth2("Alice", bot);
        long refreshes = wiki.requestCount(Endpoint.OAUTH2_TOKEN);
        StepVerifier.create(client.request(USERINFO))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(InvalidAuthorizationException.class)
                        .extracting(x -> ((InvalidAuthorizationException) x).reason())
                        .isEqualTo(InvalidAuthorizationException.Reason.INVALID_ACCESS_TOKEN))
                .verify(BOUND);
        assertThat(wiki.requestCount(Endpoint.OAUTH2_TOKEN)).isEqualTo(refreshes);
    }

    @Test
    void requestWithCsrfTokenWhenBearerThenEdits() {
        wiki.createPage("Sandbox", "Hello");
        ReactiveMediaWikiClient client = loggedIn();
        JsonNode edit = client.requestWithCsrfToken(Map.of("action", "edit", "title", "Sandbox", "text", "Hi"))
                .block(BOUND);
        assertThat(edit.at("/edit/result").asString()).isEqualTo("Success");
        assertThat(wiki.pageText("Sandbox")).isEqualTo("Hi");
    }

    @Test
    void builderWhenNeitherConsumerNorClientNorOwnerTokenThenFails() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ReactiveMediaWikiClient.builder()
                .endpoints(wiki.endpoints()).build()).hasMessageContaining("consumer");
        Mono<?> none = builder().build().request(USERINFO);
        StepVerifier.create(none).expectError(LoginRequiredException.class).verify(BOUND);
    }
}
