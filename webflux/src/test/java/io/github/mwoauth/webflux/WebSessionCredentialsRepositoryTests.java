package io.github.mwoauth.webflux;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mwoauth.MediaWikiIdentity;
import io.github.mwoauth.login.AuthorizedUser;
import io.github.mwoauth.login.LoginRedirect;
import io.github.mwoauth.oauth2.OAuth2Tokens;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.web.server.WebSession;
import org.springframework.web.server.session.InMemoryWebSessionStore;
import org.springframework.web.server.session.WebSessionStore;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class WebSessionCredentialsRepositoryTests {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String USER = WebSessionCredentialsRepository.USER_ATTRIBUTE;

    static final OAuth2Tokens TOKENS = new OAuth2Tokens("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIzIn0.c2lnbmF0dXJl",
            "def502" + "ab".repeat(40), Instant.parse("2026-11-28T05:00:00Z"));
    static final OAuth2Tokens NEWER = new OAuth2Tokens("eyJ.newer.token", "def502cd",
            Instant.parse("2026-11-28T06:00:00Z"));

    private final SessionSealer sealer = SessionSealer.ephemeral();
    private final WebSessionCredentialsRepository oauth1 = new WebSessionCredentialsRepository(sealer,
            TestLogins.OAUTH1, SessionAccess.defaults());
    private final WebSessionCredentialsRepository oauth2 = new WebSessionCredentialsRepository(sealer,
            TestLogins.OAUTH2, SessionAccess.defaults());
    private final WebSession session = new InMemoryWebSessionStore().createWebSession().block(WAIT);

    private static AuthorizedUser alice(io.github.mwoauth.login.UserCredentials credentials) {
        return new AuthorizedUser(credentials, TestIdentities.alice());
    }

    @Test
    void userWhenLoginSavedThenTokenAndCompactIdentityRead() {
        oauth1.save(session, alice(TestIdentities.accessToken()));

        AuthorizedUser user = oauth1.user(session).orElseThrow();
        assertThat(user.credentials()).isEqualTo(TestIdentities.accessToken());
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
    void userWhenRealNameAndEmailKnownThenRoundTripped() {
        MediaWikiIdentity privateInfo = new MediaWikiIdentity("4", "Alice", List.of(), List.of(), List.of(), 1, false,
                false, null, "Alice Liddell", "alice@example.org", Map.of());
        oauth1.save(session, new AuthorizedUser(TestIdentities.accessToken(), privateInfo));

        MediaWikiIdentity read = oauth1.user(session).orElseThrow().identity();
        assertThat(read).isNotNull();
        assertThat(read.realName()).isEqualTo("Alice Liddell");
        assertThat(read.email()).isEqualTo("alice@example.org");
    }

    @Test
    void attributesWhenLoginSavedThenNoSecretReadableAndSmall() {
        oauth1.save(session, alice(TestIdentities.accessToken()));
        new WebSessionPendingLoginRepository(sealer).save(session, new LoginRedirect(URI.create("http://w/a"),
                "9437c9e4dbf0da7386388d1b1ed3b6ff", "909e457d1583a98c954ab0757231945c"), "/x").block(WAIT);

        String all = String.join("|", session.getAttributes().values().stream().map(String::valueOf).toList());
        assertThat(all).doesNotContain(TestIdentities.TOKEN_SECRET, TestIdentities.TOKEN_KEY, "Alice",
                "909e457d1583a98c954ab0757231945c");
        assertThat(session.getAttributes().get(USER).toString().length()).isLessThan(400);
    }

    @Test
    void userWhenTokenTamperedThenNotLoggedIn() {
        oauth1.save(session, alice(TestIdentities.accessToken()));
        String sealed = (String) session.getAttributes().get(USER);
        int middle = sealed.lastIndexOf('.') - 3;
        session.getAttributes().put(USER, sealed.substring(0, middle) + (sealed.charAt(middle) == 'x' ? 'y' : 'x')
                + sealed.substring(middle + 1));

        assertThat(oauth1.user(session)).isEmpty();
    }

    @Test
    void userWhenSealedWithAnotherKeyThenNotLoggedIn() {
        new WebSessionCredentialsRepository(SessionSealer.ephemeral(), TestLogins.OAUTH1, SessionAccess.defaults())
                .save(session, alice(TestIdentities.accessToken()));

        assertThat(oauth1.user(session)).isEmpty();
    }

    @Test
    void userWhenWrittenByAnotherLoginTypeThenNotLoggedIn() {
        oauth2.save(session, alice(TOKENS));
        assertThat(oauth1.user(session)).isEmpty();

        oauth1.save(session, alice(TestIdentities.accessToken()));
        assertThat(oauth2.user(session)).isEmpty();
    }

    @Test
    void userWhenPendingValueMovedIntoUserAttributeThenNotLoggedIn() {
        new WebSessionPendingLoginRepository(sealer).save(session, new LoginRedirect(URI.create("http://w/a"), "k",
                "s"), "/").block(WAIT);
        Map<String, Object> attributes = session.getAttributes();
        attributes.put(USER, attributes.get(WebSessionPendingLoginRepository.ATTRIBUTE));

        assertThat(oauth1.user(session)).isEmpty();
    }

    @Test
    void clearWhenLoggedInThenLoggedOutAndPendingKept() {
        WebSessionPendingLoginRepository pending = new WebSessionPendingLoginRepository(sealer);
        oauth1.save(session, alice(TestIdentities.accessToken()));
        pending.save(session, new LoginRedirect(URI.create("http://w/a"), "t1", "s1"), "/").block(WAIT);

        oauth1.clear(session);

        assertThat(oauth1.user(session)).isEmpty();
        assertThat(oauth1.hasUser(session)).isFalse();
        StepVerifier.create(pending.load(session, "t1")).expectNextCount(1).verifyComplete();
    }

    @Test
    void saveIdentityWhenNobodyLoggedInThenNothingStored() {
        oauth1.saveIdentity(session, TestIdentities.alice());
        assertThat(session.getAttributes()).isEmpty();
    }

    @Test
    void userWhenOAuth2LoginSavedThenTokensAndIdentityReadAndNothingReadable() {
        oauth2.save(session, alice(TOKENS));

        AuthorizedUser user = oauth2.user(session).orElseThrow();
        assertThat(user.credentials()).isEqualTo(TOKENS);
        assertThat(user.identity().username()).isEqualTo("Alice");
        assertThat(session.getAttributes().get(USER).toString()).doesNotContain("eyJ", "def502", "Alice");
    }

    @Test
    void userWhenOwnerOnlyTokensThenNoRefreshTokenNorExpiryRead() {
        oauth2.save(session, alice(OAuth2Tokens.ownerOnly("eyJ.a.b")));

        OAuth2Tokens tokens = (OAuth2Tokens) oauth2.user(session).orElseThrow().credentials();
        assertThat(tokens.refreshToken()).isNull();
        assertThat(tokens.expiresAt()).isEqualTo(Instant.MAX);
    }

    @Test
    void replaceCredentialsWhenStillExpectedThenReplacedAndIdentityKept() {
        oauth2.save(session, alice(TOKENS));
        OAuth2Tokens other = new OAuth2Tokens("eyJ.other.token", "def502ef", Instant.parse("2026-11-28T07:00:00Z"));

        StepVerifier.create(oauth2.replaceCredentials(session, NEWER, other)).verifyComplete();
        assertThat(oauth2.user(session).orElseThrow().credentials()).as("not the expected tokens: unchanged")
                .isEqualTo(TOKENS);

        StepVerifier.create(oauth2.replaceCredentials(session, TOKENS, NEWER)).verifyComplete();
        AuthorizedUser user = oauth2.user(session).orElseThrow();
        assertThat(user.credentials()).isEqualTo(NEWER);
        assertThat(user.identity().username()).isEqualTo("Alice");
    }

    @Test
    void replaceCredentialsWhenReplacedThenSessionSavedAtOnce() {
        InMemoryWebSessionStore sessions = new InMemoryWebSessionStore();
        WebSession current = sessions.createWebSession().block(WAIT);
        oauth2.save(current, alice(TOKENS));
        assertThat(sessions.retrieveSession(current.getId()).blockOptional(WAIT)).as("not saved yet").isEmpty();

        StepVerifier.create(oauth2.replaceCredentials(current, TOKENS, NEWER)).verifyComplete();

        WebSession saved = sessions.retrieveSession(current.getId()).block(WAIT);
        assertThat(oauth2.user(saved).orElseThrow().credentials()).isEqualTo(NEWER);
    }

    @Test
    void replaceCredentialsWhenNotExpectedThenNotSaved() {
        InMemoryWebSessionStore sessions = new InMemoryWebSessionStore();
        WebSession current = sessions.createWebSession().block(WAIT);
        oauth2.save(current, alice(NEWER));

        StepVerifier.create(oauth2.replaceCredentials(current, TOKENS, NEWER)).verifyComplete();

        assertThat(sessions.retrieveSession(current.getId()).blockOptional(WAIT)).isEmpty();
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
        oauth2.save(copy, alice(tokens));
        return copy;
    }

    @Test
    void reloadWhenSessionStoreHoldsNewerTokensThenThoseAndRequestSessionUnchanged() {
        oauth2.save(session, alice(TOKENS));
        oauth2.setSessionStore(storeHolding(otherInstancesCopy(NEWER)));

        StepVerifier.create(oauth2.reload(session).map(AuthorizedUser::credentials)).expectNext(NEWER)
                .verifyComplete();

        assertThat(oauth2.user(session).orElseThrow().credentials()).isEqualTo(TOKENS);
    }

    @Test
    void reloadWhenNoSessionStoreThenRequestSession() {
        oauth2.save(session, alice(TOKENS));

        StepVerifier.create(oauth2.reload(session).map(AuthorizedUser::credentials)).expectNext(TOKENS)
                .verifyComplete();
    }

    @Test
    void reloadWhenStoreNoLongerHasTheSessionThenRequestSession() {
        oauth2.save(session, alice(TOKENS));
        oauth2.setSessionStore(new InMemoryWebSessionStore());

        StepVerifier.create(oauth2.reload(session).map(AuthorizedUser::credentials)).expectNext(TOKENS)
                .verifyComplete();
    }

    @Test
    void reloadWhenStoredSessionLoggedOutThenEmpty() {
        oauth2.save(session, alice(TOKENS));
        WebSession loggedOut = otherInstancesCopy(NEWER);
        oauth2.clear(loggedOut);
        oauth2.setSessionStore(storeHolding(loggedOut));

        StepVerifier.create(oauth2.reload(session)).verifyComplete();
    }

    @Test
    void clearCredentialsWhenStoreStillHoldsRefusedThenClearedAndSavedAtOnce() {
        InMemoryWebSessionStore sessions = new InMemoryWebSessionStore();
        WebSession current = sessions.createWebSession().block(WAIT);
        oauth2.save(current, alice(TOKENS));
        current.save().block(WAIT);
        oauth2.setSessionStore(sessions);

        StepVerifier.create(oauth2.clearCredentials(current, TOKENS)).verifyComplete();

        assertThat(oauth2.user(current)).isEmpty();
        assertThat(oauth2.hasUser(sessions.retrieveSession(current.getId()).block(WAIT))).isFalse();
    }

    @Test
    void clearCredentialsWhenStoreHoldsNewerThenRequestSessionLeftAsItIs() {
        oauth2.save(session, alice(TOKENS));
        oauth2.setSessionStore(storeHolding(otherInstancesCopy(NEWER)));

        StepVerifier.create(oauth2.clearCredentials(session, TOKENS)).verifyComplete();

        assertThat(oauth2.user(session).orElseThrow().credentials()).as("untouched, so saving it undoes nothing")
                .isEqualTo(TOKENS);
    }

    @Test
    void clearCredentialsWhenRequestSessionHoldsOtherTokensThenKept() {
        oauth2.save(session, alice(NEWER));

        StepVerifier.create(oauth2.clearCredentials(session, TOKENS)).verifyComplete();

        assertThat(oauth2.user(session).orElseThrow().credentials()).isEqualTo(NEWER);
    }
}
