package io.github.mwoauth.login;

import io.github.mwoauth.MediaWikiIdentity;
import io.github.mwoauth.oauth2.OAuth2Tokens;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class TokenStoreTests {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final OAuth2Tokens REFUSED = new OAuth2Tokens("old", "refresh-1", Instant.parse("2026-11-28T12:00:00Z"));
    private static final OAuth2Tokens NEWER = new OAuth2Tokens("new", "refresh-2", Instant.parse("2026-11-28T13:00:00Z"));

    @Test
    void clearCredentialsWhenFixedStoreStillHoldsRefusedThenCleared() {
        TokenStore store = TokenStore.fixed(REFUSED);

        StepVerifier.create(store.clearCredentials(REFUSED)).verifyComplete();

        StepVerifier.create(store.load()).verifyComplete();
    }

    @Test
    void clearCredentialsWhenFixedStoreHoldsNewerThenKept() {
        TokenStore store = TokenStore.fixed(REFUSED);
        StepVerifier.create(store.replaceCredentials(REFUSED, NEWER)).verifyComplete();

        StepVerifier.create(store.clearCredentials(REFUSED)).verifyComplete();

        StepVerifier.create(store.load().map(AuthorizedUser::credentials)).expectNext(NEWER).verifyComplete();
    }

    @Test
    void reloadWhenFixedStoreThenWhatItHoldsNow() {
        TokenStore store = TokenStore.fixed(REFUSED);
        StepVerifier.create(store.replaceCredentials(REFUSED, NEWER)).verifyComplete();

        StepVerifier.create(store.reload().map(AuthorizedUser::credentials)).expectNext(NEWER).verifyComplete();
    }

    @Test
    void defaultsWhenStoreOverridesNeitherThenReloadLoadsAndClearCredentialsClears() {
        AtomicInteger loads = new AtomicInteger();
        AtomicInteger clears = new AtomicInteger();
        TokenStore store = new TokenStore() {
            @Override
            public Mono<AuthorizedUser> load() {
                return Mono.fromSupplier(() -> {
                    loads.incrementAndGet();
                    return new AuthorizedUser(NEWER, null);
                });
            }

            @Override
            public Mono<Void> saveIdentity(MediaWikiIdentity identity) {
                return Mono.empty();
            }

            @Override
            public Mono<Void> clear() {
                return Mono.fromRunnable(clears::incrementAndGet);
            }
        };

        StepVerifier.create(store.reload().map(AuthorizedUser::credentials)).expectNext(NEWER).verifyComplete();
        StepVerifier.create(store.clearCredentials(REFUSED)).verifyComplete();

        assertThat(loads).hasValue(1);
        assertThat(clears).as("the default cannot compare: it clears").hasValue(1);
    }

    @Test
    void oauth2TokensWhenExpiryHasFractionThenWholeSecondsAndEqualToStoredForm() {
        OAuth2Tokens precise = new OAuth2Tokens("a", "r", Instant.parse("2026-11-28T12:00:00.987654321Z"));

        assertThat(precise.expiresAt()).isEqualTo(Instant.parse("2026-11-28T12:00:00Z"));
        assertThat(precise).isEqualTo(new OAuth2Tokens("a", "r", Instant.ofEpochSecond(precise.expiresAt().getEpochSecond())));
        assertThat(OAuth2Tokens.ownerOnly("a").expiresAt()).isEqualTo(Instant.MAX);
    }

    @Test
    void clearCredentialsWhenNothingStoredThenStillEmpty() {
        TokenStore store = TokenStore.fixed(REFUSED);
        StepVerifier.create(store.clear()).verifyComplete();

        StepVerifier.create(store.clearCredentials(REFUSED).then(store.load())).verifyComplete();
        assertThat(store.reload().blockOptional(WAIT)).isEmpty();
    }
}
