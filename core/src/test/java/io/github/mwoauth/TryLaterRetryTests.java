package io.github.mwoauth;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mwoauth.WikiUnavailableException.Kind;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** The bounded backoff for "try later" answers, on virtual time. */
class TryLaterRetryTests {

    private static final Duration FIRST = Duration.ofSeconds(1);
    private static final Duration CAP = Duration.ofSeconds(30);

    @Test
    void delayWhenNoRetryAfterThenDoublesUpToCap() {
        TryLaterException busy = new TryLaterException("HTTP 503", 503, null);

        assertThat(TryLaterRetry.delay(busy, 0, FIRST, CAP)).isEqualTo(Duration.ofSeconds(1));
        assertThat(TryLaterRetry.delay(busy, 1, FIRST, CAP)).isEqualTo(Duration.ofSeconds(2));
        assertThat(TryLaterRetry.delay(busy, 3, FIRST, CAP)).isEqualTo(Duration.ofSeconds(8));
        assertThat(TryLaterRetry.delay(busy, 10, FIRST, CAP)).isEqualTo(CAP);
        assertThat(TryLaterRetry.delay(busy, 63, FIRST, CAP)).isEqualTo(CAP);
    }

    @Test
    void delayWhenRetryAfterThenThatCappedByMaxDelay() {
        assertThat(TryLaterRetry.delay(new TryLaterException("maxlag", 200, Duration.ofSeconds(5)), 4, FIRST, CAP))
                .isEqualTo(Duration.ofSeconds(5));
        assertThat(TryLaterRetry.delay(new TryLaterException("429", 429, Duration.ofHours(1)), 0, FIRST, CAP))
                .isEqualTo(CAP);
    }

    @Test
    void retryWhenAlwaysBusyThenOverloadedAfterMaxRetriesAndBackoffs() {
        AtomicInteger subscriptions = new AtomicInteger();
        Mono<String> busy = Mono.defer(() -> {
            subscriptions.incrementAndGet();
            return Mono.error(new TryLaterException("HTTP 429", 429, null));
        });

        StepVerifier.withVirtualTime(() -> busy.retryWhen(TryLaterRetry.of(3, FIRST, CAP)))
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
            return Mono.error(new MediaWikiApiException("badvalue", "no", WikiErrors.JSON.createObjectNode()));
        });

        StepVerifier.create(failing.retryWhen(TryLaterRetry.of(3, FIRST, CAP)))
                .expectError(MediaWikiApiException.class).verify(Duration.ofSeconds(5));
        assertThat(subscriptions).hasValue(1);
    }
}
