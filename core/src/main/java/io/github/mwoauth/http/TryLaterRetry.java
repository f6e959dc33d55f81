package io.github.mwoauth.http;

import io.github.mwoauth.WikiUnavailableException.Kind;
import io.github.mwoauth.WikiUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Retries answers that ask to come back later ({@code maxlag}, HTTP 429, HTTP 503), at most {@code maxRetries}
 * times in all: after the wiki's {@code Retry-After} when it sent one that parses (delay-seconds, or an HTTP-date
 * read against {@code clock}), otherwise after an exponential backoff ({@code firstBackoff}, doubled each time);
 * never longer than {@code maxDelay}. Other failures pass through.
 */
public final class TryLaterRetry {

    /** How many times a "try later" answer is retried, unless configured otherwise. */
    public static final int DEFAULT_MAX_RETRIES = 2;

    /** The first wait before a retry when the wiki sent no {@code Retry-After}, unless configured otherwise. */
    public static final Duration DEFAULT_BACKOFF = Duration.ofSeconds(1);

    /** The longest wait before a retry, unless configured otherwise. */
    public static final Duration DEFAULT_MAX_DELAY = Duration.ofSeconds(30);

    private TryLaterRetry() {
    }

    public static Retry of(int maxRetries, Duration firstBackoff, Duration maxDelay, Clock clock) {
        return Retry.from(signals -> signals.concatMap(signal -> {
            Throwable failure = signal.failure();
            if (!(failure instanceof TryLaterException later)) {
                return Mono.error(failure);
            }
            long attempt = signal.totalRetries();
            if (attempt >= maxRetries) {
                return Mono.error(new WikiUnavailableException(Kind.OVERLOADED, later.status(),
                        "The wiki asked to try later (" + later.getMessage() + ") and " + maxRetries
                                + " retries ran out", later));
            }
            return Mono.delay(delay(later, attempt, firstBackoff, maxDelay, clock.instant()));
        }));
    }

    static Duration delay(TryLaterException later, long attempt, Duration firstBackoff, Duration maxDelay,
            Instant now) {
        RetryAfter retryAfter = later.retryAfter();
        Duration asked = retryAfter == null ? null : retryAfter.delayFrom(now);
        Duration wait = asked != null ? asked : firstBackoff.multipliedBy(1L << Math.min(attempt, 20));
        return wait.compareTo(maxDelay) > 0 ? maxDelay : wait;
    }
}
