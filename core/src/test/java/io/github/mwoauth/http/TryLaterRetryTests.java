package io.github.mwoauth.http;

import io.github.mwoauth.MediaWikiApiException;
import io.github.mwoauth.WikiUnavailableException;
import io.github.mwoauth.http.WikiErrors;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.mwoauth.WikiUnavailableException.Kind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** The bounded backoff for "try later" answers, on virtual time. */
class TryLaterRetryTests {

    private static final Duration FIRST = Duration.ofSeconds(1);
    private static final Duration CAP = Duration.ofSeconds(30);
    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @Test
    void delayWhenNoRetryAfterThenDoublesUpToCap() {
        TryLaterException busy = new TryLaterException("HTTP 503", 503, null);

        assertThat(TryLaterRetry.delay(busy, 0, FIRST, CAP, NOW)).isEqualTo(Duration.ofSeconds(1));
        assertThat(TryLaterRetry.delay(busy, 1, FIRST, CAP, NOW)).isEqualTo(Duration.ofSeconds(2));
        assertThat(TryLaterRetry.delay(busy, 3, FIRST, CAP, NOW)).isEqualTo(Duration.ofSeconds(8));
        assertThat(TryLaterRetry.delay(busy, 10, FIRST, CAP, NOW)).isEqualTo(CAP);
        assertThat(TryLaterRetry.delay(busy, 63, FIRST, CAP, NOW)).isEqualTo(CAP);
    }

    @Test
    void delayWhenRetryAfterThenThatCappedByMaxDelay() {
        assertThat(TryLaterRetry.delay(later("5"), 4, FIRST, CAP, NOW)).isEqualTo(Duration.ofSeconds(5));
        assertThat(TryLaterRetry.delay(later("3600"), 0, FIRST, CAP, NOW)).isEqualTo(CAP);
    }

    @Test
    void delayWhenRetryAfterIsHttpDateThenTimeUntilItByTheClockCappedByMaxDelay() {
        assertThat(TryLaterRetry.delay(later("Sat, 28 Nov 2026 12:00:07 GMT"), 0, FIRST, CAP, NOW))
                .isEqualTo(Duration.ofSeconds(7));
        assertThat(TryLaterRetry.delay(later("Sat, 28 Nov 2026 13:00:00 GMT"), 0, FIRST, CAP, NOW)).isEqualTo(CAP);
        assertThat(TryLaterRetry.delay(later("Sat, 28 Nov 2026 11:59:00 GMT"), 3, FIRST, CAP, NOW))
                .as("a date already past: no wait").isZero();
    }

    @Test
    void delayWhenRetryAfterUnparseableThenBackoff() {
        assertThat(TryLaterRetry.delay(later("soon"), 2, FIRST, CAP, NOW)).isEqualTo(Duration.ofSeconds(4));
        assertThat(TryLaterRetry.delay(later("Sun, 31 Nov 2026 12:00:07 GMT"), 0, FIRST, CAP, NOW))
                .isEqualTo(FIRST);
    }

    @Test
    void retryWhenRetryAfterDateThenResubscribedExactlyThenOnVirtualTime() {
        AtomicInteger subscriptions = new AtomicInteger();
        Mono<String> busyOnce = Mono.defer(() -> subscriptions.incrementAndGet() == 1
                ? Mono.error(later("Sat, 28 Nov 2026 12:00:03 GMT"))
                : Mono.just("done"));

        StepVerifier.withVirtualTime(() -> busyOnce.retryWhen(TryLaterRetry.of(3, Duration.ofHours(1), CAP, CLOCK)))
                .expectSubscription()
                .thenAwait(Duration.ofMillis(2999))
                .then(() -> assertThat(subscriptions).hasValue(1))
                .thenAwait(Duration.ofMillis(1))
                .expectNext("done")
                .verifyComplete();
        assertThat(subscriptions).hasValue(2);
    }

    private static TryLaterException later(String retryAfter) {
        return new TryLaterException("HTTP 503", 503, RetryAfter.parse(retryAfter));
    }

    @Test
    void retryWhenAlwaysBusyThenOverloadedAfterMaxRetriesAndBackoffs() {
        AtomicInteger subscriptions = new AtomicInteger();
        Mono<String> busy = Mono.defer(() -> {
            subscriptions.incrementAndGet();
            return Mono.error(new TryLaterException("HTTP 429", 429, null));
        });

        StepVerifier.withVirtualTime(() -> busy.retryWhen(TryLaterRetry.of(3, FIRST, CAP, CLOCK)))
                .expectSubscription()
                .thenAwait(Duration.ofSeconds(1 + 2 + 4))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOfSatisfying(WikiUnavailableException.class, w -> {
                    assertThat(w.kind()).isEqualTo(Kind.OVERLOADED);
                    assertThat(w.status()).isEqualTo(429);
                }))
                .verify(Duration.ofSeconds(5));
        assertThat(subscriptions).hasValue(4);
    }

    @Test
    void retryWhenOtherFailureThenPassedThroughAtOnce() {
        AtomicInteger subscriptions = new AtomicInteger();
        Mono<String> failing = Mono.defer(() -> {
            subscriptions.incrementAndGet();
            return Mono.error(new MediaWikiApiException("badvalue", "no", io.github.mwoauth.support.Json.MAPPER.createObjectNode()));
        });

        StepVerifier.create(failing.retryWhen(TryLaterRetry.of(3, FIRST, CAP, CLOCK)))
                .expectError(MediaWikiApiException.class).verify(Duration.ofSeconds(5));
        assertThat(subscriptions).hasValue(1);
    }
}
