package io.github.mwoauth.webflux;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mwoauth.login.AuthorizedUser;
import io.github.mwoauth.MediaWikiIdentity;
import io.github.mwoauth.oauth2.OAuth2Authorization;
import io.github.mwoauth.oauth2.OAuth2Tokens;
import io.github.mwoauth.oauth1.RequestToken;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.WebSession;
import org.springframework.web.server.session.InMemoryWebSessionStore;
import org.springframework.web.server.session.WebSessionStore;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class WebSessionTokenStoreTests {

    private static final Duration LIFETIME = Duration.ofSeconds(600);
    private static final Duration WAIT = Duration.ofSeconds(5);

    private final SessionSealer sealer = SessionSealer.ephemeral();
    private final WebSessionTokenStore store = new WebSessionTokenStore(sealer);
    private final WebSession session = new InMemoryWebSessionStore().createWebSession().block(WAIT);
    private final Instant now = Instant.parse("2026-11-28T04:00:00Z");

    @Test
    void userWhenLoginSavedThenTokenAndCompactIdentityRead() {
        store.saveLogin(session, TestIdentities.accessToken(), TestIdentities.alice());

        AuthorizedUser user = store.user(session).orElseThrow();
        assertThat(user.accessToken()).isEqualTo(TestIdentities.accessToken());
        MediaWikiIdentity identity = user.identity();
        assertThat(identity).isNotNull();
        assertThat(identity.username()).isEqualTo("Alice");
        assertThat(identity.sub()).isEqualTo("4");
        assertThat(identity.groups()).containsExactly("*", "user", "autoconfirmed");
        assertThat(identity.grants()).containsExactly("basic", "editpage", "highvolume");
        assertThat(identity.editCount()).isEqualTo(12);
        assertThat(identity.confirmedEmail()).isTrue();
        assertThat(identity.registered()).isEqualTo(Instant.parse("2026-11-28T03:12:33Z"));
        assertThat(identity.rights()).isEmpty();
    }

    @Test
    void attributesWhenLoginSavedThenNoSecretReadableAndSmall() {
        store.saveLogin(session, TestIdentities.accessToken(), TestIdentities.alice());
        store.addPending(session, new RequestToken("9437c9e4dbf0da7386388d1b1ed3b6ff", "909e457d1583a98c954ab0757231945c"),
                "/x", now, 5, LIFETIME);

        String all = String.join("|", session.getAttributes().values().stream().map(String::valueOf).toList());
        assertThat(all).doesNotContain(TestIdentities.TOKEN_SECRET, TestIdentities.TOKEN_KEY, "Alice",
                "909e457d1583a98c954ab0757231945c");
        int loggedInChars = session.getAttributes().get(WebSessionTokenStore.USER_ATTRIBUTE).toString().length();
        assertThat(loggedInChars).isLessThan(400);
    }

    @Test
    void userWhenTokenTamperedThenNotLoggedIn() {
        store.saveLogin(session, TestIdentities.accessToken(), TestIdentities.alice());
        String sealed = (String) session.getAttributes().get(WebSessionTokenStore.USER_ATTRIBUTE);
        int middle = sealed.lastIndexOf('.') - 3;
        String tampered = sealed.substring(0, middle) + (sealed.charAt(middle) == 'x' ? 'y' : 'x')
                + sealed.substring(middle + 1);
        session.getAttributes().put(WebSessionTokenStore.USER_ATTRIBUTE, tampered);

        assertThat(store.user(session)).isEmpty();
    }

    @Test
    void userWhenSealedWithAnotherKeyThenNotLoggedIn() {
        new WebSessionTokenStore(SessionSealer.ephemeral())
                .saveLogin(session, TestIdentities.accessToken(), TestIdentities.alice());

        assertThat(store.user(session)).isEmpty();
    }

    @Test
    void userWhenPendingValueMovedIntoUserAttributeThenNotLoggedIn() {
        store.addPending(session, new RequestToken("k", "s"), "/", now, 5, LIFETIME);
        Map<String, Object> attributes = session.getAttributes();
        attributes.put(WebSessionTokenStore.USER_ATTRIBUTE, attributes.get(WebSessionTokenStore.PENDING_ATTRIBUTE));

        assertThat(store.user(session)).isEmpty();
    }

    @Test
    void clearWhenLoggedInThenLoggedOutAndPendingKept() {
        store.saveLogin(session, TestIdentities.accessToken(), TestIdentities.alice());
        store.addPending(session, new RequestToken("t1", "s1"), "/", now, 5, LIFETIME);

        store.clear(session);

        assertThat(store.user(session)).isEmpty();
        assertThat(store.findPending(session, "t1", now, LIFETIME)).isPresent();
    }

    @Test
    void addPendingWhenMoreThanMaxThenOldestDropped() {
        for (int i = 0; i < 6; i++) {
            store.addPending(session, new RequestToken("t" + i, "s" + i), "/n" + i, now.plusSeconds(i), 5, LIFETIME);
        }
        Instant later = now.plusSeconds(10);

        assertThat(store.findPending(session, "t0", later, LIFETIME)).isEmpty();
        for (int i = 1; i < 6; i++) {
            PendingHandshake p = store.findPending(session, "t" + i, later, LIFETIME).orElseThrow();
            assertThat(p.next()).isEqualTo("/n" + i);
            assertThat(p.requestToken().secret()).isEqualTo("s" + i);
        }
    }

    @Test
    void findPendingWhenOlderThanLifetimeThenEmpty() {
        store.addPending(session, new RequestToken("t", "s"), "/", now, 5, LIFETIME);

        assertThat(store.findPending(session, "t", now.plusSeconds(599), LIFETIME)).isPresent();
        assertThat(store.findPending(session, "t", now.plusSeconds(600), LIFETIME)).isEmpty();
    }

    @Test
    void removePendingWhenUsedThenGoneAndOthersKept() {
        store.addPending(session, new RequestToken("a", "s"), "/", now, 5, LIFETIME);
        store.addPending(session, new RequestToken("b", "s"), "/", now, 5, LIFETIME);

        store.removePending(session, "a", now, LIFETIME);

        assertThat(store.findPending(session, "a", now, LIFETIME)).isEmpty();
        assertThat(store.findPending(session, "b", now, LIFETIME)).isPresent();
        store.removePending(session, "b", now, LIFETIME);
        assertThat(session.getAttributes()).doesNotContainKey(WebSessionTokenStore.PENDING_ATTRIBUTE);
    }

    @Test
    void loadWhenExchangeInContextThenActsForItsSession() {
        store.saveLogin(session, TestIdentities.accessToken(), TestIdentities.alice());
        MockServerWebExchange exchange = MockServerWebExchange.builder(MockServerHttpRequest.get("/")).session(session)
                .build();

        StepVerifier.create(store.load().contextWrite(c -> WebSessionTokenStore.withExchange(c, exchange)))
                .assertNext(user -> assertThat(user.accessToken()).isEqualTo(TestIdentities.accessToken()))
                .expectComplete()
                .verify(WAIT);
        StepVerifier.create(store.clear().contextWrite(c -> WebSessionTokenStore.withExchange(c, exchange)))
                .expectComplete()
                .verify(WAIT);
        assertThat(store.user(session)).isEmpty();
    }

    @Test
    void loadWhenNoExchangeInContextThenEmpty() {
        StepVerifier.create(store.load()).expectComplete().verify(WAIT);
    }

    @Test
    void saveIdentityWhenNobodyLoggedInThenNothingStored() {
        store.saveIdentity(session, TestIdentities.alice());
        assertThat(session.getAttributes()).isEmpty();
    }

    @Test
    void forSessionWhenIdentitySavedThenStored() {
        store.saveLogin(session, TestIdentities.accessToken(), TestIdentities.alice());
        MediaWikiIdentity renamed = new MediaWikiIdentity("4", "Alice2", java.util.List.of(), java.util.List.of(),
                java.util.List.of(), 13, true, false, null, null, null, Map.of());

        StepVerifier.create(store.forSession(session).saveIdentity(renamed)).expectComplete().verify(WAIT);

        MediaWikiIdentity stored = store.user(session).orElseThrow().identity();
        assertThat(stored).isNotNull();
        assertThat(stored.username()).isEqualTo("Alice2");
        assertThat(stored.blocked()).isTrue();
    }

    // ---- OAuth 2.0

    static final OAuth2Tokens TOKENS = new OAuth2Tokens("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIzIn0.c2lnbmF0dXJl",
            "def502" + "ab".repeat(40), Instant.parse("2026-11-28T05:00:00Z"));

    @Test
    void userWhenOAuth2LoginSavedThenTokensAndIdentityRead() {
        store.saveLogin(session, TOKENS, TestIdentities.alice());

        AuthorizedUser user = store.user(session).orElseThrow();
        assertThat(user.credentials()).isEqualTo(TOKENS);
        assertThat(user.identity().username()).isEqualTo("Alice");
        String sealed = session.getAttributes().get(WebSessionTokenStore.USER_ATTRIBUTE).toString();
        assertThat(sealed).doesNotContain("eyJ", "def502", "Alice");
    }

    @Test
    void userWhenOwnerOnlyTokensThenNoRefreshTokenNorExpiryRead() {
        store.saveLogin(session, OAuth2Tokens.ownerOnly("eyJ.a.b"), TestIdentities.alice());

        OAuth2Tokens tokens = (OAuth2Tokens) store.user(session).orElseThrow().credentials();
        assertThat(tokens.refreshToken()).isNull();
        assertThat(tokens.expiresAt()).isEqualTo(Instant.MAX);
    }

    @Test
    void replaceCredentialsWhenStillExpectedThenReplacedAndIdentityKept() {
        store.saveLogin(session, TOKENS, TestIdentities.alice());
        OAuth2Tokens fresh = new OAuth2Tokens("eyJ.new.token", "def502cd", Instant.parse("2026-11-28T06:00:00Z"));
        OAuth2Tokens other = new OAuth2Tokens("eyJ.other.token", "def502ef", Instant.parse("2026-11-28T07:00:00Z"));

        store.replaceCredentials(session, fresh, other);
        assertThat(store.user(session).orElseThrow().credentials()).as("not the expected tokens: unchanged")
                .isEqualTo(TOKENS);

        StepVerifier.create(store.forSession(session).replaceCredentials(TOKENS, fresh)).verifyComplete();
        AuthorizedUser user = store.user(session).orElseThrow();
        assertThat(user.credentials()).isEqualTo(fresh);
        assertThat(user.identity().username()).isEqualTo("Alice");
    }

    /** A session store holding, under the request's session id, the session as another instance saved it. */
    private static WebSessionStore storeHolding(WebSession stored) {
        InMemoryWebSessionStore others = new InMemoryWebSessionStore();
        return new WebSessionStore() {
            @Override
            public Mono<WebSession> createWebSession() {
                return others.createWebSession();
            }

            @Override
            public Mono<WebSession> retrieveSession(String sessionId) {
                return Mono.just(stored);
            }

            @Override
            public Mono<Void> removeSession(String sessionId) {
                return Mono.empty();
            }

            @Override
            public Mono<WebSession> updateLastAccessTime(WebSession webSession) {
                return Mono.just(webSession);
            }
        };
    }

    private WebSession otherInstancesCopy(OAuth2Tokens tokens) {
        WebSession copy = new InMemoryWebSessionStore().createWebSession().block(WAIT);
        store.saveLogin(copy, tokens, TestIdentities.alice());
        return copy;
    }

    static final OAuth2Tokens NEWER = new OAuth2Tokens("eyJ.newer.token", "def502cd",
            Instant.parse("2026-11-28T06:00:00Z"));

    @Test
    void reloadWhenSessionStoreHoldsNewerTokensThenThoseAndRequestSessionUnchanged() {
        store.saveLogin(session, TOKENS, TestIdentities.alice());
        store.setSessionStore(storeHolding(otherInstancesCopy(NEWER)));

        StepVerifier.create(store.forSession(session).reload().map(AuthorizedUser::credentials))
                .expectNext(NEWER).verifyComplete();

        assertThat(store.user(session).orElseThrow().credentials()).isEqualTo(TOKENS);
    }

    @Test
    void reloadWhenNoSessionStoreThenRequestSession() {
        store.saveLogin(session, TOKENS, TestIdentities.alice());

        StepVerifier.create(store.forSession(session).reload().map(AuthorizedUser::credentials))
                .expectNext(TOKENS).verifyComplete();
    }

    @Test
    void reloadWhenStoredSessionLoggedOutThenEmpty() {
        store.saveLogin(session, TOKENS, TestIdentities.alice());
        WebSession loggedOut = otherInstancesCopy(NEWER);
        store.clear(loggedOut);
        store.setSessionStore(storeHolding(loggedOut));

        StepVerifier.create(store.forSession(session).reload()).verifyComplete();
    }

    @Test
    void clearCredentialsWhenStoreStillHoldsRefusedThenClearedAndSavedAtOnce() {
        InMemoryWebSessionStore sessions = new InMemoryWebSessionStore();
        WebSession current = sessions.createWebSession().block(WAIT);
        store.saveLogin(current, TOKENS, TestIdentities.alice());
        current.save().block(WAIT);
        store.setSessionStore(sessions);

        StepVerifier.create(store.forSession(current).clearCredentials(TOKENS)).verifyComplete();

        assertThat(store.user(current)).isEmpty();
        assertThat(store.hasUser(sessions.retrieveSession(current.getId()).block(WAIT))).isFalse();
    }

    @Test
    void clearCredentialsWhenStoreHoldsNewerThenRequestSessionLeftAsItIs() {
        store.saveLogin(session, TOKENS, TestIdentities.alice());
        store.setSessionStore(storeHolding(otherInstancesCopy(NEWER)));

        StepVerifier.create(store.forSession(session).clearCredentials(TOKENS)).verifyComplete();

        assertThat(store.user(session).orElseThrow().credentials()).as("untouched, so saving it undoes nothing")
                .isEqualTo(TOKENS);
    }

    @Test
    void clearCredentialsWhenRequestSessionHoldsOtherTokensThenKept() {
        store.saveLogin(session, NEWER, TestIdentities.alice());

        StepVerifier.create(store.forSession(session).clearCredentials(TOKENS)).verifyComplete();

        assertThat(store.user(session).orElseThrow().credentials()).isEqualTo(NEWER);
    }

    @Test
    void replaceCredentialsWhenThroughTokenStoreThenSessionSavedAtOnce() {
        InMemoryWebSessionStore sessions = new InMemoryWebSessionStore();
        WebSession current = sessions.createWebSession().block(WAIT);
        store.saveLogin(current, TOKENS, TestIdentities.alice());
        assertThat(sessions.retrieveSession(current.getId()).blockOptional(WAIT)).as("not saved yet").isEmpty();

        StepVerifier.create(store.forSession(current).replaceCredentials(TOKENS, NEWER)).verifyComplete();

        WebSession saved = sessions.retrieveSession(current.getId()).block(WAIT);
        assertThat(store.user(saved).orElseThrow().credentials()).isEqualTo(NEWER);
    }

    @Test
    void replaceCredentialsWhenNotExpectedThenNotSaved() {
        InMemoryWebSessionStore sessions = new InMemoryWebSessionStore();
        WebSession current = sessions.createWebSession().block(WAIT);
        store.saveLogin(current, NEWER, TestIdentities.alice());

        StepVerifier.create(store.forSession(current).replaceCredentials(TOKENS, NEWER)).verifyComplete();

        assertThat(sessions.retrieveSession(current.getId()).blockOptional(WAIT)).isEmpty();
    }

    @Test
    void pendingOAuth2WhenFoundByStateThenVerifierAndNextAndSingleUse() {
        OAuth2Authorization a = new OAuth2Authorization(URI.create("http://w/rest.php/oauth2/authorize"),
                "0123456789abcdef0123456789abcdef", "v".repeat(64), null);
        store.addPendingOAuth2(session, a, "/next", now, 5, LIFETIME);
        String sealed = session.getAttributes().get(WebSessionTokenStore.PENDING_OAUTH2_ATTRIBUTE).toString();
        assertThat(sealed).doesNotContain(a.state(), a.codeVerifier(), "/next");

        PendingOAuth2Login p = store.findPendingOAuth2(session, a.state(), now, LIFETIME).orElseThrow();
        assertThat(p.codeVerifier()).isEqualTo(a.codeVerifier());
        assertThat(p.next()).isEqualTo("/next");
        assertThat(p.toString()).doesNotContain(a.state(), a.codeVerifier());
        assertThat(store.findPendingOAuth2(session, a.state().replace('0', '1'), now, LIFETIME)).isEmpty();
        assertThat(store.findPendingOAuth2(session, a.state(), now.plus(LIFETIME), LIFETIME)).as("10 minutes")
                .isEmpty();
        assertThat(store.findPending(session, a.state(), now, LIFETIME)).as("not an OAuth 1.0a one").isEmpty();

        store.removePendingOAuth2(session, a.state(), now, LIFETIME);
        assertThat(store.findPendingOAuth2(session, a.state(), now, LIFETIME)).isEmpty();
    }

    @Test
    void addPendingOAuth2WhenMoreThanMaxThenOldestDropped() {
        for (int i = 0; i < 6; i++) {
            store.addPendingOAuth2(session, new OAuth2Authorization(URI.create("http://w/a"), "s" + i, "v" + i, null),
                    "/", now.plusSeconds(i), 5, LIFETIME);
        }
        assertThat(store.findPendingOAuth2(session, "s0", now.plusSeconds(10), LIFETIME)).isEmpty();
        assertThat(store.findPendingOAuth2(session, "s5", now.plusSeconds(10), LIFETIME)).isPresent();
    }
}
