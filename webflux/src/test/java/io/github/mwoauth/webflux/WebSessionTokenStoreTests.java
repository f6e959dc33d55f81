package io.github.mwoauth.webflux;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mwoauth.MediaWikiIdentity;
import io.github.mwoauth.login.AuthorizedUser;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.WebSession;
import org.springframework.web.server.session.InMemoryWebSessionStore;
import reactor.test.StepVerifier;

class WebSessionTokenStoreTests {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final WebSessionCredentialsRepository users = new WebSessionCredentialsRepository(
            SessionSealer.ephemeral(), TestLogins.OAUTH1, SessionAccess.defaults());
    private final WebSessionTokenStore store = new WebSessionTokenStore(users);
    private final WebSession session = new InMemoryWebSessionStore().createWebSession().block(WAIT);

    @Test
    void loadWhenExchangeInContextThenActsForItsSession() {
        users.save(session, new AuthorizedUser(TestIdentities.accessToken(), TestIdentities.alice()));
        MockServerWebExchange exchange = MockServerWebExchange.builder(MockServerHttpRequest.get("/")).session(session)
                .build();

        StepVerifier.create(store.load().contextWrite(c -> SessionAccess.withExchange(c, exchange)))
                .assertNext(user -> assertThat(user.credentials()).isEqualTo(TestIdentities.accessToken()))
                .expectComplete()
                .verify(WAIT);
        StepVerifier.create(store.clear().contextWrite(c -> SessionAccess.withExchange(c, exchange)))
                .expectComplete()
                .verify(WAIT);
        assertThat(users.user(session)).isEmpty();
    }

    @Test
    void loadWhenNoExchangeInContextThenEmpty() {
        StepVerifier.create(store.load()).expectComplete().verify(WAIT);
    }

    @Test
    void forExchangeWhenBoundThenActsForThatSessionWithoutContext() {
        users.save(session, new AuthorizedUser(TestIdentities.accessToken(), TestIdentities.alice()));
        MockServerWebExchange exchange = MockServerWebExchange.builder(MockServerHttpRequest.get("/")).session(session)
                .build();

        StepVerifier.create(store.forExchange(exchange).load().map(AuthorizedUser::credentials))
                .expectNext(TestIdentities.accessToken()).verifyComplete();
    }

    @Test
    void forSessionWhenIdentitySavedThenStored() {
        users.save(session, new AuthorizedUser(TestIdentities.accessToken(), TestIdentities.alice()));
        MediaWikiIdentity renamed = new MediaWikiIdentity("4", "Alice2", List.of(), List.of(), List.of(), 13, true,
                false, null, null, null, Map.of());

        StepVerifier.create(store.forSession(session).saveIdentity(renamed)).expectComplete().verify(WAIT);

        MediaWikiIdentity stored = users.user(session).orElseThrow().identity();
        assertThat(stored).isNotNull();
        assertThat(stored.username()).isEqualTo("Alice2");
        assertThat(stored.blocked()).isTrue();
    }

    @Test
    void isFixedThenFalse() {
        assertThat(store.isFixed()).isFalse();
    }
}
