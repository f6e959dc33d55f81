package io.github.mwoauth.oauth2;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

class TokenRefreshesTests {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final OAuth2Tokens STALE = new OAuth2Tokens("old", "refresh-1", Instant.EPOCH);
    private static final OAuth2Tokens FRESH = new OAuth2Tokens("new", "refresh-2", Instant.EPOCH.plusSeconds(3600));

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-28T12:00:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };
    private final TokenRefreshes refreshes = new TokenRefreshes(10, clock);
    private final AtomicInteger calls = new AtomicInteger();

    @Test
    void refreshWhenTwoSubscribersDuringOneRefreshThenOneCallAndEntryRemovedWhenDone() {
        Sinks.One<OAuth2Tokens> answer = Sinks.one();
        Mono<OAuth2Tokens> first = refreshes.refresh(STALE, t -> {
            calls.incrementAndGet();
            return answer.asMono();
        });
        Mono<OAuth2Tokens> second = refreshes.refresh(STALE, t -> {
            calls.incrementAndGet();
            return Mono.just(STALE);
        });
        AtomicReference<OAuth2Tokens> gotFirst = new AtomicReference<>();
        AtomicReference<OAuth2Tokens> gotSecond = new AtomicReference<>();
        first.subscribe(gotFirst::set);
        second.subscribe(gotSecond::set);
        assertThat(gotFirst.get()).isNull();

        answer.tryEmitValue(FRESH);

        assertThat(gotFirst.get()).isEqualTo(FRESH);
        assertThat(gotSecond.get()).as("the second waited for the first's refresh").isEqualTo(FRESH);
        assertThat(calls).hasValue(1);
    }

    @Test
    void refreshWhenDoneRecentlyThenSameTokensUntilRecentPassed() {
        StepVerifier.create(refreshes.refresh(STALE, t -> counted(FRESH))).expectNext(FRESH).verifyComplete();
        now.set(now.get().plus(TokenRefreshes.RECENT).minusSeconds(1));
        StepVerifier.create(refreshes.refresh(STALE, t -> counted(STALE))).expectNext(FRESH).verifyComplete();
        assertThat(calls).hasValue(1);

        now.set(now.get().plusSeconds(1));
        StepVerifier.create(refreshes.refresh(STALE, t -> counted(FRESH))).expectNext(FRESH).verifyComplete();
        assertThat(calls).hasValue(2);
    }

    @Test
    void refreshWhenRefusedThenErrorNotRememberedAndNextCallTriesAgain() {
        OAuth2Exception refused = new OAuth2Exception("refresh", "invalid_grant", "Token has been revoked", null, 400);
        StepVerifier.create(refreshes.refresh(STALE, t -> {
            calls.incrementAndGet();
            return Mono.error(refused);
        })).expectErrorMatches(e -> e == refused).verify(WAIT);

        StepVerifier.create(refreshes.refresh(STALE, t -> counted(FRESH))).expectNext(FRESH).verifyComplete();
        assertThat(calls).hasValue(2);
    }

    @Test
    void refreshWhenNoRefreshTokenThenIllegalArgument() {
        StepVerifier.create(refreshes.refresh(OAuth2Tokens.ownerOnly("a"), t -> counted(FRESH)))
                .expectError(IllegalArgumentException.class).verify(WAIT);
        assertThat(calls).hasValue(0);
    }

    private Mono<OAuth2Tokens> counted(OAuth2Tokens result) {
        return Mono.fromSupplier(() -> {
            calls.incrementAndGet();
            return result;
        });
    }
}
