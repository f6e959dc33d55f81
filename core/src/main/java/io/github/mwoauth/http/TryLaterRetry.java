package io.github.mwoauth.http;

import io.github.mwoauth.WikiUnavailableException.Kind;
import io.github.mwoauth.WikiUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import reactor.core.publisher.Mono;

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

    private final int maxRetries;
    private final Duration firstBackoff;
    private final Duration maxDelay;
    private final Clock clock;

    private TryLaterRetry(int maxRetries, Duration firstBackoff, Duration maxDelay, Clock clock) {
        this.maxRetries = maxRetries;
        this.firstBackoff = firstBackoff;
        this.maxDelay = maxDelay;
        this.clock = clock;
    }

    public static TryLaterRetry of(int maxRetries, Duration firstBackoff, Duration maxDelay, Clock clock) {
        return new TryLaterRetry(maxRetries, firstBackoff, maxDelay, clock);
    }

    /**
     * {@code source}, subscribed again after each "try later" answer it fails with. Built from
     * {@code onErrorResume} rather than {@code retryWhen}, whose companion sink and queue every call would pay for
     * although almost none is ever retried.
     */
    public <T> Mono<T> retrying(Mono<T> source) {
        return attempt(source, 0);
    }

    private <T> Mono<T> attempt(Mono<T> source, long retries) {
        return source.onErrorResume(TryLaterException.class, later -> {
            if (retries >= maxRetries) {
                return Mono.error(new WikiUnavailableException(Kind.OVERLOADED, later.status(),
                        "The wiki asked to try later (" + later.getMessage() + ") and " + maxRetries
                                + " retries ran out", later));
            }
            return Mono.delay(delay(later, retries, firstBackoff, maxDelay, clock.instant()))
                    .then(Mono.defer(() -> attempt(source, retries + 1)));
        });
    }

    static Duration delay(TryLaterException later, long attempt, Duration firstBackoff, Duration maxDelay,
            Instant now) {
        RetryAfter retryAfter = later.retryAfter();
        Duration asked = retryAfter == null ? null : retryAfter.delayFrom(now);
        Duration wait = asked != null ? asked : firstBackoff.multipliedBy(1L << Math.min(attempt, 20));
        return wait.compareTo(maxDelay) > 0 ? maxDelay : wait;
    }
}
