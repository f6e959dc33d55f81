package io.github.mwoauth.webflux;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.springframework.core.codec.CodecException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * Whether the wiki answers, for health checks: an unsigned {@code action=query&meta=siteinfo} GET to api.php
 * with the application's User-Agent (never a user's token), bounded by a timeout, its result kept for an interval
 * so that frequent probes do not reach the wiki each time.
 *
 * <p>A slow answer within the timeout is a success (its latency is reported). A failure (no answer within the
 * timeout, a refused connection, an HTTP error, an answer that is not siteinfo) makes the wiki {@link State#DOWN}
 * only once {@code failureThreshold} checks in a row have failed; until then it is {@link State#FAILING} (or
 * {@link State#UNKNOWN} when no check ever succeeded), so one slow or lost answer does not flap a probe. A result
 * older than the interval is refreshed: the caller gets the last result at once while the refresh runs, unless
 * that result is older than twice the interval, when the caller waits for the fresh one.
 */
public final class WikiReachability {

    /** What the checks so far say. */
    public enum State {
        /** The last check succeeded. */
        UP,
        /** The last checks failed, fewer than the threshold in a row, and an earlier one succeeded. */
        FAILING,
        /** No check has succeeded yet, and fewer than the threshold have failed. */
        UNKNOWN,
        /** The threshold of failed checks in a row is reached. */
        DOWN
    }

    /**
     * One result: the state, when it was checked, the last answer's latency (null when there was none), the
     * failures in a row, the last failure (null after a success), the last success (null when none yet) and the
     * wiki's name from its siteinfo (null when never read).
     */
    public record Check(State state, Instant checkedAt, @Nullable Duration latency, int consecutiveFailures,
            @Nullable String failure, @Nullable Instant lastSuccess, @Nullable String siteName) {
    }

    private final WebClient webClient;
    private final URI siteinfo;
    private final String userAgent;
    private final Duration interval;
    private final Duration timeout;
    private final int failureThreshold;
    private final Clock clock;
    private final AtomicReference<@Nullable Check> latest = new AtomicReference<>();
    private final AtomicReference<@Nullable Mono<Check>> running = new AtomicReference<>();

    /**
     * Checks the wiki at {@code apiPhp} through {@code webClient}, sending {@code userAgent}; a result is kept for
     * {@code interval} (zero: every call checks), a check waits at most {@code timeout}, and
     * {@code failureThreshold} failures in a row (at least 1) make it {@link State#DOWN}.
     */
    public WikiReachability(WebClient webClient, URI apiPhp, String userAgent, Duration interval, Duration timeout,
            int failureThreshold, Clock clock) {
        if (interval.isNegative() || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("interval cannot be negative and timeout must be positive");
        }
        if (failureThreshold < 1) {
            throw new IllegalArgumentException("failureThreshold must be at least 1");
        }
        this.webClient = Objects.requireNonNull(webClient, "webClient");
        this.siteinfo = UriComponentsBuilder.fromUri(apiPhp).queryParam("action", "query")
                .queryParam("meta", "siteinfo").queryParam("siprop", "general").queryParam("format", "json")
                .queryParam("formatversion", "2").build(true).toUri();
        this.userAgent = Objects.requireNonNull(userAgent, "userAgent");
        this.interval = interval;
        this.timeout = timeout;
        this.failureThreshold = failureThreshold;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The latest result: kept, kept while refreshed, or checked now (see the class description). */
    public Mono<Check> check() {
        return Mono.defer(() -> {
            Check last = latest.get();
            Instant now = clock.instant();
            if (last != null && now.isBefore(last.checkedAt().plus(interval))) {
                return Mono.just(last);
            }
            Mono<Check> refresh = refresh();
            if (last != null && now.isBefore(last.checkedAt().plus(interval.multipliedBy(2)))) {
                refresh.subscribe();
                return Mono.just(last);
            }
            return refresh;
        });
    }

    /** The check under way, or a new one: concurrent callers share one request to the wiki. */
    private Mono<Check> refresh() {
        Mono<Check> current = running.get();
        if (current != null) {
            return current;
        }
        // the probe always ends with one result (failures included, bounded by the timeout), and is not cancelled
        // when a caller cancels (cache() keeps it running): the next call sees its result, not the probe
        Mono<Check> probe = probe().doOnNext(check -> {
            latest.set(check);
            running.set(null);
        }).cache();
        return running.compareAndSet(null, probe) ? probe : Mono.defer(this::refreshOrLatest);
    }

    private Mono<Check> refreshOrLatest() {
        Mono<Check> current = running.get();
        Check last = latest.get();
        return current != null ? current : last != null ? Mono.just(last) : refresh();
    }

    private Mono<Check> probe() {
        return Mono.defer(() -> {
            long start = System.nanoTime();
            return webClient.get().uri(siteinfo).header(HttpHeaders.USER_AGENT, userAgent)
                    .accept(MediaType.APPLICATION_JSON).retrieve().bodyToMono(JsonNode.class)
                    .timeout(timeout)
                    .map(answer -> succeeded(answer, Duration.ofNanos(System.nanoTime() - start)))
                    .onErrorResume(e -> Mono.just(failed(describe(e), Duration.ofNanos(System.nanoTime() - start))));
        });
    }

    private Check succeeded(JsonNode answer, Duration latency) {
        JsonNode name = answer.path("query").path("general").path("sitename");
        if (!name.isString()) {
            return failed("the answer is not siteinfo" + (answer.has("error") ? " (API error "
                    + answer.path("error").path("code").asString("?") + ")" : ""), latency);
        }
        return new Check(State.UP, clock.instant(), latency, 0, null, clock.instant(), name.asString());
    }

    private Check failed(String failure, Duration latency) {
        Check last = latest.get();
        int failures = last == null ? 1 : last.consecutiveFailures() + 1;
        Instant lastSuccess = last == null ? null : last.lastSuccess();
        State state = failures >= failureThreshold ? State.DOWN : lastSuccess == null ? State.UNKNOWN : State.FAILING;
        return new Check(state, clock.instant(), latency.compareTo(timeout) < 0 ? latency : null, failures, failure,
                lastSuccess, last == null ? null : last.siteName());
    }

    /** A failure in words, for the health details: never the answer's body, which may be anything. */
    private String describe(Throwable e) {
        if (e instanceof TimeoutException) {
            return "no answer within " + timeout.toMillis() + " ms";
        }
        if (e instanceof WebClientResponseException http) {
            return "HTTP " + http.getStatusCode().value();
        }
        if (e instanceof CodecException) {
            return "the answer is not JSON";
        }
        return "the wiki could not be reached (" + e.getClass().getSimpleName() + ")";
    }
}
